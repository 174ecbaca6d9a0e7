"""A ledger (台账) spreadsheet read into a plan: header detection, merged cells, formats, bad input."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

import openpyxl
import pytest
import xlwt  # type: ignore[import-untyped]  # no stubs; writes the .xls fixture

from reformtrack.ingest import IngestError, NoStructure, UnreadableDocument, parse_bytes
from reformtrack.ingest.pipeline import parse_sheet
from reformtrack.ingest.read_sheet import FormulaCells, read_sheet, sheet_kind
from reformtrack.ingest.sheet_header import detect_header, field_for
from reformtrack.ingest.sheet_plan import LedgerRowsRefused, split_units

Row = Sequence[object]
Rows = Sequence[Row]


def xlsx(rows: Rows, merges: Sequence[str] = ()) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    for merge in merges:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


TWO_ROW_HEADER: list[list[object]] = [
    ["罗湖区2014年改革任务台账（2014—2015年）"],
    ["序号", "重点任务", "具体举措", "责任单位", None, "完成时限", "进展情况"],
    [None, None, None, "牵头单位", "配合单位", None, None],
    [
        1,
        "（一）推进商事登记改革",
        "建立审批与监管衔接机制",
        "区发改局",
        "区财政局、各街道办事处",
        "2014年底前",
        "",
    ],
    [None, None, "完善市场监管信息化体系", "区发改局", "区财政局、各街道办事处", "2014年底前", ""],
    [2, "（二）深化教育改革", "实施“大生均”拨款制度", "区教育局", None, dt.datetime(2015, 6, 30), "已启动"],
]
# 台账 title over all columns; 责任单位 over 牵头/配合; 序号, 重点任务 … down over two header rows;
# 序号 and 重点任务 of project 1 down over its two measures.
TWO_ROW_MERGES = ["A1:G1", "D2:E2", "A2:A3", "B2:B3", "C2:C3", "F2:F3", "G2:G3", "A4:A5", "B4:B5"]


def test_it_reads_a_two_row_header_with_merged_cells() -> None:
    plan = parse_sheet(xlsx(TWO_ROW_HEADER, TWO_ROW_MERGES), "台账.xlsx")

    assert plan.title == "罗湖区2014年改革任务台账（2014—2015年）"
    assert (plan.period_start, plan.period_end) == (2014, 2015)
    assert plan.source_format == "xlsx"
    [chapter] = plan.chapters
    first, second = chapter.items
    assert (first.label, first.number, first.title) == ("（一）", 1, "推进商事登记改革")
    assert [m.text for m in first.measures] == ["建立审批与监管衔接机制", "完善市场监管信息化体系"]
    assert first.lead_units == ["区发改局"]
    assert first.co_units == ["区财政局", "各街道办事处"]
    assert (first.deadline, first.deadline_text) == (dt.date(2014, 12, 31), "2014年底前")
    assert second.deadline == dt.date(2015, 6, 30)
    assert second.lead_units == ["区教育局"]


def test_the_header_maps_common_column_names() -> None:
    rows = read_sheet(xlsx(TWO_ROW_HEADER), "台账.xlsx")[0].rows  # not merged: blanks in both header rows
    header = detect_header(rows, "台账.xlsx")

    # the title row above is no header row; the row of 牵头单位/配合单位 below is
    assert (header.first_row, header.last_row) == (1, 2)
    assert header.mapping[3] == "lead_units" and header.mapping[4] == "co_units"
    assert field_for("具体举措") == "measure"
    assert field_for("完成时限（年月）") == "deadline"
    assert field_for("牵头单位\n") == "lead_units"
    assert field_for("备注") == "note"
    assert field_for("罗湖区改革") is None


def test_merged_header_rows_make_one_header() -> None:
    sheet = read_sheet(xlsx(TWO_ROW_HEADER, TWO_ROW_MERGES), "台账.xlsx")[0]

    header = detect_header(sheet.rows, "台账.xlsx")

    assert (header.first_row, header.last_row) == (1, 2)
    assert header.mapping == {
        0: "number",
        1: "project",
        2: "measure",
        3: "lead_units",
        4: "co_units",
        5: "deadline",
        6: "progress",
    }
    assert header.headings[3] == "责任单位/牵头单位"


def test_sub_projects_nest_by_their_labels() -> None:
    rows = [
        ["章节", "项目", "举措", "牵头单位"],
        ["一、经济体制改革", "（一）商事改革", "", "区发改局"],
        ["一、经济体制改革", "1.登记改革", "推行电子营业执照", "区市场监管局"],
        ["一、经济体制改革", "2.审批改革", "精简审批事项", "区发改局"],
        ["一、经济体制改革", "（二）财政改革", "全口径预算", "区财政局"],
        ["三、社会改革", "（一）教育改革", "大生均拨款", "区教育局"],
    ]

    plan = parse_sheet(xlsx(rows), "台账.xlsx")

    assert [(c.number, c.title) for c in plan.chapters] == [(1, "经济体制改革"), (3, "社会改革")]
    parent, other = plan.chapters[0].items
    assert parent.measures == []
    assert [(c.label, c.title, c.level) for c in parent.children] == [
        ("1.", "登记改革", 2),
        ("2.", "审批改革", 2),
    ]
    assert other.label == "（二）" and other.level == 1


def test_a_project_number_twice_is_refused_naming_both_rows() -> None:
    rows = [
        ["重点任务", "具体举措", "牵头单位"],
        ["（一）商事改革", "举措一", "区发改局"],
        ["（二）财政改革", "举措二", "区财政局"],
        ["（一）教育改革", "举措三", "区教育局"],
    ]

    with pytest.raises(LedgerRowsRefused) as caught:
        parse_sheet(xlsx(rows), "台账.xlsx")

    [problem] = caught.value.problems
    assert (problem.row, problem.code) == (4, "duplicate")
    assert "rows 2 and 4" in str(caught.value)


def test_every_unreadable_row_is_listed_and_nothing_returned() -> None:
    rows = [
        ["重点任务", "具体举措", "牵头单位", "完成时限"],
        ["（一）商事改革", "举措一", "区发改局", "看情况"],
        ["", "举措二", "区财政局", "2014年"],
        ["（二）教育改革", "举措三", "区教育局", "明年再说吧"],
    ]

    with pytest.raises(LedgerRowsRefused) as caught:
        parse_sheet(xlsx(rows), "台账.xlsx")

    assert [(p.row, p.code) for p in caught.value.problems] == [
        (2, "deadline"),
        (3, "no_project"),
        (4, "deadline"),
    ]
    assert "\n" not in str(caught.value)


def test_a_spreadsheet_that_is_no_ledger_is_refused() -> None:
    rows = [["姓名", "电话"], ["张三", "123"]]

    with pytest.raises(NoStructure, match="no ledger header in the first 10 rows"):
        parse_bytes(xlsx(rows), "通讯录.xlsx")


def test_a_header_without_project_or_measure_cannot_be_mapped() -> None:
    rows = [["牵头单位", "完成时限", "备注"], ["区发改局", "2014年", ""]]

    with pytest.raises(NoStructure, match="the header cannot be mapped"):
        parse_bytes(xlsx(rows), "台账.xlsx")


def test_a_mapping_given_by_a_person_wins() -> None:
    rows = [["甲", "乙", "丙"], ["（一）商事改革", "举措一", "区发改局"]]

    plan = parse_sheet(xlsx(rows), "台账.xlsx", mapping={0: "project", 1: "measure", 2: "lead_units"})

    assert plan.chapters[0].items[0].lead_units == ["区发改局"]


def test_formula_cells_are_refused_naming_them() -> None:
    rows = [["序号", "重点任务", "具体举措"], ["=ROW()-1", "（一）商事改革", "举措一"]]

    with pytest.raises(FormulaCells) as caught:
        parse_bytes(xlsx(rows), "台账.xlsx")

    assert "A2" in str(caught.value) and "values" in str(caught.value)


def test_a_csv_ledger_in_gb18030_is_read() -> None:
    text = "重点任务,具体举措,牵头单位,完成时限\n（一）商事改革,建立衔接机制,区发改局、区财政局,2014年底前\n"

    plan = parse_bytes(text.encode("gb18030"), "台账.csv")

    item = plan.chapters[0].items[0]
    assert item.lead_units == ["区发改局", "区财政局"]
    assert plan.source_format == "csv" and plan.source_encoding == "gb18030"


def test_an_old_excel_ledger_is_read_with_its_merged_cells() -> None:
    book = xlwt.Workbook()
    sheet = book.add_sheet("台账")
    for c, value in enumerate(["序号", "重点任务", "具体举措", "牵头单位", "完成时限"]):
        sheet.write(0, c, value)
    sheet.write_merge(1, 2, 1, 1, "（一）推进商事登记改革")
    sheet.write(1, 2, "举措一")
    sheet.write(2, 2, "举措二")
    sheet.write(1, 3, "区发改局")
    sheet.write(2, 3, "区发改局")
    sheet.write(1, 4, dt.date(2014, 12, 31), xlwt.easyxf(num_format_str="yyyy-mm-dd"))
    out = io.BytesIO()
    book.save(out)

    plan = parse_bytes(out.getvalue(), "台账.xls")

    item = plan.chapters[0].items[0]
    assert [m.text for m in item.measures] == ["举措一", "举措二"]
    assert item.measures[0].deadline == dt.date(2014, 12, 31)
    assert plan.source_format == "xls"


@pytest.mark.parametrize(
    ("data", "filename", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "台账.xls", "damaged or not a workbook"),
        (b"PK\x03\x04xl/workbook.xml" + bytes(40), "台账.xlsx", "damaged"),
        (xlsx([[None]]), "空.xlsx", "empty"),
    ],
)
def test_damaged_or_empty_spreadsheets_are_refused_in_one_line(
    data: bytes, filename: str, words: str
) -> None:
    with pytest.raises(IngestError) as caught:
        parse_bytes(data, filename)

    assert isinstance(caught.value, UnreadableDocument)
    assert str(caught.value).startswith(f"{filename}: ") and words in str(caught.value)
    assert "\n" not in str(caught.value)


def test_spreadsheets_are_told_by_content_and_csv_by_name() -> None:
    assert sheet_kind(xlsx([["a"]]), "ledger.bin") == "xlsx"
    assert sheet_kind(b"a,b\n", "ledger.csv") == "csv"
    assert sheet_kind(b"a,b\n", "ledger.txt") is None


def test_units_split_on_chinese_and_western_separators() -> None:
    assert split_units("区发改局、区财政局，各街道办事处;区教育局\n区民政局") == [
        "区发改局",
        "区财政局",
        "各街道办事处",
        "区教育局",
        "区民政局",
    ]


def test_a_percent_cell_reads_as_the_percent_it_shows() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["进度", "数量"])
    sheet.append([0.8, 1])
    sheet.append([1, 0.5])
    sheet["A2"].number_format = sheet["A3"].number_format = "0%"
    data = io.BytesIO()
    book.save(data)

    [read] = read_sheet(data.getvalue(), "ledger.xlsx")

    # 100% holds 1, which would read as 1 point; a plain number stays the number it is
    assert read.rows[1:] == [["80%", "1"], ["100%", "0.5"]]
