"""What the award prints: the certificates (荣誉证书) and the announcement (通报) as .docx.

Both are Chinese whatever the reader's language. The announcement is an official document in the
GB/T 9704 layout (:class:`~reformtrack.core.official_docx.OfficialDocument`); a certificate is not a
公文: a landscape A4 page with the title in 方正小标宋简体 and the text in 仿宋_GB2312, the fonts of
core/official_docx.py named for every script, one page per winner.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from django.conf import settings
from django.utils import translation
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt

from reformtrack.core.official_docx import (
    BODY_FONT,
    BODY_SIZE,
    TITLE_FONT,
    Letterhead,
    OfficialDocument,
    chinese_date,
    set_font,
)
from reformtrack.ingest.numerals import int_to_chinese

from .choices import PrizeLevel
from .models import AwardCall, Nomination

CERTIFICATE_TITLE = "荣誉证书"
AWARD_NAME = "罗湖创新奖"
CERTIFICATE_TITLE_SIZE = Pt(48)
CERTIFICATE_TEXT_SIZE = Pt(22)


def prize_name(level: str) -> str:
    """一等奖 …: a prize as printed, in Chinese whatever the reader's language."""
    with translation.override("zh-hans"):
        return str(PrizeLevel(level).label)


def announcement_number(call: AwardCall) -> str:
    """罗创奖〔2026〕1号: one call a year, so its announcement is the year's first and only."""
    return f"罗创奖〔{call.year}〕1号"


def certificate_text(nomination: Nomination) -> tuple[str, str]:
    """The addressee line and the citation of a winner's certificate."""
    call = nomination.call
    return (
        f"{nomination.unit.name}：",
        f"你单位申报的《{nomination.title}》荣获{call.year}年度{AWARD_NAME}{prize_name(nomination.prize)}。"
        "特发此证，以资鼓励。",
    )


def _text(document: object, text: str, font: str, size: Pt, *, align: int, indent: bool = False) -> None:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(12)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size.pt * 2)
    set_font(paragraph.add_run(text), font, size)


def certificates_docx(
    nominations: Sequence[Nomination], *, issuer: str = "", day: dt.date | None = None
) -> bytes:
    """One landscape page per winner: 荣誉证书, the unit, the citation, the issuer and the date."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(30))
    set_font(document.styles["Normal"], BODY_FONT, BODY_SIZE)
    issuer = issuer or settings.DOCUMENT_COORDINATING_OFFICE
    for index, nomination in enumerate(nominations):
        addressee, citation = certificate_text(nomination)
        on = day or nomination.call.announced_on or dt.date.today()
        _text(
            document, CERTIFICATE_TITLE, TITLE_FONT, CERTIFICATE_TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER
        )
        _text(document, addressee, BODY_FONT, CERTIFICATE_TEXT_SIZE, align=WD_ALIGN_PARAGRAPH.LEFT)
        _text(
            document, citation, BODY_FONT, CERTIFICATE_TEXT_SIZE, align=WD_ALIGN_PARAGRAPH.LEFT, indent=True
        )
        _text(document, issuer, BODY_FONT, CERTIFICATE_TEXT_SIZE, align=WD_ALIGN_PARAGRAPH.RIGHT)
        _text(document, chinese_date(on), BODY_FONT, CERTIFICATE_TEXT_SIZE, align=WD_ALIGN_PARAGRAPH.RIGHT)
        if index < len(nominations) - 1:
            document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def announcement_docx(call: AwardCall, winners: Sequence[Nomination]) -> bytes:
    """The results as a 通报 in the GB/T 9704 layout: one section per prize, its winners listed."""
    day = call.announced_on or dt.date.today()
    letterhead = Letterhead(
        issuer=settings.DOCUMENT_COORDINATING_OFFICE,
        number=announcement_number(call) if call.announced_on else "（草稿，签发时编号）",
        date=day,
        recipients=settings.DOCUMENT_BULLETIN_RECIPIENTS,
        copy_to=settings.DOCUMENT_BULLETIN_COPY_TO,
    )
    document = OfficialDocument(letterhead)
    document.masthead()
    document.title(f"关于{call.year}年度{AWARD_NAME}评选结果的通报")
    document.recipients()
    document.paragraph(
        f"根据《{call.title}》，经单位申报、资格审查、专家评审，现将{call.year}年度{AWARD_NAME}"
        f"评选结果通报如下："
    )
    levels = [level for level in PrizeLevel.values if any(n.prize == level for n in winners)]
    for index, level in enumerate(levels, start=1):
        chosen = [n for n in winners if n.prize == level]
        document.heading(f"{int_to_chinese(index)}、{prize_name(level)}（{len(chosen)}项）")
        for number, nomination in enumerate(chosen, start=1):
            document.paragraph(f"{number}. {nomination.unit.name}：《{nomination.title}》")
    document.paragraph("希望获奖单位再接再厉，各单位以先进为榜样，推动全区改革创新工作再上新台阶。")
    document.signature()
    document.record()
    return document.to_bytes()
