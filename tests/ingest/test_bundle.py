"""Documents holding several plans: a 通知 wrapping three 方案, and 方案 printed in a row."""

from __future__ import annotations

import datetime as dt
import io
from html import escape
from pathlib import Path

import pytest

from reformtrack.ingest import parse_bytes, parse_document_bytes, parse_document_file, parse_file

PLANS = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
NOTICE = PLANS / "notice_three_plans.txt"
IN_A_ROW = PLANS / "plans_in_a_row.txt"
SAMPLE = Path(__file__).resolve().parents[2] / "src/reformtrack/ingest/data/luohu-reform-plan-2013-2015.txt"

NOTICE_TITLE = "某某市人民政府办公厅关于印发某某市营商环境提升三个专项行动方案的通知"
PLAN_TITLES = [
    "某某市政务服务提质增效专项行动方案（2023—2024年）",
    "某某市工程建设项目审批制度改革专项行动方案",
    "某某市中小企业融资便利化专项行动方案",
]


def _ledger(plan_dict: dict[str, object]) -> object:
    """What a plan gives the ledger, without the source's format and encoding."""
    return {key: value for key, value in plan_dict.items() if key != "source"}


def test_it_splits_a_notice_into_its_three_plans() -> None:
    document = parse_document_file(NOTICE)
    assert document.is_bundle
    assert document.title == NOTICE_TITLE
    assert document.doc_number == "某府办〔2023〕18号"
    assert document.issued == dt.date(2023, 4, 12)
    assert [plan.title for plan in document.plans] == PLAN_TITLES
    assert [len(plan.items()) for plan in document.plans] == [4, 5, 3]
    assert [[c.number for c in plan.chapters] for plan in document.plans] == [[1, 2, 3]] * 3
    first = document.plans[0]
    assert (first.period_start, first.period_end) == (2023, 2024)
    # each plan carries the notice's 文号 and date, and nothing of the next plan
    assert {plan.doc_number for plan in document.plans} == {"某府办〔2023〕18号"}
    last_item = first.chapters[1].items[-1]
    assert last_item.lead_units == ["各区人民政府"]
    assert "附件" not in first.chapters[-1].items[-1].text
    second = document.plans[1]
    # (the role of 责任单位 is another task's: only the lead is checked here)
    assert second.chapters[1].items[1].lead_units[0] == "市自然资源局"
    assert second.title not in first.text


def test_the_json_of_a_bundle_lists_its_plans_in_the_plan_shape() -> None:
    document = parse_document_file(NOTICE)
    data = document.to_dict()
    assert data["title"] == NOTICE_TITLE
    assert data["doc_number"] == "某府办〔2023〕18号"
    assert data["issued"] == "2023-04-12"
    assert [plan["title"] for plan in data["plans"]] == PLAN_TITLES
    assert set(data["plans"][0]) == set(parse_file(PLANS / "chapter_plan.txt").to_dict())


def test_plans_in_a_row_without_a_notice() -> None:
    document = parse_document_file(IN_A_ROW)
    assert document.is_bundle
    assert [plan.title for plan in document.plans] == [
        "某某区优化营商环境专项行动方案",
        "某某区数字政府建设专项行动方案",
    ]
    assert document.title == "某某区优化营商环境专项行动方案"
    assert [len(plan.items()) for plan in document.plans] == [2, 3]
    assert document.plans[0].items()[-1].text.endswith("（牵头单位：区发展改革局）")


@pytest.mark.parametrize("path", [*sorted(PLANS.glob("*.txt")), SAMPLE], ids=lambda p: p.name)
def test_a_single_plan_parses_as_before(path: Path) -> None:
    if path in (NOTICE, IN_A_ROW):
        pytest.skip("holds several plans")
    try:
        plan = parse_file(path)
    except Exception as exc:  # no_structure.txt: both refuse it alike
        with pytest.raises(type(exc)):
            parse_document_file(path)
        return
    document = parse_document_file(path)
    assert not document.is_bundle
    assert document.to_dict() == plan.to_dict()
    assert document.title == plan.title


