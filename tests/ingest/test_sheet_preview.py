"""A ledger read for the wizard's preview: a two-row header with a heading the reader does not know,
a person's mapping and row fixes passed in, and every row's problem returned instead of raised."""

from __future__ import annotations

import io

import openpyxl
import pytest

from reformtrack.ingest import NoStructure
from reformtrack.ingest.pipeline import preview_sheet

ROWS: list[list[object]] = [
    ["序号", "重点任务", "具体举措", "责任单位", None, "时间要求"],
    [None, None, None, "牵头单位", "配合单位", None],
    [1, "（一）推进商事登记改革", "建立审批与监管衔接机制", "区发改局", "区财政局", "2014年底前"],
    [2, "（二）深化财政预算改革", "推进预算公开", "区财政局", None, "明年再说"],
]
MERGES = ["D1:E1", "A1:A2", "B1:B2", "C1:C2", "F1:F2"]


def xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in ROWS:
        sheet.append(row)
    for merge in MERGES:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_unknown_heading_merged_over_two_header_rows_keeps_the_two_row_header() -> None:
    ledger, plan, problems = preview_sheet(xlsx(), "台账.xlsx")

    assert (ledger.header.first_row, ledger.header.last_row) == (0, 1)
    assert ledger.header.headings == [
        "序号",
        "重点任务",
        "具体举措",
        "责任单位/牵头单位",
        "责任单位/配合单位",
        "时间要求",
    ]
    assert ledger.mapping == {0: "number", 1: "project", 2: "measure", 3: "lead_units", 4: "co_units", 5: ""}
    assert [row.row for row in ledger.rows] == [3, 4]
    assert problems == []
    assert [item.deadline for item in plan.chapters[0].items] == [None, None]


def test_a_mapping_and_fixes_given_are_used_and_problems_returned() -> None:
    mapping = {0: "number", 1: "project", 2: "measure", 3: "lead_units", 4: "co_units", 5: "deadline"}

    _ledger, plan, problems = preview_sheet(xlsx(), "台账.xlsx", mapping)
    assert [(p.row, p.code, p.value) for p in problems] == [(4, "deadline", "明年再说")]
    assert [item.title for item in plan.chapters[0].items] == ["推进商事登记改革", "深化财政预算改革"]

    _ledger, plan, problems = preview_sheet(xlsx(), "台账.xlsx", mapping, {4: {"deadline": "2015年6月底前"}})
    assert problems == []
    assert plan.chapters[0].items[1].deadline_text == "2015年6月底前"


def test_a_mapping_without_a_project_column_still_raises() -> None:
    with pytest.raises(NoStructure):
        preview_sheet(xlsx(), "台账.xlsx", {0: "number", 3: "lead_units"})
