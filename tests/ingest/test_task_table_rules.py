"""A task table's cells follow the rules of the text: titles (ingest/titles.py), units read as
annotations' (generic bodies as notes, ``no_body``), the repair of traditional characters and
ASCII punctuation; and a 台账 of the same rows gives the same units."""

from __future__ import annotations

import pytest

from reformtrack.ingest.model import DocTable, RawDocument
from reformtrack.ingest.pipeline import parse_bytes, repaired_tables
from reformtrack.ingest.read import read_document
from reformtrack.ingest.repair import repair_cell
from reformtrack.ingest.sheet_plan import read_cell_units, split_units

from .shared_rules_plan import EXPECTED, ROWS, docx_bytes, html_bytes, summary, xlsx_bytes

FORMATS = [
    ("plan.html", html_bytes),
    ("big5.html", lambda: html_bytes(traditional=True)),
    ("plan.docx", docx_bytes),
]


@pytest.mark.parametrize("name,build", FORMATS)
def test_task_cells_get_titles_units_and_flags_by_the_texts_rules(name: str, build: object) -> None:
    plan = parse_bytes(build(), name)  # type: ignore[operator]
    assert plan.title == "某省2025年数字政府建设重点任务实施方案"
    assert summary(plan.items()) == EXPECTED


def test_a_headless_task_keeps_its_sentence_as_the_first_measure() -> None:
    first, second, *_ = parse_bytes(html_bytes(), "plan.html").items()
    assert [m.text for m in first.measures] == [ROWS[0][1]]
    # a short first sentence stays the title, unflagged, the rest its measures
    assert [m.text for m in second.measures] == ["建立省级政务数据共享责任清单，按需向市县回流数据"]
    assert not second.needs_review


def test_a_traditional_pages_table_reads_like_its_text() -> None:
    data = html_bytes(traditional=True)
    assert "牽頭單位" in data.decode("big5")
    plan = parse_bytes(data, "big5.html")
    assert plan.source_encoding == "big5"
    cells = [m.text for item in plan.items() for m in item.measures]
    assert "建立省级政务数据共享责任清单，按需向市县回流数据" in cells  # simplified, full-width
    assert [item.deadline_text for item in plan.items()] == [row[4] for row in ROWS]
    assert plan.items()[2].co_units == ["各县（市、区）人民政府"]


def test_the_ledger_of_the_same_rows_gives_the_same_units() -> None:
    table = parse_bytes(docx_bytes(), "plan.docx").items()
    sheet = parse_bytes(xlsx_bytes(), "ledger.xlsx").items()
    assert [row[2:] for row in summary(sheet)] == [row[2:] for row in summary(table)]


@pytest.mark.parametrize(
    "cell,units,generic",
    [
        ("区发展改革局及各街道", ["区发展改革局"], ["各街道"]),
        ("区财政局\n相关部门", ["区财政局"], ["相关部门"]),
        ("区教育局/区卫生健康局", ["区教育局", "区卫生健康局"], []),
        ("各县（市、区）人民政府、省有关部门", ["各县（市、区）人民政府"], ["省有关部门"]),
        ("省科技厅等省级相关部门", ["省科技厅"], ["省级相关部门"]),
    ],
)
def test_a_ledger_cell_is_read_as_an_annotations_unit_list(
    cell: str, units: list[str], generic: list[str]
) -> None:
    assert read_cell_units(cell) == (units, generic)
    assert split_units(cell) == units


def test_a_ledger_row_whose_lead_cell_names_no_body_is_flagged() -> None:
    items = parse_bytes(xlsx_bytes(), "ledger.xlsx").items()
    third = items[2]
    assert third.lead_units == []
    assert [(r.code, r.params) for r in third.review_reasons] == [("no_body", {"text": "相关部门"})]


def test_repair_cell_converts_only_a_traditional_documents_cells() -> None:
    assert repair_cell("推進(試點)工作,擴大範圍", traditional=True) == "推进（试点）工作，扩大范围"
    assert repair_cell("推进(试点)工作,扩大范围", traditional=False) == "推进（试点）工作，扩大范围"
    # a cell is too short to tell by itself: the document decides
    assert repair_cell("著力推進", traditional=False) == "著力推進"


def test_repaired_tables_decide_by_the_whole_document() -> None:
    table = DocTable(
        rows=(("序號", "重點任務", "牽頭單位"), ("1", "著力優化營商環境", "區發改局")), caption="任務分工表"
    )
    doc = RawDocument(
        text="某區關於進一步優化營商環境的實施方案\n為進一步優化營商環境，結合本區實際，制定本方案。",
        format="html",
        encoding="big5",
        tables=(table,),
    )
    (fixed,) = repaired_tables(doc)
    assert fixed.rows[1] == ("1", "着力优化营商环境", "区发改局")
    assert fixed.caption == "任务分工表"


def test_the_reader_lifts_a_table_headed_in_traditional_characters() -> None:
    doc = read_document(html_bytes(traditional=True), "big5.html")
    assert len(doc.tables) == 1
    assert "省司法廳" not in doc.text


def test_a_row_filling_a_text_items_units_brings_its_notes() -> None:
    from reformtrack.ingest.build import build_plan
    from reformtrack.ingest.task_tables import add_table_chapters

    plan = build_plan("某区数据共享实施方案\n一、重点任务\n（一）推进政务数据共享。建立共享责任清单。")
    rows = (
        ("序号", "重点任务", "牵头单位", "责任单位"),
        ("1", "推进政务数据共享", "区数据局", "相关部门及各街道"),
    )
    add_table_chapters(plan, [DocTable(rows=rows, caption="任务分工表")])
    (item,) = plan.items()
    assert (item.lead_units, item.co_units, item.unit_notes) == (["区数据局"], [], ["相关部门及各街道"])
