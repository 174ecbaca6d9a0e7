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
    ("plan.pdf", pdf_bytes),  # the grid told from the text's positions and its ruling lines
    ("centred.pdf", lambda: pdf_bytes(centred=True)),  # cells centred, 牵头单位 merged over two rows
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


def test_a_lead_in_line_above_the_table_stays_text() -> None:
    lines, tables = lift_tables(
        ["各项具体任务如下：", table_mark(0)],
        [[["序号", "工作任务", "牵头单位"], ["1", "开展清理行动", "区市场监管局"]]],
    )
    assert lines == ["各项具体任务如下："] and tables[0].caption == ""


def test_a_task_column_and_a_measure_column_make_items_and_measures() -> None:
    rows = (
        ("序号", "工作任务", "具体措施", "责任单位", "完成时间"),
        ("1", "提升办税便利度", "推行增值税发票电子化", "区税务局", "2025年3月"),
        ("1", "提升办税便利度", "扩大“非接触式”办税范围", "区税务局", "2025年6月"),
    )
    plan = ParsedPlan(title="某区2025年税收营商环境优化方案")
    add_table_chapters(plan, [DocTable(rows=rows, caption="重点任务清单")])
    (item,) = plan.chapters[0].items
    assert plan.chapters[0].title == "重点任务清单"
    assert item.title == "提升办税便利度" and item.lead_units == ["区税务局"]
    assert [(m.text, m.deadline) for m in item.measures] == [
        ("推行增值税发票电子化", dt.date(2025, 3, 31)),
        ("扩大“非接触式”办税范围", dt.date(2025, 6, 30)),
    ]


def test_a_notice_whose_tasks_are_only_a_table_gives_a_plan() -> None:
    import io

    import docx

    document = docx.Document()
    for line in ("漳州市人民政府办公室关于印发漳州市2025年营商环境提升行动方案的通知", "漳政办〔2025〕7号"):
        document.add_paragraph(line)
    document.add_paragraph("附件：漳州市2025年营商环境提升重点任务清单")
    table = document.add_table(rows=3, cols=4)
    cells = [
        ("序号", "重点任务", "牵头单位", "完成时限"),
        ("1", "推行“一业一证”改革", "市行政审批局", "2025年9月底前"),
        ("2", "开展涉企收费专项检查", "市市场监管局、市发展改革委", "2025年12月底前"),
    ]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    out = io.BytesIO()
    document.save(out)
    plan = parse_bytes(out.getvalue(), "notice.docx")
    assert plan.doc_number == "漳政办〔2025〕7号"
    assert [c.title for c in plan.chapters] == ["漳州市2025年营商环境提升重点任务清单"]
    assert [(i.number, i.title, i.lead_units) for i in plan.items()] == [
        (1, "推行“一业一证”改革", ["市行政审批局"]),
        (2, "开展涉企收费专项检查", ["市市场监管局", "市发展改革委"]),
    ]


def test_huge_spans_in_a_page_are_capped() -> None:
    row = "<tr><td rowspan='99999999'>1</td><td colspan='99999999'>推进改革</td><td>区发改局</td></tr>"
    head = "<tr><th>序号</th><th>重点任务</th><th>牵头单位</th></tr>"
    page = f"<html><body><p>方案</p><table>{head}{row * 50}</table>"
    doc = read_document(page.encode(), "p.html")
    # each cell spans at most 64 rows and columns: the grid stays small, whatever the page says
    assert len(doc.tables) == 1 and max(len(r) for r in doc.tables[0].rows) <= 3 * 64


def test_a_two_row_docx_header_with_merged_cells_maps_lead_and_co_units() -> None:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("某县2025年优化营商环境工作要点")
    table = document.add_table(rows=3, cols=5)
    for c, text in enumerate(("序号", "主要任务", "责任单位", "", "完成时限")):
        table.cell(0, c).text = text
    for c, text in enumerate(("", "", "牵头单位", "配合单位", "")):
        table.cell(1, c).text = text
    for c, text in enumerate(
        ("1", "压缩工程建设项目审批时间", "县住建局", "县自然资源局、县行政审批局", "2025年6月")
    ):
        table.cell(2, c).text = text
    for c in (0, 1, 4):
        table.cell(0, c).merge(table.cell(1, c))
    table.cell(0, 2).merge(table.cell(0, 3))
    out = io.BytesIO()
    document.save(out)
    (item,) = parse_bytes(out.getvalue(), "p.docx").items()
    assert (item.lead_units, item.co_units) == (["县住建局"], ["县自然资源局", "县行政审批局"])
    assert item.deadline == dt.date(2025, 6, 30)


