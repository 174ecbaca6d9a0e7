"""A 通知 wrapping several 方案, each with its own task table: one plan each, each with its table."""

from __future__ import annotations

import pytest

from reformtrack.ingest.grid_tables import Glyph, GridReader, Region, Rule
from reformtrack.ingest.pipeline import parse_bytes, parse_document_bytes
from reformtrack.ingest.read import read_document

from .bundle_tables_plan import PLANS, docx_bytes, html_bytes, pdf_bytes
from .test_task_tables import FORMATS as TABLE_FORMATS


def _furniture_first() -> bytes:
    # a footer-like line above the plans, left out by the reader: the tables' places must not shift
    return html_bytes().replace(b"<body>", "<body><div>主办单位：某市人民政府办公室</div>".encode(), 1)


FORMATS = [
    ("notice.docx", docx_bytes),
    ("notice.html", html_bytes),
    ("furniture.html", _furniture_first),
    ("notice.pdf", pdf_bytes),
]


def _tasks(plan: object) -> list[tuple[str, list[str], list[str]]]:
    items = [item for item in plan.items() if item.deadline is not None]  # type: ignore[attr-defined]
    return [(item.title, item.lead_units, item.co_units) for item in items]


@pytest.mark.parametrize("name,build", FORMATS)
def test_each_plan_gets_the_table_that_stands_in_its_text(name: str, build: object) -> None:
    document = parse_document_bytes(build(), name)  # type: ignore[operator]
    assert document.title == "某市人民政府办公室关于印发某市优化营商环境两个专项行动方案的通知"
    assert document.doc_number == "某政办发〔2025〕7号"
    assert [(plan.title, _tasks(plan)) for plan in document.plans] == PLANS
    for plan in document.plans:
        assert plan.doc_number == "某政办发〔2025〕7号"
        assert [c.title for c in plan.chapters][:3] == ["工作目标", "重点任务", "保障措施"]


def test_the_readers_count_the_lines_above_each_table() -> None:
    doc = read_document(docx_bytes(), "notice.docx")
    lines = doc.text.split("\n")
    assert lines[doc.tables[0].line] == "附件2"
    assert doc.tables[1].line == len(lines)


def test_a_generic_lead_in_a_bundled_plans_table_is_flagged() -> None:
    last = parse_document_bytes(docx_bytes(), "notice.docx").plans[1].items()[-1]
    assert last.lead_units == [] and last.unit_notes == ["相关部门"]
    assert [reason.code for reason in last.review_reasons] == ["no_body"]


def test_a_table_in_the_notices_own_text_keeps_the_document_one_plan() -> None:
    # the table above the first plan may be any plan's: read as one plan, as before
    page = html_bytes().decode()
    first_table = page[page.index("<table>") : page.index("</table>") + len("</table>")]
    page = page.replace(first_table, "", 1).replace("<p>附件1</p>", f"{first_table}<p>附件1</p>", 1)
    document = parse_document_bytes(page.encode(), "notice.html")
    assert len(document.plans) == 1
    assert len(_tasks(document.plans[0])) == 5


def test_parse_bytes_still_reads_the_document_as_one_plan() -> None:
    plan = parse_bytes(docx_bytes(), "notice.docx")
    assert len(_tasks(plan)) == 5


@pytest.mark.parametrize("name,build", TABLE_FORMATS)
def test_a_notice_with_one_plan_and_its_table_stays_one_plan(name: str, build: object) -> None:
    data = build()  # type: ignore[operator]
    document = parse_document_bytes(data, name)
    assert not document.is_bundle
    assert document.plans[0].to_dict() == parse_bytes(data, name).to_dict()


def _line(*pieces: tuple[float, str]) -> list[Glyph]:
    return [Glyph(x + 10 * i, x + 10 * i + 10, 10, ch) for x, text in pieces for i, ch in enumerate(text)]


_HEADER = _line((0, "序号"), (50, "重点任务"), (200, "牵头单位"), (300, "完成时限"))


def _row(number: str, task: str) -> list[Glyph]:
    return _line((0, number), (50, task), (200, "区财政局"), (300, "年底前"))


def _rules(*ys: float) -> list[Rule]:
    return [Rule(y, 0, 400) for y in ys]


def test_a_ruled_table_goes_on_over_a_page_inside_its_grid() -> None:
    grid = GridReader()
    grid.page([_HEADER, _row("1", "任务一")], [10, 30], _rules(5, 20, 45))
    assert grid.page([_row("2", "任务二")], [30], _rules(20, 45)) == [Region(0, 0, "")]
    grid.finish()
    assert [row[1] for row in grid.tables[0]] == ["重点任务", "任务一", "任务二"]


def test_a_line_above_the_next_pages_grid_ends_a_ruled_table() -> None:
    grid = GridReader()
    grid.page([_HEADER, _row("1", "任务一")], [10, 30], _rules(5, 20, 45))
    assert grid.page([_line((0, "附件2")), _row("2", "任务二")], [10, 30], _rules(20, 45)) == []
    grid.finish()
    assert [row[1] for row in grid.tables[0]] == ["重点任务", "任务一"]


def test_a_table_attached_on_its_own_goes_to_the_plan_its_caption_names() -> None:
    page = html_bytes(at_end={"涉企执法规范重点任务分工表": 1, "政务服务提质增效重点任务分工表": 0})
    document = parse_document_bytes(page, "notice.html")
    assert [(plan.title, _tasks(plan)) for plan in document.plans] == PLANS


def test_a_table_attached_on_its_own_naming_no_plan_keeps_the_document_one_plan() -> None:
    # a 分工表 of all the plans after the last: no one plan's, so read as one plan as before
    page = html_bytes(at_end={"重点任务分工表": 0, "某市重点任务清单": 1})
    document = parse_document_bytes(page, "notice.html")
    assert len(document.plans) == 1
    assert len(_tasks(document.plans[0])) == 5


def test_a_rule_above_an_unruled_table_does_not_end_it_over_a_page() -> None:
    # the red line under a document's head is no grid: the table goes on on the next page
    grid = GridReader()
    grid.page([_HEADER, _row("1", "任务一")], [10, 30], _rules(2))
    assert grid.page([_row("2", "任务二")], [10], ()) == [Region(0, 0, "")]
    grid.finish()
    assert [row[1] for row in grid.tables[0]] == ["重点任务", "任务一", "任务二"]
