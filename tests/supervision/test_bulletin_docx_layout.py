"""The .docx of a bulletin in the official layout (GB/T 9704), read back as Word reads it: A4 with
the standard's margins, the red masthead (issuer, number, red line), the title in 小标宋 22 pt, the
body in 仿宋 16 pt with 黑体 and 楷体 headings, East Asian fonts set with their fallbacks, the page
number field "— 1 —" in the footers, the 抄送 / 印发 block, and table cells styled once per cell."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from lxml import etree

from reformtrack.supervision.bulletin import PrintedBulletin, Section
from reformtrack.supervision.bulletin_docx import bulletin_docx

ROWS = [[str(i), "区经济促进局", f"（{i}）项目{i}", "2014-12-31"] for i in range(1, 41)]


def _east_asian(rpr_holder: object) -> str | None:
    rpr = rpr_holder.element.rPr  # type: ignore[attr-defined]
    return None if rpr is None or rpr.rFonts is None else rpr.rFonts.get(qn("w:eastAsia"))


def _document() -> Any:
    printed = PrintedBulletin(
        "全面深化改革工作督查通报",
        "督查通报〔2014〕3号",
        dt.date(2014, 7, 15),
        [
            Section(
                "逾期未完成事项",
                ["（一）逾期项目", "共40项。"],
                ["序号", "牵头单位", "事项", "完成时限"],
                ROWS,
            ),
        ],
    )
    return Document(io.BytesIO(bulletin_docx(printed)))


def _paragraph(document: Any, text: str) -> Any:
    return next(paragraph for paragraph in document.paragraphs if paragraph.text == text)


def _border(paragraph: Any, edge: str) -> dict[str, str] | None:
    rule = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn(f'w:{edge}')}")
    return None if rule is None else {key: rule.get(qn(f"w:{key}")) for key in ("sz", "color")}


def test_the_page_is_a4_with_the_standard_margins() -> None:
    section = _document().sections[0]

    sizes = [section.page_width, section.page_height]
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(length.mm) for length in sizes] == [210, 297]
    assert [round(length.mm) for length in margins] == [37, 35, 28, 26]


def test_the_masthead_is_red_with_the_number_and_a_red_line() -> None:
    document = _document()

    texts = [paragraph.text for paragraph in document.paragraphs if paragraph.text]
    assert texts[:3] == ["区委（政府）督查室", "督查通报〔2014〕3号", "全面深化改革工作督查通报"]
    issuer = _paragraph(document, "区委（政府）督查室").runs[0]
    assert (issuer.font.color.rgb, issuer.font.name, _east_asian(issuer)) == (
        RGBColor(0xFF, 0, 0),
        "方正小标宋简体",
        "方正小标宋简体",
    )
    assert _border(_paragraph(document, "督查通报〔2014〕3号"), "bottom") == {"sz": "12", "color": "FF0000"}


def test_title_body_and_headings_take_the_official_fonts() -> None:
    document = _document()

    title = _paragraph(document, "全面深化改革工作督查通报").runs[0]
    assert (title.font.size, _east_asian(title)) == (Pt(22), "方正小标宋简体")
    normal = document.styles["Normal"]
    assert (normal.font.size, _east_asian(normal)) == (Pt(16), "仿宋_GB2312")
    recipients = _paragraph(document, "各街道办事处，区直各单位：")
    assert recipients.paragraph_format.first_line_indent in (None, 0)
    for text, font in (
        ("一、逾期未完成事项", "黑体"),
        ("（一）逾期项目", "楷体_GB2312"),
        ("共40项。", "仿宋_GB2312"),
    ):
        run = _paragraph(document, text).runs[0]
        assert (run.font.size, _east_asian(run)) == (Pt(16), font), text
    assert _paragraph(document, "2014年7月15日").alignment == 2  # right


def test_the_fonts_have_fallbacks_in_the_font_table() -> None:
    document = _document()

    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    fonts = {
        font.get(qn("w:name")): font.find(qn("w:altName")).get(qn("w:val"))
        for font in etree.fromstring(part.blob)
        if font.find(qn("w:altName")) is not None
    }
    assert fonts["仿宋_GB2312"] == "仿宋" and fonts["楷体_GB2312"] == "楷体"
    assert fonts["方正小标宋简体"] == "宋体" and fonts["黑体"] == "SimHei"


def test_the_footers_number_the_pages_with_a_page_field() -> None:
    document = _document()
    section = document.sections[0]

    assert document.settings.odd_and_even_pages_header_footer
    for footer, alignment in ((section.footer, 2), (section.even_page_footer, 0)):
        (paragraph,) = footer.paragraphs
        assert paragraph.text == "— 1 —" and paragraph.alignment == alignment
        instructions = [node.text for node in paragraph._p.iter(qn("w:instrText"))]
        kinds = [node.get(qn("w:fldCharType")) for node in paragraph._p.iter(qn("w:fldChar"))]
        assert (instructions, kinds) == ([" PAGE "], ["begin", "separate", "end"])
        assert {(run.font.size, _east_asian(run)) for run in paragraph.runs} == {(Pt(14), "宋体")}


def test_the_record_block_closes_with_copies_and_the_printing_line() -> None:
    document = _document()

    copies = _paragraph(document, "\u3000抄送：区委、区政府领导，区全面深化改革领导小组办公室。")
    printed = _paragraph(document, "\u3000区委（政府）督查室\t2014年7月15日印发")
    assert document.paragraphs[-1].text == printed.text
    assert copies.runs[0].font.size == Pt(14) and printed.runs[0].font.size == Pt(14)
    # the rules span the type area: no indent, the text one full-width space in
    assert (copies.paragraph_format.left_indent, printed.paragraph_format.right_indent) == (None, None)
    # thick rules first and last, a thin one between
    assert (_border(copies, "top"), _border(copies, "bottom")) == (
        {"sz": "8", "color": "000000"},
        {"sz": "6", "color": "000000"},
    )
    assert (_border(printed, "top"), _border(printed, "bottom")) == (None, {"sz": "8", "color": "000000"})


def test_the_tables_take_the_official_fonts_from_their_styles() -> None:
    document = _document()

    (table,) = document.tables
    header, *body = table.rows
    assert [cell.text for cell in header.cells] == ["序号", "牵头单位", "事项", "完成时限"]
    assert [[cell.text for cell in row.cells] for row in body] == ROWS
    header_style = header.cells[0].paragraphs[0].style
    cell_styles = {cell.paragraphs[0].style.name for row in body for cell in row.cells}
    assert cell_styles == {"通报表格"}
    body_style = body[0].cells[0].paragraphs[0].style
    assert (header_style.name, header_style.font.bold, _east_asian(header_style)) == (
        "通报表头",
        True,
        "黑体",
    )
    assert (body_style.font.size, body_style.font.name, _east_asian(body_style)) == (
        Pt(10.5),
        "仿宋_GB2312",
        "仿宋_GB2312",
    )
