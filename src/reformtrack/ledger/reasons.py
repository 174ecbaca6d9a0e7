"""Review reasons in the reader's language: the stored codes worded through gettext.

``Project.review_reasons`` holds a list of ``{"code": …, "params": {…}}``
(:class:`reformtrack.ingest.reasons.Reason`); the pages, the exports and ``reformtrack show``
word them here in the active language, Chinese by default. The Chinese is the same as ingest's own
renderer gives ``reformtrack parse`` (a test holds the two together).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from reformtrack.ingest.notes import note_from_data, render_note
from reformtrack.ingest.reasons import Reason, ReasonCode, reason_from_data

# ReasonCode.TEXT is shown as it is written; every other code has its sentence here.
_WORDS: dict[str, Promise] = {
    ReasonCode.DOUBT: _(
        "Damaged text recovered as “%(chosen)s”, but “%(rival)s” fits the original bytes nearly as well "
        "(in “%(context)s”): please check."
    ),
    ReasonCode.LOST: _(
        "A character is lost between “%(before)s” and “%(after)s” (shown as □): please fill it in."
    ),
    ReasonCode.UNREADABLE: _("Unreadable damaged text “%(text)s” could not be recovered: please retype it."),
    ReasonCode.UNREPAIRED: _(
        "Damaged text “%(text)s” was left unrepaired because the repair ran out of time: please check it."
    ),
    ReasonCode.DAMAGED: _("Damaged text was not recovered with certainty: please check it."),
    ReasonCode.TITLE_FROM_SENTENCE: _(
        "The item printed no heading; its title was made from its first sentence: please check it."
    ),
    ReasonCode.NO_BODY: _(
        "The annotation “%(text)s” names no unit in particular, so no lead unit was taken: please fill it in."
    ),
}


def reason_text(value: object) -> str:
    """A stored reason (its dict, a :class:`Reason`, or an old sentence) in the active language."""
    reason = reason_from_data(value)
    if reason.code == ReasonCode.TEXT:
        return reason.params["text"]
    return str(_WORDS[reason.code]) % reason.params


def reason_texts(values: Iterable[object]) -> list[str]:
    """Every stored reason of a list, worded, in order."""
    return [reason_text(value) for value in values]


def stored_reasons(reasons: Iterable[Reason]) -> list[dict[str, Any]]:
    """The reasons as ``Project.review_reasons`` stores them."""
    return [reason.to_dict() for reason in reasons]


def note_text(value: object) -> str:
    """One of the importer's notes on a plan (``Plan.warnings``: its dict, or an old sentence) in the
    active language. The notes are worded by ingest's own tables (Chinese and English), which
    ``reformtrack parse`` prints too; a sentence stored before notes were data is shown as it is."""
    return render_note(note_from_data(value), get_language() or "zh")


def note_texts(values: Iterable[object]) -> list[str]:
    """Every note of a plan, worded, in order."""
    return [note_text(value) for value in values]
