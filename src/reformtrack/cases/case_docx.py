"""A case, or a selection of the library, as one .docx in the official layout (GB/T 9704, through
:mod:`reformtrack.core.official_docx`).

One case: its title, its summary, then 一、改革背景, 二、主要做法, 三、取得成效 (the results and the
figures' table), 四、经验启示, its keywords, and the lead unit with the date of approval as signature.
A selection (汇编): the title 改革案例汇编 and each case under its own first-level heading, the four
parts as second-level ones. The document is Chinese whatever the reader's language, as the
platform's official documents are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.utils import timezone

from reformtrack.core.numbers import large_number
from reformtrack.core.official_docx import Letterhead, OfficialDocument, chinese_date
from reformtrack.ingest.numerals import int_to_chinese

from .figures import Figure
from .models import Case

__all__ = ["case_docx", "library_docx"]

PARTS = (
    ("改革背景", "background"),
    ("主要做法", "actions"),
    ("取得成效", "results"),
    ("经验启示", "lessons"),
)
FIGURE_HEADER = ["指标", "实际值", "截至", "完成度"]
COLLECTION_TITLE = "改革案例汇编"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def figure_row(figure: Figure) -> list[str]:
    """A figure as a table row: the target, its value with unit, the date, the achievement."""
    value = large_number(figure.value, figure.unit) if figure.value is not None else "—"
    day = chinese_date(figure.value_date) if figure.value_date else "—"
    share = f"{figure.achievement:.1f}%" if figure.achievement is not None else "—"
    return [figure.text, value, day, share]


def _body(
    document: OfficialDocument, case: Case, figures: list[Figure], *, nested: bool, styles: tuple[str, str]
) -> None:
    """The case's parts, as first-level headings (one case) or second-level ones (a selection)."""
    for line in _lines(case.summary):
        document.paragraph(line)
    for index, (heading, field) in enumerate(PARTS, start=1):
        numeral = int_to_chinese(index)
        document.heading(f"（{numeral}）{heading}" if nested else f"{numeral}、{heading}")
        for line in _lines(getattr(case, field)):
            document.paragraph(line)
        if field == "results" and figures:
            document.table(FIGURE_HEADER, [figure_row(figure) for figure in figures], styles)
    if case.keywords:
        document.paragraph(f"关键词：{case.keywords}")


def _letterhead(signature: str, day: dt.date) -> Letterhead:
    return Letterhead(
        issuer=str(settings.DOCUMENT_COORDINATING_OFFICE), number="", date=day, signature=signature
    )


def case_docx(case: Case, figures: list[Figure]) -> bytes:
    """One case as a .docx, signed by its lead unit on the day it was approved (today for a draft)."""
    day = timezone.localdate(case.approved_at) if case.approved_at else timezone.localdate()
    document = OfficialDocument(_letterhead(case.unit.name, day))
    document.title(case.title)
    _body(document, case, figures, nested=False, styles=document.table_styles("案例"))
    document.signature()
    return document.to_bytes()


def library_docx(cases: Sequence[Case], figures: dict[int, list[Figure]]) -> bytes:
    """The cases as one collection (汇编), in the order given, signed by the coordinating office."""
    document = OfficialDocument(_letterhead("", timezone.localdate()))
    document.title(COLLECTION_TITLE)
    styles = document.table_styles("案例")
    for index, case in enumerate(cases, start=1):
        document.heading(f"{int_to_chinese(index)}、{case.title}")
        document.paragraph(f"牵头单位：{case.unit.name}")
        _body(document, case, figures.get(case.pk, []), nested=True, styles=styles)
    if not cases:
        document.paragraph("没有符合条件的案例。")
    document.signature()
    return document.to_bytes()
