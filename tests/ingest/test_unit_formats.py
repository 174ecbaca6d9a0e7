"""Units read alike from every format: a PDF whose lines break inside annotations, a page of plain
divs with a footer, text scraped with hard line breaks, and the plain .txt."""

from __future__ import annotations

import html
import io
from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from reformtrack.ingest.build import build_plan
from reformtrack.ingest.model import ParsedPlan
from reformtrack.ingest.pipeline import parse_bytes
from reformtrack.ingest.read import read_document

FIXTURES = Path(__file__).parents[1] / "fixtures" / "plans"
pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))

# Wide enough that the first item's line ends right after （责任单位： and (三)'s line inside its
# annotation, as a PDF typeset at 32 characters a line breaks them.
WIDTH = 32
FONT_SIZE = 12


def paragraphs(name: str) -> list[str]:
    return [
        line.strip() for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def wrapped(paragraph: str) -> list[str]:
    return [paragraph[i : i + WIDTH] for i in range(0, len(paragraph), WIDTH)]


def units(plan: ParsedPlan) -> list[tuple[str, str, list[str], list[str], list[str], list[str]]]:
    """Each item's label, title, lead and co-units, unit notes and review reasons."""
    return [
        (
            item.label,
            item.title,
            item.lead_units,
            item.co_units,
            item.unit_notes,
            [reason.code for reason in item.review_reasons],
        )
        for item in plan.items()
    ]


def plan_pdf(lines: list[str]) -> bytes:
    """A PDF of ``lines``, one visual line each, every line starting at the left margin."""
    path_buffer = io.BytesIO()
    pdf = canvas.Canvas(path_buffer, pagesize=A4)
    y = A4[1] - 72
    for line in lines:
        if y < 72:
            pdf.showPage()
            y = A4[1] - 72
        pdf.setFont("STSong-Light", FONT_SIZE)
        pdf.drawString(72, y, line)
        y -= FONT_SIZE * 1.8
    pdf.save()
    return path_buffer.getvalue()


def div_page(lines: list[str]) -> bytes:
    """A page of plain divs (no article, no footer element), with the site's footer as divs too."""
    body = "".join(f"<div class='c'>{html.escape(line)}</div>" for line in lines)
    return (
        "<html><head><meta charset='utf-8'><title>政府信息公开</title></head><body>"
        "<div class='top'><a href='/'>首页</a> &gt; <a href='/xxgk'>信息公开</a></div>"
        f"<div class='wrap'>{body}</div>"
        "<div class='bottom'><div>主办单位：某市人民政府办公厅 | 网站地图 | 联系我们</div>"
        "<div>粤ICP备12345678号 网站标识码：4403050001 粤公网安备 44030502000001号</div></div>"
        "</body></html>"
    ).encode()


DISTRICT = "district_roles_plan.txt"
PROVINCIAL = "provincial_generic_plan.txt"
STATE_COUNCIL = "state_council_division.txt"
# Where each page's editor broke an annotation with a <br>.
PAGE_BREAKS = {
    DISTRICT: "责任单位：区市场监管局",
    PROVINCIAL: "牵头，相关部门",
    STATE_COUNCIL: "责任单位：国务院办公厅",
}
PLANS = [DISTRICT, PROVINCIAL, STATE_COUNCIL]


def test_the_pdf_line_breaks_right_after_the_label() -> None:
    lines = [line for paragraph in paragraphs(DISTRICT) for line in wrapped(paragraph)]
    assert any(line.endswith("（牵头单位：区发展改革局，责任单位：") for line in lines)


def from_text(name: str) -> ParsedPlan:
    return parse_bytes((FIXTURES / name).read_bytes(), name)


def test_the_text_names_the_units_by_their_labels() -> None:
    first = from_text(DISTRICT).items()[0]
    assert (first.lead_units, first.co_units) == (["区发展改革局"], ["区市场监管局", "区投资推广局"])


@pytest.mark.parametrize("name", PLANS)
def test_a_pdf_with_annotations_broken_over_lines_gives_the_same_units(name: str) -> None:
    lines = [line for paragraph in paragraphs(name) for line in wrapped(paragraph)]
    data = plan_pdf(lines)
    # The reader keeps an annotation broken after its label in one paragraph.
    if name == DISTRICT:
        assert (
            "（牵头单位：区发展改革局，责任单位：区市场监管局、区投资推广局）"
            in read_document(data, "p.pdf").text
        )
    plan = parse_bytes(data, "plan.pdf")
    assert units(plan) == units(from_text(name))
    assert not any("单位：" in measure.text for item in plan.items() for measure in item.measures)


@pytest.mark.parametrize("name", PLANS)
def test_a_div_page_with_a_footer_gives_the_same_units(name: str) -> None:
    cut = PAGE_BREAKS[name]
    page = div_page(paragraphs(name)).replace(
        cut.encode(), cut.replace("，", "，<br/>").replace("：", "：<br/>").encode()
    )
    assert b"<br/>" in page
    text = read_document(page, "plan.html").text
    assert "网站地图" not in text and "ICP" not in text and "主办单位" not in text
    assert units(parse_bytes(page, "plan.html")) == units(from_text(name))


@pytest.mark.parametrize("name", PLANS)
def test_a_docx_gives_the_same_units(name: str) -> None:
    document = docx.Document()
    for paragraph in paragraphs(name):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    assert units(parse_bytes(buffer.getvalue(), "plan.docx")) == units(from_text(name))


@pytest.mark.parametrize("name", PLANS)
def test_text_scraped_with_hard_breaks_gives_the_same_units(name: str) -> None:
    hard = "\n".join(line for paragraph in paragraphs(name) for line in wrapped(paragraph))
    plan = build_plan(hard)

    # Hard breaks cut titles and measures too; the units must come through all the same.
    def roles(p: ParsedPlan) -> list[tuple[str, list[str], list[str], list[str]]]:
        return [(i.label, i.lead_units, i.co_units, i.unit_notes) for i in p.items()]

    assert roles(plan) == roles(from_text(name))


def test_a_footer_in_scraped_text_is_no_annotation_and_no_measure() -> None:
    text = (
        (FIXTURES / DISTRICT)
        .read_text(encoding="utf-8")
        .replace("三、保障措施", "主办单位：某市人民政府办公厅 | 网站地图 | 联系我们\n三、保障措施")
    )
    plan = build_plan(text)
    talent = plan.items()[5]
    assert (talent.lead_units, talent.co_units) == (["区人力资源局"], ["区住房建设局", "各街道办事处"])
    assert not any("网站地图" in m.text for item in plan.items() for m in item.measures)
