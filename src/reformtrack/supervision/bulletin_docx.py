"""A bulletin rendered as .docx: title and number centred, numbered sections with their tables, the
date on the right, in the fonts and sizes of official documents (GB/T 9704)."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from .bulletin import PrintedBulletin, section_heading

# Official documents (GB/T 9704): title in 小标宋 二号 (22 pt), body in 仿宋 三号 (16 pt), headings 黑体.
TITLE_FONT, BODY_FONT, HEADING_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体"
TITLE_SIZE, BODY_SIZE, TABLE_SIZE = Pt(22), Pt(16), Pt(10.5)


def _font(run: object, name: str, size: Pt, *, bold: bool = False) -> None:
    run.font.name = name  # type: ignore[attr-defined]
    run.font.size = size  # type: ignore[attr-defined]
    run.font.bold = bold  # type: ignore[attr-defined]
    # East Asian text takes the eastAsia font, which python-docx does not set by itself
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)  # type: ignore[attr-defined]


def _paragraph(
    document: object, text: str, name: str, size: Pt, align: int | None = None, bold: bool = False
) -> None:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    if align is not None:
        paragraph.alignment = align
    _font(paragraph.add_run(text), name, size, bold=bold)


def _table_style(document: Any, name: str, font: str, *, bold: bool = False) -> str:
    """A paragraph style for table cells (font, size, East Asian font), added to ``document``; its
    id. A style set once per cell costs a fraction of a font set on every run: the bulletin of a
    city-scale quarter has over a thousand table rows."""
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.name, style.font.size, style.font.bold = font, TABLE_SIZE, bold
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return str(style.style_id)


def bulletin_docx(bulletin: PrintedBulletin) -> bytes:
    """The bulletin as a .docx: centred title and number, the date on the right, numbered sections."""
    document = Document()
    header_style = _table_style(document, "通报表头", HEADING_FONT, bold=True)
    cell_style = _table_style(document, "通报表格", BODY_FONT)
    _paragraph(document, bulletin.title, TITLE_FONT, TITLE_SIZE, WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, bulletin.number, BODY_FONT, BODY_SIZE, WD_ALIGN_PARAGRAPH.CENTER)
    for i, section in enumerate(bulletin.sections):
        _paragraph(document, section_heading(i, section.heading), HEADING_FONT, BODY_SIZE)
        for text in section.paragraphs:
            _paragraph(document, text, BODY_FONT, BODY_SIZE)
        if section.header:
            table = document.add_table(rows=1, cols=len(section.header))
            table.style = "Table Grid"
            for row, (cells, style) in enumerate(
                [(section.header, header_style)] + [(cells, cell_style) for cells in section.rows]
            ):
                for cell, text in zip(
                    table.rows[0].cells if row == 0 else table.add_row().cells, cells, strict=True
                ):
                    paragraph = cell.paragraphs[0]
                    paragraph._p.style = style  # the style's id, set without a lookup per cell
                    paragraph.add_run(text)
    date = bulletin.date
    _paragraph(
        document, f"{date.year}年{date.month}月{date.day}日", BODY_FONT, BODY_SIZE, WD_ALIGN_PARAGRAPH.RIGHT
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
