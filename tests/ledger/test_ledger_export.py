"""The ledger exports as a spreadsheet: one row per measure, Chinese headers, frozen and filterable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reformtrack.ingest.model import ParsedPlan
from reformtrack.ledger.export import COLUMNS, ledger_to_xlsx
from reformtrack.ledger.models import Plan
from reformtrack.ledger.selectors import plan_ledger
from reformtrack.ledger.services import plan_import

pytestmark = pytest.mark.django_db

MakePlan = Callable[..., ParsedPlan]
HEADER = ["章节", "项目", "举措", "牵头单位", "配合单位", "指标", "完成时限", "标记"]


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
    assert sheet.auto_filter.ref == "A1:H3"
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
