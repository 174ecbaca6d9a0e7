"""The ledger exports as a spreadsheet: one row per measure, Chinese headers, frozen and filterable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell

from reformtrack.ingest.model import ParsedPlan
from reformtrack.ingest.read_sheet import read_sheet
from reformtrack.ingest.sheet_header import detect_header
from reformtrack.ledger.export import COLUMNS, ledger_to_xlsx
from reformtrack.ledger.models import Plan, Project
from reformtrack.ledger.selectors import plan_ledger
from reformtrack.ledger.services import plan_import

pytestmark = pytest.mark.django_db

MakePlan = Callable[..., ParsedPlan]
HEADER = ["章节", "项目", "举措", "牵头单位", "配合单位", "指标", "完成时限", "标记", "截止日期", "最新进展"]


def test_it_writes_one_row_per_measure(store_plan: Callable[..., Plan], tmp_path: Path) -> None:
    plan = store_plan(chapters=2, projects=2, measures=3, children=1)
    path = tmp_path / "ledger.xlsx"

    count = ledger_to_xlsx(plan_ledger(plan), path)

    sheet = load_workbook(path).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert count == len(rows) - 1 == 2 * 2 * (3 + 1)
    first = rows[1]
    assert first[0] == "一、第1章的标题"
    assert first[1] == "（1）项目1-1"
    assert first[2] == "举措1-1-1"
    assert first[3] == "区经济促进局"  # the measure's own lead unit
    assert first[4] == "各街道办事处"
    assert first[5] == "打造2至3个网商集聚区"
    assert first[6] == "2014年上半年"
    assert first[7] == "“阳光慈尚”与“大爱罗湖”之间缺失一个字（以□标示），请补全。"
    second = rows[2]
    assert second[3] == "区发改局、区财政局"  # no units of its own: the project's
    assert second[6] == "2013年底前"
    assert rows[4][1] == "1.子项1-1-1"


def test_it_freezes_the_header_sets_widths_and_filters(
    store_plan: Callable[..., Plan], tmp_path: Path
) -> None:
    plan = store_plan(chapters=1, projects=1, measures=2, children=0)
    path = tmp_path / "ledger.xlsx"

    ledger_to_xlsx(plan_ledger(plan), path)

    sheet = load_workbook(path).active
    assert sheet is not None
    assert sheet.title == "台账"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:J3"
    assert sheet.column_dimensions["C"].width == dict(COLUMNS)["举措"]
    assert sheet["A1"].font.bold


def test_a_project_without_measures_still_has_a_row(store_plan: Callable[..., Plan], tmp_path: Path) -> None:
    plan = store_plan(chapters=1, projects=1, measures=0, children=0)
    path = tmp_path / "ledger.xlsx"

    assert ledger_to_xlsx(plan_ledger(plan), path) == 1

    sheet = load_workbook(path).active
    assert sheet is not None
    assert sheet["B2"].value == "（1）项目1-1"
    assert sheet["C2"].value is None


def test_it_keeps_formula_like_text_as_text(make_plan: MakePlan, tmp_path: Path) -> None:
    parsed = make_plan(chapters=1, projects=1, measures=2, children=0, lead_units=("=HYPERLINK(1)局",))
    item = parsed.chapters[0].items[0]
    item.measures[0].text = "=cmd|' /C calc'!A0 建成10个示范社区"
    item.measures[1].text = "@SUM(1) 完成20个项目"
    item.targets[0].text = "+1 打造2至3个网商集聚区"
    plan = plan_import(parsed=parsed, source_bytes=b"formula", filename="plan.txt")
    path = tmp_path / "ledger.xlsx"

    ledger_to_xlsx(plan_ledger(plan), path)

    cells = [cell for row in load_workbook(path)["台账"].iter_rows(min_row=2) for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    texts = {cell.value for cell in cells}
    assert {"=cmd|' /C calc'!A0 建成10个示范社区", "@SUM(1) 完成20个项目", "+1 打造2至3个网商集聚区"} <= texts
    assert "=HYPERLINK（1）局" in texts  # the registry's normal form of the name, as text


def test_a_deadline_without_printed_words_is_a_date_cell(make_plan: MakePlan, tmp_path: Path) -> None:
    parsed = make_plan(chapters=1, projects=1, measures=2, children=0)
    parsed.chapters[0].items[0].deadline_text = ""
    plan = plan_import(parsed=parsed, source_bytes=b"dates", filename="plan.txt")
    path = tmp_path / "ledger.xlsx"

    ledger_to_xlsx(plan_ledger(plan), path)

    sheet = load_workbook(path)["台账"]
    printed, dated = sheet["G2"], sheet["G3"]
    assert printed.value == "2014年上半年"  # the measure's own printed deadline stays words
    assert dated.is_date and dated.value == dt.datetime(2013, 12, 31)  # the project's date


def test_the_office_columns_hold_the_deadline_date_and_the_latest_progress(
    store_plan: Callable[..., Plan], tmp_path: Path
) -> None:
    plan = store_plan(chapters=1, projects=2, measures=1, children=0)
    first = plan.projects.order_by("position").first()
    assert first is not None
    Project.objects.filter(pk=first.pk).update(progress_note="已出台实施方案，完成试点")
    path = tmp_path / "ledger.xlsx"

    ledger_to_xlsx(plan_ledger(plan), path)

    sheet = load_workbook(path)["台账"]
    header = [cell.value for cell in sheet[1]]
    deadline, note = sheet.cell(2, header.index("截止日期") + 1), sheet.cell(2, header.index("最新进展") + 1)
    assert isinstance(deadline, Cell)
    assert deadline.is_date and deadline.value == dt.datetime(2014, 6, 30)  # the measure's own date
    assert deadline.number_format == 'yyyy"年"m"月"d"日"'
    assert note.value == "已出台实施方案，完成试点"
    assert sheet.cell(3, header.index("最新进展") + 1).value is None  # the other project has none
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape"


def test_the_ledger_reader_takes_the_date_cells_and_the_latest_progress(
    store_plan: Callable[..., Plan], tmp_path: Path
) -> None:
    plan = store_plan(chapters=1, projects=1, measures=1, children=0)
    Project.objects.filter(plan=plan).update(progress_note="完成试点")
    path = tmp_path / "ledger.xlsx"
    ledger_to_xlsx(plan_ledger(plan), path)

    [data] = read_sheet(path.read_bytes(), "ledger.xlsx")
    header = detect_header(data.rows, "ledger.xlsx")

    fields = {header.headings[column]: name for column, name in header.mapping.items()}
    assert fields["最新进展"] == "progress"  # a progress update reads it back as 进展情况
    assert fields["截止日期"] == ""  # the plan's deadline is 完成时限: the date is for reading
    row = data.rows[header.data_start]
    assert row[header.headings.index("截止日期")] == dt.date(2014, 6, 30)
    assert row[header.headings.index("最新进展")] == "完成试点"
