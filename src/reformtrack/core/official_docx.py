"""Official documents (公文) as .docx in the national layout, GB/T 9704-2012.

What the standard fixes and this module writes: A4 paper with 37 mm top (天头), 28 mm left (订口)
and a 156 × 225 mm type area (so 35 mm bottom, 26 mm right), 22 lines a page; the body in 仿宋 三号
(16 pt), first-level headings (一、) in 黑体, second-level ones (（一）) in 楷体, the title in
小标宋 二号 (22 pt); the masthead (版头): the issuer in red, the document number (文号) under it and a
red line as wide as the type area; the recipients (主送) flush left ending in a full-width colon;
the signature (落款) and the date written 2014年7月15日; page numbers "— 1 —" in 4号 半角宋体 digits,
right on odd pages and left on even ones, one character in from the edge; and at the end the
record block (版记): 抄送 and the 印发 line (printing office and date) between black rules, thick
first and last, thin between.

Word takes one font per script for a run, so every run names its font for East Asian text and for
Latin text alike; the fallback where a machine lacks the font (仿宋_GB2312 is missing on many) is
the font table's ``altName``, which Word reads when it substitutes (``FALLBACKS``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

BODY_FONT, HEADING_FONT, SUBHEADING_FONT = "仿宋_GB2312", "黑体", "楷体_GB2312"
TITLE_FONT, PAGE_NUMBER_FONT = "方正小标宋简体", "宋体"
# The font Word puts in where the named one is missing (the font table's altName).
FALLBACKS = {
    BODY_FONT: "仿宋",
    HEADING_FONT: "SimHei",
    SUBHEADING_FONT: "楷体",
    TITLE_FONT: "宋体",
    PAGE_NUMBER_FONT: "SimSun",
}
BODY_SIZE, TITLE_SIZE, RECORD_SIZE, TABLE_SIZE = Pt(16), Pt(22), Pt(14), Pt(10.5)
RED = RGBColor(0xFF, 0x00, 0x00)
TYPE_WIDTH = Mm(156)
# 225 mm of type area over 22 lines
LINE = Pt(28.95)
CHAR = BODY_SIZE  # one character of the body: the unit of indents (一字)
INDENT = "\u3000"  # a full-width space: one character (一字)
SUBHEADING = re.compile(r"^（[一二三四五六七八九十]+）")


def chinese_date(day: dt.date) -> str:
    """2014年7月15日: the date as an official document writes it."""
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass
class Letterhead:
    """Who issues the document, to whom, with which number and date, and its record block."""

    issuer: str
    number: str
    date: dt.date
    recipients: str = ""
    copy_to: str = ""
    printed_by: str = ""
    signature: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def signed_by(self) -> str:
        return self.signature or self.issuer


def set_font(target: Any, name: str, size: Pt | None = None, *, bold: bool = False) -> None:
    """Name ``name`` for every script of a run or style (python-docx sets only the Latin one)."""
    target.font.name = name
    if size is not None:
        target.font.size = size
    target.font.bold = bold
    fonts = target.element.get_or_add_rPr().get_or_add_rFonts()
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), name)


_PBDR_AFTER = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_EDGES = ("top", "left", "bottom", "right", "between", "bar")


def _border(paragraph: Any, *, edge: str, size: int, color: str = "000000", space: int = 1) -> None:
    """A rule along ``edge`` of the paragraph; ``size`` in eighths of a point. The elements go where
    the schema puts them (Word refuses a file with them out of order)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.insert_element_before(borders, *_PBDR_AFTER)
    rule = OxmlElement(f"w:{edge}")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", str(space)), ("color", color)):
        rule.set(qn(f"w:{key}"), value)
    later = [qn(f"w:{name}") for name in _EDGES[_EDGES.index(edge) + 1 :]]
    following = next((child for child in borders if child.tag in later), None)
    if following is None:
        borders.append(rule)
    else:
        following.addprevious(rule)


