"""Task tables (重点任务分工表) in .docx and .html become items with their units and deadlines."""

from __future__ import annotations

import datetime as dt

import pytest

from reformtrack.ingest.model import DocTable, ParsedPlan
from reformtrack.ingest.pipeline import parse_bytes
from reformtrack.ingest.read import read_document
from reformtrack.ingest.task_tables import add_table_chapters, lift_tables, table_mark, task_header

from .task_table_plan import EXPECTED, docx_bytes, html_bytes, ledger, ofd_bytes, pdf_bytes

FORMATS = [
    ("plan.docx", docx_bytes),
    ("plan.html", html_bytes),
    ("plan.pdf", pdf_bytes),
    ("plan.ofd", ofd_bytes),
]


@pytest.mark.parametrize("name,build", FORMATS)
def test_the_table_rows_become_items_with_units_and_deadlines(name: str, build: object) -> None:
    plan = parse_bytes(build(), name)  # type: ignore[operator]
    assert ledger(plan) == EXPECTED
    assert plan.title == "南平市2024年优化营商环境重点任务分工方案"
    assert plan.doc_number == "南政办〔2024〕18号"
    assert [c.title for c in plan.chapters] == ["总体要求", "保障措施", "市场准入", "政务服务"]
    assert [c.number for c in plan.chapters] == [1, 2, 3, 4]
    first = plan.chapters[2].items[0]
    assert [m.text for m in first.measures] == ["实现开办企业全程网办"]


@pytest.mark.parametrize("name,build", FORMATS)
def test_the_table_leaves_the_text_with_its_caption(name: str, build: object) -> None:
    doc = read_document(build(), name)  # type: ignore[operator]
    assert "市市场监管局" not in doc.text
    assert "分工表" not in doc.text and "附件" not in doc.text
    assert [t.caption for t in doc.tables] == ["南平市2024年优化营商环境重点任务分工表"]


def test_a_table_that_is_no_task_table_stays_text() -> None:
    page = (
        "<html><body><p>一、工作目标</p><table><tr><td>指标名称</td><td>2023年</td><td>2025年</td></tr>"
        "<tr><td>开办企业时间</td><td>2天</td><td>1天</td></tr></table>"
        "<p>（一）压缩开办时间。（牵头单位：区市场监管局）</p></body></html>"
    )
    doc = read_document(page.encode(), "p.html")
    assert doc.tables == ()
    assert "开办企业时间\t2天\t1天" in doc.text


def test_a_row_spanning_the_table_heads_a_chapter() -> None:
    rows = (
        ("序号", "工作任务", "牵头单位", "配合单位", "时间节点"),
        ("一、深化商事制度改革",) * 5,
        ("1", "推行企业登记全程电子化", "省市场监管局", "省政务服务局", "2025年6月底前"),
        ("二、提升跨境贸易便利化水平",) * 5,
        ("2", "压缩进口整体通关时间", "海关总署广州分署", "", "2025年底"),
    )
    plan = ParsedPlan(title="广东省2025年营商环境改革任务清单")
    add_table_chapters(plan, [DocTable(rows=rows, caption="任务清单")])
    assert [(c.number, c.title) for c in plan.chapters] == [
        (1, "深化商事制度改革"),
        (2, "提升跨境贸易便利化水平"),
    ]
    item = plan.chapters[1].items[0]
    assert (item.title, item.lead_units, item.deadline) == (
        "压缩进口整体通关时间",
        ["海关总署广州分署"],
        dt.date(2025, 12, 31),
    )


def test_a_chapter_heading_over_the_table_receives_its_rows() -> None:
    lines, tables = lift_tables(
        ["三、重点任务", table_mark(0), "四、保障措施"],
        [
            [
                ["序号", "主要任务", "责任单位", "完成时限"],
                ["1", "建设政务数据共享平台", "区数据局", "2024年底"],
            ]
        ],
    )
    assert lines == ["三、重点任务", "四、保障措施"]
    assert tables[0].caption == "三、重点任务"
    plan = parse_bytes(
        "某区数字政府建设方案\n一、总体要求\n二、主要目标\n三、重点任务\n四、保障措施\n".encode(), "p.txt"
    )
    add_table_chapters(plan, tables)
    assert [len(c.items) for c in plan.chapters] == [0, 0, 1, 0]
    assert plan.chapters[2].items[0].lead_units == ["区数据局"]


def test_a_header_without_units_or_deadlines_is_no_task_table() -> None:
    assert task_header([["序号", "重点任务", "备注"], ["1", "推进改革", ""]]) is None
    assert task_header([["序号", "重点任务", "牵头单位"]]) is None
    assert task_header([["序号", "重点任务", "牵头单位"], ["1", "推进改革", "区发改局"]]) is not None
