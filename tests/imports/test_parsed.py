"""The draft's JSON turns back into the parsed plan, items are found by ref, corrections apply."""

from __future__ import annotations

from collections.abc import Callable

from reformtrack.imports.parsed import (
    apply_edits,
    is_ref,
    item_at,
    parsed_from_dict,
    targets_from_lines,
    unit_names,
    walk_refs,
)
from reformtrack.ingest import parse_bytes
from reformtrack.ingest.model import ParsedPlan
from reformtrack.ingest.reasons import Reason, ReasonCode

MakePlan = Callable[..., ParsedPlan]


def test_it_round_trips_the_sample_plan(sample_bytes: bytes) -> None:
    parsed = parse_bytes(sample_bytes, "sample.txt")

    again = parsed_from_dict(parsed.to_dict(), text=parsed.text)

    assert again.to_dict() == parsed.to_dict()
    assert again.text == parsed.text


def test_it_round_trips_a_hand_made_plan(make_plan: MakePlan) -> None:
    parsed = make_plan(chapters=3, children=2)

    assert parsed_from_dict(parsed.to_dict()).to_dict() == parsed.to_dict()


def test_it_reads_the_reasons_from_their_codes_not_their_words(make_plan: MakePlan) -> None:
    data = make_plan(chapters=1, projects=1, children=0).to_dict()
    item = data["chapters"][0]["items"][0]
    item["review_reasons"] = ["whatever the words"]

    (reason,) = parsed_from_dict(data).chapters[0].items[0].review_reasons

    assert reason == Reason(ReasonCode.LOST, {"before": "阳光慈尚", "after": "大爱罗湖"})


def test_words_without_codes_are_kept_as_text(make_plan: MakePlan) -> None:
    data = make_plan(chapters=1, projects=1, children=0).to_dict()
    item = data["chapters"][0]["items"][0]
    del item["review_reason_codes"]
    item["review_reasons"] = ["checked by hand"]

    assert parsed_from_dict(data).chapters[0].items[0].review_reasons == [Reason.text("checked by hand")]


def test_it_walks_items_by_ref_in_printed_order(make_plan: MakePlan) -> None:
    parsed = make_plan(chapters=2, projects=2, children=1)

    refs = [ref for ref, _ in walk_refs(parsed)]

    assert refs == ["1-1", "1-1-1", "1-2", "1-2-1", "2-1", "2-1-1", "2-2", "2-2-1"]
    assert [item.title for _, item in walk_refs(parsed)] == [item.title for item in parsed.items()]


def test_it_finds_an_item_by_ref(make_plan: MakePlan) -> None:
    parsed = make_plan(chapters=2, projects=2, children=1)

    assert item_at(parsed, "2-1") is parsed.chapters[1].items[0]
    assert item_at(parsed, "2-1-1") is parsed.chapters[1].items[0].children[0]


def test_it_finds_nothing_for_refs_outside_the_tree(make_plan: MakePlan) -> None:
    parsed = make_plan(chapters=2, projects=2, children=1)

    for ref in ["3-1", "1-3", "1-1-2", "1-1-1-1", "0-1", "1", "", "1-x", "-1-1", "1--1"]:
        assert item_at(parsed, ref) is None, ref


def test_it_accepts_only_refs_of_positive_numbers() -> None:
    assert is_ref("1-2")
    assert is_ref("12-3-4")
    assert not is_ref("1")
    assert not is_ref("1-0")
    assert not is_ref("1-2/")
    assert not is_ref("1-2\n")


def test_corrections_leave_the_original_alone(make_plan: MakePlan) -> None:
    parsed = make_plan()
    edits = {"items": {"1-1": {"title": "新标题", "lead_units": ["区民政局"]}}, "plan": {"title": "新方案"}}

    edited = apply_edits(parsed, edits)

    assert edited.title == "新方案"
    assert item_at(edited, "1-1") is not None
    assert item_at(edited, "1-1").title == "新标题"  # type: ignore[union-attr]
    assert item_at(edited, "1-1").lead_units == ["区民政局"]  # type: ignore[union-attr]
    assert parsed.chapters[0].items[0].title == "项目1-1"
    assert parsed.title != "新方案"


def test_a_checked_item_loses_its_flag(make_plan: MakePlan) -> None:
    parsed = make_plan()
    assert parsed.chapters[0].items[0].needs_review

    edited = apply_edits(parsed, {"items": {"1-1": {"reviewed": True}}})

    item = edited.chapters[0].items[0]
    assert not item.needs_review
    assert item.review_reasons == []


def test_corrections_of_items_that_are_not_there_are_ignored(make_plan: MakePlan) -> None:
    parsed = make_plan()

    assert apply_edits(parsed, {"items": {"9-9": {"title": "x"}}}).to_dict() == parsed.to_dict()


def test_typed_targets_are_read_like_the_importers(make_plan: MakePlan) -> None:
    targets = targets_from_lines(["打造2至3个网商集聚区", "提高群众满意度"], plan=make_plan())

    assert [(t.text, t.subject, t.min, t.max, t.unit) for t in targets] == [
        ("打造2至3个网商集聚区", "网商集聚区", 2, 3, "个"),
        ("提高群众满意度", "", None, None, ""),
    ]


def test_it_lists_every_unit_name_once(make_plan: MakePlan) -> None:
    names = unit_names(make_plan())

    assert names == ["区发改局", "区财政局", "各街道办事处", "区经济促进局", "区民政局"]