def test_a_row_without_a_lead_unit_is_noted_and_the_tables_units_count() -> None:
    plan = parse_bytes("某区营商环境优化方案\n一、总体要求\n（一）坚持问题导向。\n".encode(), "p.txt")
    assert [note.code for note in plan.warnings] == ["no_units"]
    rows = (
        ("序号", "重点任务", "牵头单位", "完成时限"),
        ("1", "推行惠企政策免申即享", "区工业和信息化局", "2025年6月"),
        ("2", "建立企业诉求快速响应机制", "", "2025年9月"),
    )
    add_table_chapters(plan, [DocTable(rows=rows, caption="重点任务分工表")])
    assert [(note.code, note.params["title"]) for note in plan.warnings] == [
        ("no_lead", "建立企业诉求快速响应机制")
    ]
    assert plan.warnings[0].params["where"] == {"chapter": "二", "items": []}


def test_a_page_cell_keeps_its_lines_apart_and_its_wrapped_words_whole() -> None:
    page = (
        "<html><body><p>某区方案</p><table><tr><th>序号</th><th>重点任务</th><th>牵头单位</th></tr>"
        "<tr><td>1</td><td><p>推进工程建设项目\n  审批制度改革</p></td>"
        "<td>区住建局<br>区发改局</td></tr></table>"
    )
    (table,) = read_document(page.encode(), "p.html").tables
    assert table.rows[1] == ("1", "推进工程建设项目审批制度改革", "区住建局 区发改局")
    (item,) = parse_bytes(page.encode(), "p.html").items()
    assert item.lead_units == ["区住建局", "区发改局"]


def test_a_numbered_category_row_and_units_marked_lead_in_one_column() -> None:
    rows = (
        ("序号", "重点任务", "责任单位", "完成时限"),
        ("一", "深化投资审批制度改革", "深化投资审批制度改革", "深化投资审批制度改革"),
        ("1", "推行企业投资项目承诺制", "区发改局（牵头）、区住建局、区自然资源局", "2025年"),
        ("二、优化政务服务",) + ("",) * 3,
        ("2", "推进政务服务“一网通办”", "区政务服务中心", "2025年"),
    )
    plan = ParsedPlan(title="某区2025年营商环境改革方案")
    add_table_chapters(plan, [DocTable(rows=rows)])
    assert [c.title for c in plan.chapters] == ["深化投资审批制度改革", "优化政务服务"]
    first = plan.chapters[0].items[0]
    assert (first.lead_units, first.co_units) == (["区发改局"], ["区住建局", "区自然资源局"])
    assert plan.chapters[1].items[0].lead_units == ["区政务服务中心"]


def test_a_task_table_inside_a_small_layout_table_is_lifted_with_its_caption() -> None:
    task = (
        "<table><tr><th>序号</th><th>重点任务</th><th>牵头单位</th></tr>"
        "<tr><td>1</td><td>推行“一业一证”改革</td><td>区行政审批局</td></tr></table>"
    )
    page = (
        "<html><body><p>某区改革方案</p><p>一、重点任务</p>"
        f"<table><tr><td>附件：重点任务清单{task}</td></tr></table></body></html>"
    )
    doc = read_document(page.encode(), "p.html")
    assert [t.caption for t in doc.tables] == ["重点任务清单"]
    assert "\ue000" not in doc.text


def test_a_task_cell_gives_its_targets_as_a_paragraph_would() -> None:
    rows = (
        ("序号", "重点任务", "牵头单位", "完成时限"),
        ("1", "压缩企业开办时间。企业开办时间压缩至1个工作日以内", "区市场监管局", "2025年6月"),
    )
    plan = ParsedPlan(title="某区2025年营商环境方案")
    add_table_chapters(plan, [DocTable(rows=rows)])
    (target,) = plan.items()[0].targets
    assert (target.max, target.unit, target.deadline) == (1, "个工作日", dt.date(2025, 6, 30))


def test_a_table_row_naming_a_text_item_in_short_fills_that_item() -> None:
    text = "某区营商环境优化方案\n一、重点任务\n（一）推进“证照分离”改革全覆盖。在全区范围内实施。\n"
    plan = parse_bytes(text.encode(), "p.txt")
    rows = (
        ("序号", "重点任务", "牵头单位", "完成时限"),
        ("1", "推进证照分离改革", "区市场监管局", "2025年底"),
    )
    add_table_chapters(plan, [DocTable(rows=rows, caption="任务分工表")])
    assert len(plan.chapters) == 1
    (item,) = plan.items()
    assert (item.lead_units, item.deadline) == (["区市场监管局"], dt.date(2025, 12, 31))


def test_a_unit_cell_merged_across_lead_and_co_columns_only_leads() -> None:
    rows = (
        ("序号", "重点任务", "牵头单位", "配合单位", "完成时限"),
        ("1", "建立惠企政策兑现平台", "区工信局", "区工信局", "2025年"),
    )
    plan = ParsedPlan(title="某区方案")
    add_table_chapters(plan, [DocTable(rows=rows)])
    (item,) = plan.items()
    assert (item.lead_units, item.co_units) == (["区工信局"], [])