def _notice_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line.strip("\u3000 "))
    document.core_properties.title = NOTICE_TITLE
    document.core_properties.subject = "某府办〔2023〕18号"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _gov_page(text: str, *, doc_number: str = "某府办〔2023〕18号", written: str = "2023年04月12日") -> bytes:
    body = "\n".join(f"<div class='p'>{escape(line)}</div>" for line in text.splitlines())
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="{escape(text.splitlines()[0])}">
<meta name="PubDate" content="2023-04-14 09:30">
<title>某某市人民政府门户网站</title></head><body>
<div class="header"><a href="/">首页</a> &gt; <a href="/zw">政务公开</a> &gt; <a href="/zc">政策文件</a></div>
<table class="policy-info">
<tr><td>索引号：</td><td>11440300/2023-00123</td><td>主题分类：</td><td>综合政务</td></tr>
<tr><td>发文机关：</td><td>某某市人民政府办公厅</td><td>成文日期：</td><td>{written}</td></tr>
<tr><td>标题：</td><td>{escape(text.splitlines()[0])}</td></tr>
<tr><td>发文字号：</td><td>{doc_number}</td><td>发布日期：</td><td>2023年04月14日</td></tr>
</table>
<div class="article">{body}</div>
<div class="footer">主办单位：某某市人民政府办公厅 | 网站地图 | 联系我们</div>
</body></html>"""
    return page.encode("utf-8")


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_each_format_gives_the_plans_of_the_text(kind: str) -> None:
    text = NOTICE.read_text(encoding="utf-8")
    data = _notice_docx(text) if kind == "docx" else _gov_page(text)
    document = parse_document_bytes(data, f"notice.{kind}")
    expected = parse_document_file(NOTICE)
    assert document.title == expected.title
    assert document.doc_number == expected.doc_number
    assert document.issued == expected.issued
    got = [_ledger(plan.to_dict()) for plan in document.plans]
    assert got == [_ledger(plan.to_dict()) for plan in expected.plans]


def test_the_number_only_in_the_metadata_table_of_a_single_plan_page_is_kept() -> None:
    lines = (PLANS / "separate_lines_plan.txt").read_text(encoding="utf-8").splitlines()
    page = _gov_page("\n".join(lines), doc_number="福府办〔2021〕5号", written="2021年3月1日")
    plan = parse_bytes(page, "plan.html")
    assert plan.doc_number == "福府办〔2021〕5号"
    document = parse_document_bytes(page, "plan.html")
    assert not document.is_bundle
    assert document.doc_number == "福府办〔2021〕5号"
    assert document.plans[0].doc_number == "福府办〔2021〕5号"


def test_the_number_in_docx_core_properties_is_kept_for_a_single_plan() -> None:
    import docx

    word = docx.Document()
    for line in (PLANS / "separate_lines_plan.txt").read_text(encoding="utf-8").splitlines():
        word.add_paragraph(line)
    word.core_properties.keywords = "福府办〔2021〕5号"
    out = io.BytesIO()
    word.save(out)
    assert parse_bytes(out.getvalue(), "plan.docx").doc_number == "福府办〔2021〕5号"


SECTIONS_PLAN = """某某省数字经济发展三年行动计划（2023—2025年）
第一章 总体要求
一、指导思想
坚持创新驱动，推动数字经济高质量发展。
二、发展目标
到2025年，数字经济核心产业增加值占地区生产总值比重达到10%。
第二章 重点任务
一、夯实数字基础设施
（一）加快5G网络建设。新建5G基站2万个。（牵头单位：省通信管理局）
（二）建设算力枢纽。（牵头单位：省发展改革委）
二、推动产业数字化
（一）实施制造业数字化转型行动。（牵头单位：省工业和信息化厅）
"""

PLAN_WITH_TASK_TABLE = """某某县乡村振兴示范创建工作方案
一、工作目标
到2024年底，建成省级乡村振兴示范村10个。
二、重点任务
（一）改善人居环境。（牵头单位：县农业农村局）
（二）发展特色产业。（牵头单位：县农业农村局）
附件：重点任务分工表
序号\t任务\t牵头单位\t完成时限
1\t改善人居环境\t县农业农村局\t2024年12月
2\t发展特色产业\t县农业农村局\t2024年12月
"""

NOTICE_WITH_ITS_OWN_POINTS = """某某市人民政府关于印发两个专项行动方案的通知
各区人民政府：
现将两个专项行动方案印发给你们，并提出以下要求：
一、提高思想认识。各区要把专项行动作为重点工作。
二、加强督促检查。市政府督查室定期通报进展。
附件1
某某市河湖治理专项行动方案
一、工作目标
2023年底前，消除城市黑臭水体。
二、重点任务
（一）开展河湖清淤。（牵头单位：市水务局）
附件2
某某市大气污染防治专项行动方案
一、工作目标
2023年，全市空气质量优良天数比例达到90%以上。
二、重点任务
（一）治理工业废气。（牵头单位：市生态环境局）
（二）管控扬尘污染。（牵头单位：市住房城乡建设局）
"""


def test_chapters_restarting_under_sections_are_no_new_plan() -> None:
    document = parse_document_bytes(SECTIONS_PLAN.encode("utf-8"), "plan.txt")
    assert not document.is_bundle
    assert document.plans[0].title == "某某省数字经济发展三年行动计划（2023—2025年）"


def test_a_task_table_annex_stays_with_its_plan() -> None:
    document = parse_document_bytes(PLAN_WITH_TASK_TABLE.encode("utf-8"), "plan.txt")
    assert not document.is_bundle
    assert document.to_dict() == parse_bytes(PLAN_WITH_TASK_TABLE.encode("utf-8"), "plan.txt").to_dict()


def test_a_notice_with_numbered_points_of_its_own_is_the_wrapper() -> None:
    document = parse_document_bytes(NOTICE_WITH_ITS_OWN_POINTS.encode("utf-8"), "notice.txt")
    assert document.is_bundle
    assert document.title == "某某市人民政府关于印发两个专项行动方案的通知"
    assert [plan.title for plan in document.plans] == [
        "某某市河湖治理专项行动方案",
        "某某市大气污染防治专项行动方案",
    ]
    assert [len(plan.items()) for plan in document.plans] == [1, 2]


def test_a_notice_with_one_plan_is_one_plan_as_before() -> None:
    text = NOTICE_WITH_ITS_OWN_POINTS.split("附件2")[0]
    document = parse_document_bytes(text.encode("utf-8"), "notice.txt")
    assert not document.is_bundle
    assert document.to_dict() == parse_bytes(text.encode("utf-8"), "notice.txt").to_dict()


def test_a_gb18030_notice_splits_the_same() -> None:
    document = parse_document_bytes(NOTICE.read_text(encoding="utf-8").encode("gb18030"), "notice.txt")
    assert [plan.title for plan in document.plans] == PLAN_TITLES


def _notice_pdf(tmp_path: Path, text: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("body", fontName="STSong-Light", fontSize=14, leading=22, wordWrap="CJK")
    story: list[object] = []
    for line in text.splitlines():
        if line.startswith("附件") and line[2:].isdigit():
            story.append(PageBreak())  # each attachment on a page of its own, as printed
        story.append(Paragraph(escape(line.strip("\u3000 ")), style))
    path = tmp_path / "notice.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path.read_bytes()


def test_a_pdf_gives_the_plans_of_the_text(tmp_path: Path) -> None:
    document = parse_document_bytes(_notice_pdf(tmp_path, NOTICE.read_text(encoding="utf-8")), "notice.pdf")
    expected = parse_document_file(NOTICE)
    assert (document.title, document.doc_number, document.issued) == (
        expected.title,
        expected.doc_number,
        expected.issued,
    )
    assert [_ledger(plan.to_dict()) for plan in document.plans] == [
        _ledger(plan.to_dict()) for plan in expected.plans
    ]


def test_a_page_says_its_title_number_and_date_in_meta_tags_and_its_metadata_table() -> None:
    from reformtrack.ingest.read import read_document

    page = _gov_page(NOTICE.read_text(encoding="utf-8"))

    properties = read_document(page, "notice.html").properties
    assert properties.title == NOTICE_TITLE
    assert properties.doc_number == "某府办〔2023〕18号"
    assert properties.issued == "2023年04月12日"  # 成文日期 before 发布日期 and the PubDate tag


def test_a_number_the_text_never_shows_comes_from_the_metadata() -> None:
    lines = (PLANS / "separate_lines_plan.txt").read_text(encoding="utf-8").splitlines()
    page = _gov_page("\n".join(lines), doc_number="福府办〔2021〕5号", written="2021年3月1日")
    # the metadata table hidden, as some portals keep it for their search engine only
    page = page.replace(b'<table class="policy-info">', b'<table class="policy-info" style="display:none">')
    assert "福府办" not in parse_bytes(page, "plan.html").text
    assert parse_bytes(page, "plan.html").doc_number == "福府办〔2021〕5号"
