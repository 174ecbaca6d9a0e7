"""Review reasons are data (a code and its parameters), worded in Chinese by default or in English."""

from __future__ import annotations

import json

import pytest

from reformtrack.ingest.model import Item
from reformtrack.ingest.reasons import TEMPLATES, Reason, ReasonCode, params_of, reason_from_data, render

# One reason of every code, with what ingest words it as in Chinese and in English.
WORDED = [
    (
        Reason(ReasonCode.DOUBT, {"chosen": "化及", "rival": "化前", "context": "（一）强化及时"}),
        "乱码已恢复为“化及”，但“化前”同样符合原始字节（位于“（一）强化及时”），请核对。",
        "damaged text recovered as “化及” with doubt (“化前” fits the bytes nearly as well)"
        " in “（一）强化及时”",
    ),
    (
        Reason(ReasonCode.LOST, {"before": "阳光慈尚", "after": "大爱罗湖"}),
        "“阳光慈尚”与“大爱罗湖”之间缺失一个字（以□标示），请补全。",
        "a character is lost between “阳光慈尚” and “大爱罗湖” (shown as □)",
    ),
    (
        Reason(ReasonCode.UNREADABLE, {"text": "剿鞲涌"}),
        "乱码“剿鞲涌”无法恢复，请重新录入。",
        "unreadable damaged text “剿鞲涌” was not recovered; please retype it",
    ),
    (
        Reason(ReasonCode.UNREPAIRED, {"text": "?。ㄒ"}),
        "受损文字“?。ㄒ”因修复超时未予修复：请核对。",
        "damaged text “?。ㄒ” was left unrepaired (the repair ran out of time); please check it",
    ),
    (
        Reason(ReasonCode.DAMAGED),
        "乱码未能确定恢复，请核对。",
        "damaged text, not recovered with certainty",
    ),
    (
        Reason(ReasonCode.TITLE_FROM_SENTENCE),
        "标题取自首句，请核对。",
        "title made from the first sentence; please check",
    ),
    (
        Reason(ReasonCode.NO_BODY, {"text": "（相关部门及各地区按职责分工负责）"}),
        "单位注释“（相关部门及各地区按职责分工负责）”未写明具体单位，未设牵头单位，请补填。",
        "the annotation “（相关部门及各地区按职责分工负责）” names no unit in particular,"
        " so no lead unit was taken; please fill it in",
    ),
    (Reason.text("checked by hand"), "checked by hand", "checked by hand"),
]


def test_every_code_is_worded_and_tested() -> None:
    assert {reason.code for reason, _, _ in WORDED} == set(ReasonCode) == set(TEMPLATES)


@pytest.mark.parametrize(("reason", "chinese", "english"), WORDED, ids=[r.code for r, _, _ in WORDED])
def test_it_words_each_code_in_chinese_by_default_and_in_english(
    reason: Reason, chinese: str, english: str
) -> None:
    assert render(reason) == chinese
    assert render(reason, "zh") == chinese
    assert render(reason, "en") == english
    assert render(reason, "en-us") == english


@pytest.mark.parametrize("reason", [reason for reason, _, _ in WORDED], ids=[r.code for r, _, _ in WORDED])
def test_each_code_goes_to_json_and_back_unchanged(reason: Reason) -> None:
    data = json.loads(json.dumps(reason.to_dict(), ensure_ascii=False))

    assert data == {"code": reason.code, "params": dict(reason.params)}
    assert Reason.from_dict(data) == reason
    assert reason_from_data(data) == reason


def test_a_reason_takes_exactly_its_codes_parameters() -> None:
    assert params_of(ReasonCode.LOST) == {"before", "after"}
    with pytest.raises(ValueError, match="unknown"):
        Reason("synthetic")
    with pytest.raises(ValueError, match="takes"):
        Reason(ReasonCode.LOST, {"before": "甲"})
    with pytest.raises(ValueError, match="takes"):
        Reason(ReasonCode.TEXT, {"text": 3})  # type: ignore[dict-item]


def test_equal_reasons_are_one_and_keep_their_own_parameters() -> None:
    params = {"text": "乱码"}
    reason = Reason(ReasonCode.UNREADABLE, params)
    params["text"] = "changed"

    assert reason.params == {"text": "乱码"}
    assert len({reason, Reason("unreadable", {"text": "乱码"})}) == 1
    item = Item(number=1, label="（一）", title="甲", text="甲")
    item.flag(reason)
    item.flag(Reason(ReasonCode.UNREADABLE, {"text": "乱码"}))
    assert item.needs_review and item.review_reasons == [reason]


def test_what_does_not_read_as_a_reason_is_shown_as_text() -> None:
    assert reason_from_data("an old sentence") == Reason.text("an old sentence")
    assert reason_from_data({"code": "gone", "params": {}}).code == ReasonCode.TEXT
    assert reason_from_data({"code": "lost"}).code == ReasonCode.TEXT
    assert reason_from_data(None) == Reason.text("None")


def test_an_items_json_has_the_worded_reasons_and_their_codes_in_order() -> None:
    item = Item(number=1, label="（一）", title="甲", text="甲")
    for reason, _, _ in WORDED[:2]:
        item.flag(reason)

    data = item.to_dict()
    english = item.to_dict("en")

    assert data["review_reasons"] == [WORDED[0][1], WORDED[1][1]]
    assert english["review_reasons"] == [WORDED[0][2], WORDED[1][2]]
    assert (
        data["review_reason_codes"]
        == english["review_reason_codes"]
        == [
            {"code": "doubt", "params": {"chosen": "化及", "rival": "化前", "context": "（一）强化及时"}},
            {"code": "lost", "params": {"before": "阳光慈尚", "after": "大爱罗湖"}},
        ]
    )