def _field_char(paragraph: Any, kind: str) -> None:
    run = paragraph.add_run()
    set_font(run, PAGE_NUMBER_FONT, RECORD_SIZE)
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)


def _page_number(paragraph: Any) -> None:
    """— PAGE — in 4号 宋体: Word fills the field with the page's number."""
    set_font(paragraph.add_run("— "), PAGE_NUMBER_FONT, RECORD_SIZE)
    _field_char(paragraph, "begin")
    run = paragraph.add_run()
    set_font(run, PAGE_NUMBER_FONT, RECORD_SIZE)
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run._r.append(instruction)
    _field_char(paragraph, "separate")
    set_font(paragraph.add_run("1"), PAGE_NUMBER_FONT, RECORD_SIZE)  # shown until Word updates it
    _field_char(paragraph, "end")
    set_font(paragraph.add_run(" —"), PAGE_NUMBER_FONT, RECORD_SIZE)


def _font_table(document: Any) -> None:
    """Declare our fonts in the font table with their fallback (altName) and the GB2312 charset."""
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    table = etree.fromstring(part.blob)
    for name, fallback in FALLBACKS.items():
        table.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{fallback}"/>'
                '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
            )
        )
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


class OfficialDocument:
    """A document in the GB/T 9704 layout, written top to bottom: :meth:`masthead`, :meth:`title`,
    :meth:`recipients`, the body (:meth:`heading`, :meth:`paragraph`, :meth:`table`),
    :meth:`signature`, :meth:`record`; then :meth:`to_bytes`."""

    def __init__(self, letterhead: Letterhead) -> None:
        self.letterhead = letterhead
        self.document = document = Document()
        section = document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.footer_distance = Mm(28) - LINE  # the number one line below the type area (7 mm gap)
        normal = document.styles["Normal"]
        set_font(normal, BODY_FONT, BODY_SIZE)
        normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        normal.paragraph_format.line_spacing = LINE
        normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
        document.settings.odd_and_even_pages_header_footer = True
        for footer, align, side in (
            (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right_indent"),
            (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left_indent"),
        ):
            paragraph = footer.paragraphs[0]
            paragraph.alignment = align
            setattr(paragraph.paragraph_format, side, RECORD_SIZE)  # one character in
            _page_number(paragraph)
        _font_table(document)

    def _line(self, text: str, font: str, size: Pt, **format: Any) -> Any:
        paragraph = self.document.add_paragraph()
        for key, value in format.items():
            if key == "alignment":
                paragraph.alignment = value
            else:
                setattr(paragraph.paragraph_format, key, value)
        if text:
            set_font(paragraph.add_run(text), font, size)
        return paragraph

    def masthead(self) -> None:
        """The issuer in red 小标宋, the number two lines under it, a red line 4 mm under that."""
        issuer = self.letterhead.issuer
        # as large as fits on one line of the type area, at most 小初 (36 pt)
        size = Pt(min(36, int(TYPE_WIDTH.pt // max(len(issuer), 1))))
        head = self._line("", TITLE_FONT, size, alignment=WD_ALIGN_PARAGRAPH.CENTER)
        head.paragraph_format.line_spacing = Pt(size.pt * 1.3)
        run = head.add_run(issuer)
        set_font(run, TITLE_FONT, size)
        run.font.color.rgb = RED
        self._line("", BODY_FONT, BODY_SIZE)
        number = self._line(self.letterhead.number, BODY_FONT, BODY_SIZE, alignment=WD_ALIGN_PARAGRAPH.CENTER)
        _border(number, edge="bottom", size=12, color=str(RED), space=11)  # 1.5 pt, 4 mm below
        self._line("", BODY_FONT, BODY_SIZE)

    def title(self, text: str) -> None:
        """The title, 小标宋 二号, centred, a blank line after."""
        paragraph = self._line(text, TITLE_FONT, TITLE_SIZE, alignment=WD_ALIGN_PARAGRAPH.CENTER)
        paragraph.paragraph_format.line_spacing = Pt(35)
        self._line("", BODY_FONT, BODY_SIZE)

    def recipients(self) -> None:
        """主送: flush left, ending in a full-width colon."""
        if self.letterhead.recipients:
            self._line(f"{self.letterhead.recipients.rstrip('：:')}：", BODY_FONT, BODY_SIZE)

    def heading(self, text: str) -> None:
        """A first-level heading (一、…) in 黑体, or a second-level one (（一）…) in 楷体."""
        font = SUBHEADING_FONT if SUBHEADING.match(text) else HEADING_FONT
        self._line(text, font, BODY_SIZE, first_line_indent=CHAR * 2)

    def paragraph(self, text: str) -> None:
        """A body paragraph, two characters in; one that opens with （一） is a second-level heading."""
        if SUBHEADING.match(text):
            self.heading(text)
        else:
            self._line(text, BODY_FONT, BODY_SIZE, first_line_indent=CHAR * 2)

    def table_styles(self, name: str) -> tuple[str, str]:
        """The ids of the paragraph styles of table headers (黑体, bold) and cells (仿宋), 五号."""
        ids = []
        for suffix, font, bold in (("表头", HEADING_FONT, True), ("表格", BODY_FONT, False)):
            style = self.document.styles.add_style(f"{name}{suffix}", WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.document.styles["Normal"]
            set_font(style, font, TABLE_SIZE, bold=bold)
            style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            style.paragraph_format.first_line_indent = Pt(0)
            ids.append(str(style.style_id))
        return ids[0], ids[1]

    def table(self, header: list[str], rows: list[list[str]], styles: tuple[str, str]) -> None:
        """A ruled table; a style set once per cell costs a fraction of a font set on every run (a
        city-scale bulletin has over a thousand rows). A line break in a cell text breaks the line."""
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for index, (cells, style) in enumerate([(header, styles[0])] + [(row, styles[1]) for row in rows]):
            for cell, text in zip(
                table.rows[0].cells if index == 0 else table.add_row().cells, cells, strict=True
            ):
                paragraph = cell.paragraphs[0]
                paragraph._p.style = style  # the style's id, set without a lookup per cell
                paragraph.add_run(text)

    def signature(self) -> None:
        """落款: the issuer and, under it, the date four characters in from the right."""
        self._line("", BODY_FONT, BODY_SIZE)
        self._line(
            self.letterhead.signed_by,
            BODY_FONT,
            BODY_SIZE,
            alignment=WD_ALIGN_PARAGRAPH.RIGHT,
            right_indent=CHAR * 2,
        )
        self._line(
            chinese_date(self.letterhead.date),
            BODY_FONT,
            BODY_SIZE,
            alignment=WD_ALIGN_PARAGRAPH.RIGHT,
            right_indent=CHAR * 4,
        )

    def record(self) -> None:
        """版记: 抄送 and the 印发 line in 4号 仿宋, one character in, between a thick rule (0.35 mm)
        above and below and a thin one (0.25 mm) between. The rules span the type area, so the
        paragraphs are not indented (Word draws a border at the indent): a full-width space (一字)
        opens each line and a right tab stops one character short of the edge."""
        self._line("", BODY_FONT, BODY_SIZE)
        letterhead = self.letterhead
        first = None
        if letterhead.copy_to:
            first = self._line(f"{INDENT}抄送：{letterhead.copy_to.rstrip('。')}。", BODY_FONT, RECORD_SIZE)
            _border(first, edge="bottom", size=6)  # thin: 0.75 pt ≈ 0.25 mm
        printed = self._line(
            f"{INDENT}{letterhead.printed_by or letterhead.issuer}\t{chinese_date(letterhead.date)}印发",
            BODY_FONT,
            RECORD_SIZE,
        )
        printed.paragraph_format.tab_stops.add_tab_stop(TYPE_WIDTH - RECORD_SIZE, WD_TAB_ALIGNMENT.RIGHT)
        _border(first if first is not None else printed, edge="top", size=8)  # thick: 1 pt ≈ 0.35 mm
        _border(printed, edge="bottom", size=8)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
