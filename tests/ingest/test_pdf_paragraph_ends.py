"""Where a PDF paragraph ends: a heading on its own line without a full stop, a unit annotation at a
row's end; and where it goes on: a sentence ending at the margin in a document that indents first
lines."""

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


# 30 characters: a row that runs to the margin and ends with a closed annotation
ANNOTATED = "理。（牵头单位：市住房和城乡建设局；责任单位：市自然资源局）"
NEXT = "建设市级企业服务中心，实现涉企服务事项一站式办理。"


def test_a_row_ending_with_an_annotation_ends_its_paragraph(tmp_path: Path) -> None:
    assert len(ANNOTATED) == 30
    text = pdf_of(tmp_path, [(0, FULL), (0, ANNOTATED), (0, NEXT)])
    assert text.splitlines() == [FULL + ANNOTATED, NEXT]


def test_a_row_ending_with_an_annotation_goes_on_before_kept_off_punctuation(tmp_path: Path) -> None:
    text = pdf_of(tmp_path, [(0, FULL), (0, ANNOTATED), (0, "，" + NEXT)])
    assert text.splitlines() == [FULL + ANNOTATED + "，" + NEXT]


# A paragraph whose first row (indented two ems) ends a sentence right at the margin.
SENTENCE = "推进工程建设项目审批改革，社会投资项目审批时限压至十日。"  # 28 characters
REST = "推进联合验收和多测合一，实现审批全程网上办理。"


def test_in_an_indented_document_a_sentence_ending_at_the_margin_goes_on(tmp_path: Path) -> None:
    assert len(SENTENCE) == 28
    rows = [(2, FULL[:28]), (0, "完善制度。"), (2, SENTENCE), (0, REST), (2, NEXT)]
    text = pdf_of(tmp_path, rows)
    assert text.splitlines() == [FULL[:28] + "完善制度。", SENTENCE + REST, NEXT]
    # Without first-line indents nothing tells a paragraph's end from a sentence's.
    flush = pdf_of(tmp_path, [(0, FULL), (0, "完善制度。"), (0, "推进" + SENTENCE), (0, REST)])
    assert flush.splitlines() == [FULL + "完善制度。", "推进" + SENTENCE, REST]


def test_in_an_indented_document_a_flush_left_label_line_stands_alone(tmp_path: Path) -> None:
    rows = [(2, FULL[:28]), (0, "完善制度。"), (2, SENTENCE), (0, "牵头单位：市发展改革委"), (2, NEXT)]
    text = pdf_of(tmp_path, rows)
    assert text.splitlines() == [FULL[:28] + "完善制度。", SENTENCE, "牵头单位：市发展改革委", NEXT]
