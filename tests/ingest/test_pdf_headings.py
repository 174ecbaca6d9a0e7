"""A PDF heading printed on its own line without a full stop ends its paragraph."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from reformtrack.ingest.read import read_document

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))

FULL = "推进政务数据共享开放，建立健全公共数据资源目录和责任清单制度，完善"[:30]  # a full line
# 27 characters after a two-character indent: the line stops one em short of the margin.
HEADING = "（三）加快建设统一开放竞争有序的现代市场体系和要素市场"
BODY = "深化要素市场化配置改革，推进土地、劳动力、资本、技术和数据要素市场建设。"


def pdf_of(tmp_path: Path, lines: list[tuple[int, str]]) -> str:
    """Draw each (indent in ems, text) as one line of 12 pt text, as a narrow layout wraps it."""
    path = tmp_path / "plan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("STSong-Light", 12)
    for i, (indent, line) in enumerate(lines):
        pdf.drawString(72 + 12 * indent, 760 - 20 * i, line)
    pdf.showPage()
    pdf.save()
    return read_document(path.read_bytes(), path.name).text


def test_a_label_line_an_em_short_of_the_margin_is_a_heading_of_its_own(tmp_path: Path) -> None:
    assert len(HEADING) == 27 and len(FULL) == 30
    text = pdf_of(tmp_path, [(0, FULL), (0, FULL[:29] + "。"), (2, HEADING), (2, BODY[:28]), (0, BODY[28:])])
    assert text.splitlines() == [FULL + FULL[:29] + "。", HEADING, BODY]


def test_a_label_line_whose_next_line_opens_with_kept_off_punctuation_goes_on(tmp_path: Path) -> None:
    text = pdf_of(tmp_path, [(0, FULL), (0, FULL[:29] + "。"), (2, HEADING), (0, "，" + BODY[:29])])
    assert text.splitlines() == [FULL + FULL[:29] + "。", HEADING + "，" + BODY[:29]]


def test_a_body_line_an_em_short_of_the_margin_goes_on(tmp_path: Path) -> None:
    body = "推进政务数据共享开放，建立健全公共数据资源目录和责任清单"  # 29 characters
    text = pdf_of(tmp_path, [(0, FULL), (0, FULL[:29] + "。"), (0, body), (0, BODY[:30])])
    assert text.splitlines() == [FULL + FULL[:29] + "。", body + BODY[:30]]
