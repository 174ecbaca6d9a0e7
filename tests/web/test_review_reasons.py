"""The importer's doubts, written in English, are shown in the user's language."""

from __future__ import annotations

from django.utils import translation

from reformtrack.ingest.repair import REASON_DOUBT, REASON_LOST, REASON_UNREADABLE
from reformtrack.ledger.templatetags.ledger_extras import review_reason


def test_it_words_the_importers_doubts_in_chinese() -> None:
    with translation.override("zh-hans"):
        doubt = review_reason(REASON_DOUBT.format(chosen="化及", rival="化前", context="（一）强化及时"))
        lost = review_reason(REASON_LOST.format(before="阳光慈尚", after="大爱罗湖"))
        unreadable = review_reason(REASON_UNREADABLE.format(text="剿鞲涌"))

    assert doubt == "乱码已恢复为“化及”，但“化前”同样符合原始字节（位于“（一）强化及时”），请核对。"
    assert lost == "“阳光慈尚”与“大爱罗湖”之间缺失一个字（以□标示），请补全。"
    assert unreadable == "乱码“剿鞲涌”无法恢复，请重新录入。"


def test_it_keeps_english_and_other_reasons_as_they_are() -> None:
    with translation.override("en"):
        lost = review_reason(REASON_LOST.format(before="甲", after="乙"))
    assert lost.startswith("A character is lost between “甲” and “乙”")
    assert review_reason("checked by hand") == "checked by hand"
