"""Stored review reasons (a code and its parameters) are shown in the user's language, Chinese by default."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from reformtrack.ingest.reasons import Reason, ReasonCode, render
from reformtrack.ledger.reasons import reason_text
from reformtrack.ledger.templatetags.ledger_extras import review_reason

REASONS = {
    ReasonCode.DOUBT: Reason(
        ReasonCode.DOUBT, {"chosen": "化及", "rival": "化前", "context": "（一）强化及时"}
    ),
    ReasonCode.LOST: Reason(ReasonCode.LOST, {"before": "阳光慈尚", "after": "大爱罗湖"}),
    ReasonCode.UNREADABLE: Reason(ReasonCode.UNREADABLE, {"text": "剿鞲涌"}),
    ReasonCode.UNREPAIRED: Reason(ReasonCode.UNREPAIRED, {"text": "?。ㄒ"}),
    ReasonCode.DAMAGED: Reason(ReasonCode.DAMAGED),
    ReasonCode.TITLE_FROM_SENTENCE: Reason(ReasonCode.TITLE_FROM_SENTENCE),
    ReasonCode.NO_BODY: Reason(ReasonCode.NO_BODY, {"text": "（相关部门负责）"}),
    ReasonCode.TEXT: Reason.text("checked by hand"),
}
ENGLISH = {
    ReasonCode.DOUBT: (
        "Damaged text recovered as “化及”, but “化前” fits the original bytes nearly as well"
        " (in “（一）强化及时”): please check."
    ),
    ReasonCode.LOST: "A character is lost between “阳光慈尚” and “大爱罗湖” (shown as □): please fill it in.",
    ReasonCode.UNREADABLE: "Unreadable damaged text “剿鞲涌” could not be recovered: please retype it.",
    ReasonCode.UNREPAIRED: (
        "Damaged text “?。ㄒ” was left unrepaired because the repair ran out of time: please check it."
    ),
    ReasonCode.DAMAGED: "Damaged text was not recovered with certainty: please check it.",
    ReasonCode.TITLE_FROM_SENTENCE: (
        "The item printed no heading; its title was made from its first sentence: please check it."
    ),
    ReasonCode.NO_BODY: (
        "The annotation “（相关部门负责）” names no unit in particular, so no lead unit was taken: "
        "please fill it in."
    ),
    ReasonCode.TEXT: "checked by hand",
}


def test_every_code_has_its_words() -> None:
    assert set(REASONS) == set(ENGLISH) == set(ReasonCode)


@pytest.mark.parametrize("code", list(ReasonCode))
def test_it_words_each_stored_code_in_chinese_as_the_importer_does(code: ReasonCode) -> None:
    stored = REASONS[code].to_dict()

    with translation.override("zh-hans"):
        shown = review_reason(stored)

    assert shown == render(REASONS[code], "zh")


@pytest.mark.parametrize("code", list(ReasonCode))
def test_it_words_each_stored_code_in_english(code: ReasonCode) -> None:
    with translation.override("en"):
        assert review_reason(REASONS[code].to_dict()) == ENGLISH[code]
        assert reason_text(REASONS[code]) == ENGLISH[code]  # the importer's own, before it is stored


def test_chinese_is_the_default() -> None:
    assert (
        reason_text(REASONS[ReasonCode.LOST].to_dict())
        == "“阳光慈尚”与“大爱罗湖”之间缺失一个字（以□标示），请补全。"
    )


def test_what_is_not_a_reason_is_shown_as_it_is() -> None:
    assert review_reason("an old sentence") == "an old sentence"
    assert review_reason({"code": "gone", "params": {}}) == "{'code': 'gone', 'params': {}}"


def test_the_pages_filter_escapes_the_documents_text() -> None:
    stored = Reason(ReasonCode.UNREADABLE, {"text": "<script>"}).to_dict()

    shown = Template("{% load ledger_extras %}{{ reason|review_reason }}").render(Context({"reason": stored}))

    assert "&lt;script&gt;" in shown and "<script>" not in shown
