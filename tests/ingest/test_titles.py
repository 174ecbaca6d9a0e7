"""Item titles: the printed heading where there is one, else a short flagged title from the first sentence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reformtrack.ingest.build import build_plan
from reformtrack.ingest.model import Item, ParsedPlan
from reformtrack.ingest.reasons import Reason, ReasonCode
from reformtrack.ingest.titles import MAX_HEADING, short_title, split_title

PLAN = Path(__file__).parents[1] / "fixtures" / "plans" / "headless_items_plan.txt"
FROM_SENTENCE = Reason(ReasonCode.TITLE_FROM_SENTENCE)


@pytest.fixture(scope="module")
def plan() -> ParsedPlan:
    return build_plan(PLAN.read_text(encoding="utf-8"))


def item(plan: ParsedPlan, chapter: int, label: str, *, child: str | None = None) -> Item:
    (found,) = [i for i in plan.chapters[chapter - 1].items if i.label == label]
    if child is not None:
        (found,) = [c for c in found.children if c.label == child]
    return found


# --- the rules, one by one ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "title", "body"),
    [
        ("加强组织领导。成立工作领导小组。", "加强组织领导", "成立工作领导小组。"),
        ("推进政务服务“一网通办”", "推进政务服务“一网通办”", ""),
        (
            "深化商事制度改革　全面推行企业开办“一网通办”。",
            "深化商事制度改革",
            "全面推行企业开办“一网通办”。",
        ),
        (
            "优化审批服务：推行证明事项告知承诺制，免于提交。",
            "优化审批服务",
            "推行证明事项告知承诺制，免于提交。",
        ),
        ("拓展“单一窗口”功能 2024年8月下旬前上线出口退税申报功能。", "拓展“单一窗口”功能", None),
    ],
)
def test_a_printed_heading_is_the_title_unflagged(head: str, title: str, body: str | None) -> None:
    split = split_title(head)

    assert (split.title, split.from_sentence) == (title, False)
    if body is not None:
        assert head[split.body_start :].strip() == body


@pytest.mark.parametrize(
    "head",
    [
        "对照国家要求，逐项梳理：" + "事项清单" * 12 + "。",  # the colon follows a clause
        "推进5G 网络建设" + "，加快建设千兆城市" * 5 + "。",  # spacing inside a name
        "加强 组织领导" + "，统筹推进各项改革任务" * 4 + "。",  # too short for a heading
    ],
)
def test_some_colons_and_spaces_end_no_heading(head: str) -> None:
    assert split_title(head).from_sentence


def test_a_long_first_sentence_is_no_heading_and_stays_the_first_measure() -> None:
    head = (
        "全面推行“双随机、一公开”监管，对新设立3年以内的企业实行包容审慎监管，"
        "对连续2年无违法记录的市场主体减少检查频次。"
    )
    split = split_title(head)

    assert (split.title, split.body_start, split.from_sentence) == ("全面推行“双随机、一公开”监管", 0, True)


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("清理规范涉企收费，开展涉企违规收费专项整治", "清理规范涉企收费"),
        (
            "同时，各地要建立健全涉企收费目录清单制度，并向社会公开",
            "同时，各地要建立健全涉企收费目录清单制度",
        ),
        (
            "建立健全覆盖省市县三级的企业信用信息归集共享公示和联合奖惩机制与信用修复机制并推动结果应用",
            "建立健全覆盖省市县三级的企业信用信息归集共享公示和联合奖惩机制与信用修复机制",
        ),
        (
            "推动《某某省优化营商环境条例》配套制度、实施细则和地方标准制修订工作全面落地见效并持续评估",
            "推动《某某省优化营商环境条例》配套制度、实施细则和地方标准制修订工作全面落地见效",
        ),
    ],
)
def test_a_short_title_ends_at_a_clause_or_word_boundary(sentence: str, title: str) -> None:
    made = short_title(sentence)

    assert made == title
    assert len(made) <= MAX_HEADING


def test_a_clause_with_no_word_boundary_is_cut_and_marked() -> None:
    sentence = "甲乙丙丁戊己庚辛壬癸" * 7
    assert short_title(sentence) == sentence[:40] + "…"


# --- a provincial plan with headless items -----------------------------------------------------


def test_printed_headings_are_kept_unflagged(plan: ParsedPlan) -> None:
    assert [(i.title, i.needs_review) for i in (item(plan, 2, "（一）"), item(plan, 2, "（二）"))] == [
        ("深化商事制度改革", False),
        ("优化涉企审批服务", False),
    ]
    assert item(plan, 2, "（四）").title == "推进政务服务“一网通办”"
    assert item(plan, 2, "（六）", child="2.").title == "拓展国际贸易“单一窗口”功能"


def test_headless_items_get_a_short_flagged_title(plan: ParsedPlan) -> None:
    third = item(plan, 2, "（三）")
    first_child = item(plan, 2, "（六）", child="1.")

    assert (third.title, third.review_reasons) == ("全面推行“双随机、一公开”监管", [FROM_SENTENCE])
    assert (first_child.title, first_child.review_reasons) == ("压缩进出口整体通关时间", [FROM_SENTENCE])
    # the sentence is not lost: it is the item's first measure
    assert third.measures[0].text.startswith("全面推行“双随机、一公开”监管，对新设立3年以内")


def test_an_unnumbered_paragraph_with_its_own_annotation_is_an_item_with_a_flagged_title(
    plan: ParsedPlan,
) -> None:
    labels = [i.label for i in plan.chapters[1].items]
    (paragraph,) = [i for i in plan.chapters[1].items if not i.label]

    assert labels == ["（一）", "（二）", "（三）", "（四）", "（五）", "", "（六）"]
    assert (paragraph.title, paragraph.review_reasons) == ("清理规范涉企收费", [FROM_SENTENCE])
    assert paragraph.lead_units[:2] == ["省发展改革委", "省财政厅"]
    assert paragraph.deadline == dt.date(2025, 12, 31)


def test_no_title_is_long_and_unflagged(plan: ParsedPlan) -> None:
    long_unflagged = [i.title for i in plan.items() if len(i.title) > MAX_HEADING and not i.needs_review]
    flagged = [i.title for i in plan.items() if i.needs_review]

    assert long_unflagged == []
    assert flagged == ["全面推行“双随机、一公开”监管", "清理规范涉企收费", "压缩进出口整体通关时间"]


def test_the_flag_is_worded_in_chinese_and_english(plan: ParsedPlan) -> None:
    data = item(plan, 2, "（三）").to_dict()
    english = item(plan, 2, "（三）").to_dict("en")

    assert data["review_reasons"] == ["标题取自首句，请核对。"]
    assert english["review_reasons"] == ["title made from the first sentence; please check"]
    assert data["review_reason_codes"] == [{"code": "title_from_sentence", "params": {}}]
