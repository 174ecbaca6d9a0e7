"""The .docx of a bulletin in the official layout: the title in 小标宋 22 pt, headings in 黑体, table
cells in 仿宋 (headers bold 黑体) at 10.5 pt, East Asian fonts set, as Word shows them."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from reformtrack.supervision.bulletin import PrintedBulletin, Section
from reformtrack.supervision.bulletin_docx import bulletin_docx

ROWS = [[str(i), "区经济促进局", f"（{i}）项目{i}", "2014-12-31"] for i in range(1, 41)]


def _east_asian(rpr_holder: object) -> str | None:
    rpr = rpr_holder.element.rPr  # type: ignore[attr-defined]
    return None if rpr is None or rpr.rFonts is None else rpr.rFonts.get(qn("w:eastAsia"))


def test_the_tables_take_the_official_fonts_from_their_styles() -> None:
    printed = PrintedBulletin(
        "全面深化改革工作督查通报",
        "督查通报〔2014〕3号",
        dt.date(2014, 7, 15),
        [Section("逾期未完成事项", ["共40项。"], ["序号", "牵头单位", "事项", "完成时限"], ROWS)],
    )

    document = Document(io.BytesIO(bulletin_docx(printed)))

    title = document.paragraphs[0].runs[0]
    assert (title.text, title.font.size, title.font.name) == (
        "全面深化改革工作督查通报",
        Pt(22),
        "方正小标宋简体",
    )
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
