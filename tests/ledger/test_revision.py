"""The difference between a stored plan and a revised document: plain Python, no database."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

from reformtrack.ingest.model import Chapter, Item, ParsedPlan, Target
from reformtrack.ledger.revision import StoredProject, revision, similarity

NUMERALS = "一二三四五六七八九十"

TITLES = [
    "精简行政审批事项",
    "推进网上审批",
    "建立市场主体信用体系",
    "深化商事登记制度改革",
    "完善社区网格化管理",
]


def stored(pk: int, chapter: int, number: int, title: str, **extra: Any) -> StoredProject:
    return StoredProject(
        id=pk, chapter=chapter, path=(number,), label=f"（{NUMERALS[number - 1]}）", title=title, **extra
    )


def item(number: int, title: str, **extra: Any) -> Item:
    targets = [Target(text=t, subject="", min=None, max=None, unit="") for t in extra.pop("targets", [])]
    return Item(
        number=number, label=f"（{NUMERALS[number - 1]}）", title=title, text=title, targets=targets, **extra
    )


def plan(*chapters: tuple[int, list[Item]]) -> ParsedPlan:
    return ParsedPlan(
        title="方案", chapters=[Chapter(number=n, title=f"第{n}章", items=items) for n, items in chapters]
    )


def base_stored() -> list[StoredProject]:
    return [
        stored(1, 2, 1, TITLES[0], lead_units=("区编办",)),
        stored(2, 2, 2, TITLES[1], lead_units=("区政务办",)),
        stored(3, 2, 3, TITLES[2]),
        stored(4, 3, 1, TITLES[3]),
        stored(5, 3, 2, TITLES[4]),
    ]


def base_items() -> list[tuple[int, list[Item]]]:
    return [
        (
            2,
            [
                item(1, TITLES[0], lead_units=["区编办"]),
                item(2, TITLES[1], lead_units=["区政务办"]),
                item(3, TITLES[2]),
            ],
        ),
        (3, [item(1, TITLES[3]), item(2, TITLES[4])]),
    ]


def kinds(result: Any) -> list[tuple[str, int | None, str | None]]:
    return [
        (c.kind.value, c.stored.id if c.stored else None, c.parsed.ref if c.parsed else None)
        for c in result.changes
    ]


def test_the_same_plan_has_no_changes() -> None:
    result = revision(base_stored(), plan(*base_items()))

    assert result.changes == []
    assert set(result.matched) == {1, 2, 3, 4, 5}


def test_an_added_project_is_listed_at_its_place_in_the_document() -> None:
    chapters = base_items()
    chapters[0][1].insert(1, item(2, "推行电子证照"))
    for number, entry in enumerate(chapters[0][1], start=1):
        entry.number, entry.label = number, f"（{NUMERALS[number - 1]}）"

    result = revision(base_stored(), plan(*chapters))

    # the two projects after it are renumbered, and found by title, not by their old numbers
    assert kinds(result) == [
        ("added", None, "1-2"),
        ("renumbered", 2, "1-3"),
        ("renumbered", 3, "1-4"),
    ]


def test_a_dropped_project_does_not_hand_its_number_to_the_next_one() -> None:
    chapters = base_items()
    del chapters[0][1][1]  # 推进网上审批 goes; 建立市场主体信用体系 becomes （二）
    chapters[0][1][1].number, chapters[0][1][1].label = 2, "（二）"

    result = revision(base_stored(), plan(*chapters))

    assert kinds(result) == [("dropped", 2, None), ("renumbered", 3, "1-2")]


def test_a_project_retitled_in_place_is_matched_by_its_number() -> None:
    chapters = base_items()
    chapters[0][1][1].title = "深化“互联网+政务服务”"

    result = revision(base_stored(), plan(*chapters))

    assert kinds(result) == [("retitled", 2, "1-2")]
    assert result.changes[0].key == "retitled:p2"


def test_a_slightly_reworded_title_is_matched_even_when_renumbered() -> None:
    chapters = base_items()
    chapters[0][1].reverse()  # same projects, printed in the other order
    for number, entry in enumerate(chapters[0][1], start=1):
        entry.number, entry.label = number, f"（{NUMERALS[number - 1]}）"
    chapters[0][1][0].title = "建立健全市场主体信用体系"

    result = revision(base_stored(), plan(*chapters))

    assert sorted(kinds(result)) == sorted(
        [("retitled", 3, "1-1"), ("renumbered", 3, "1-1"), ("renumbered", 1, "1-3")]
    )


def test_a_project_moved_to_another_chapter_is_matched_and_renumbered() -> None:
    chapters = base_items()
    moved = chapters[0][1].pop(2)  # 建立市场主体信用体系 from chapter 2 to chapter 3 as （三）
    moved.number, moved.label = 3, "（三）"
    chapters[1][1].append(moved)

    result = revision(base_stored(), plan(*chapters))

    assert kinds(result) == [("renumbered", 3, "2-3")]
    assert result.matched[3].chapter == 3


def test_units_deadline_and_targets_are_each_their_own_change() -> None:
    projects = base_stored()
    projects[0] = stored(
        1,
        2,
        1,
        TITLES[0],
        lead_units=("区编办",),
        deadline=dt.date(2014, 12, 31),
        deadline_text="2014年底前",
        targets=("精简30%以上",),
    )
    chapters = base_items()
    chapters[0][1][0] = item(
        1,
        TITLES[0],
        lead_units=["区编办", "区法制办"],
        deadline=dt.date(2015, 6, 30),
        deadline_text="2015年上半年",
        targets=["精简40%以上"],
    )

    result = revision(projects, plan(*chapters))

    assert kinds(result) == [
        ("units_changed", 1, "1-1"),
        ("deadline_moved", 1, "1-1"),
        ("targets_changed", 1, "1-1"),
    ]
    assert [c.key for c in result.changes] == ["units_changed:p1", "deadline_moved:p1", "targets_changed:p1"]


def test_unit_names_compare_in_their_normal_form_and_in_any_order() -> None:
    projects = base_stored()
    projects[0] = stored(1, 2, 1, TITLES[0], lead_units=("区编办", "区法制办"))
    chapters = base_items()
    chapters[0][1][0].lead_units = ["区 法制办", "区编办"]

    assert revision(projects, plan(*chapters)).changes == []


def test_a_unit_moving_from_lead_to_co_is_a_change() -> None:
    projects = base_stored()
    projects[0] = stored(1, 2, 1, TITLES[0], lead_units=("区编办",), co_units=("区法制办",))
    chapters = base_items()
    chapters[0][1][0].lead_units = ["区编办", "区法制办"]

    assert kinds(revision(projects, plan(*chapters))) == [("units_changed", 1, "1-1")]


def test_the_same_deadline_printed_otherwise_is_not_moved() -> None:
    projects = base_stored()
    projects[0] = stored(
        1, 2, 1, TITLES[0], lead_units=("区编办",), deadline=dt.date(2014, 12, 31), deadline_text="2014年底前"
    )
    chapters = base_items()
    chapters[0][1][0].deadline, chapters[0][1][0].deadline_text = dt.date(2014, 12, 31), "2014年年底前"

    assert revision(projects, plan(*chapters)).changes == []


def test_an_ongoing_project_given_a_new_wording_is_moved() -> None:
    projects = base_stored()
    projects[0] = stored(1, 2, 1, TITLES[0], lead_units=("区编办",), deadline_text="持续推进")
    chapters = base_items()
    chapters[0][1][0].deadline_text = "长期坚持"

    assert kinds(revision(projects, plan(*chapters))) == [("deadline_moved", 1, "1-1")]


def test_closing_punctuation_and_spaces_do_not_retitle() -> None:
    chapters = base_items()
    chapters[0][1][0].title = "精简 行政审批事项。"

    assert revision(base_stored(), plan(*chapters)).changes == []


def test_dropped_projects_are_listed_where_they_stood() -> None:
    chapters = base_items()
    del chapters[1][1][0]  # 深化商事登记制度改革, first of chapter 3
    chapters[1][1][0].number, chapters[1][1][0].label = 1, "（一）"
    del chapters[0][1][0]  # and the very first project
    for number, entry in enumerate(chapters[0][1], start=1):
        entry.number, entry.label = number, f"（{NUMERALS[number - 1]}）"

    result = revision(base_stored(), plan(*chapters))

    assert kinds(result) == [
        ("dropped", 1, None),
        ("renumbered", 2, "1-1"),
        ("renumbered", 3, "1-2"),
        ("dropped", 4, None),
        ("renumbered", 5, "2-1"),
    ]


def test_a_whole_new_chapter_adds_its_projects() -> None:
    chapters = [*base_items(), (4, [item(1, "加强组织领导"), item(2, "强化督查考核")])]

    result = revision(base_stored(), plan(*chapters))

    assert kinds(result) == [("added", None, "3-1"), ("added", None, "3-2")]
    assert [c.key for c in result.changes] == ["added:3-1", "added:3-2"]


def test_sub_items_are_matched_by_their_number_path() -> None:
    projects = [
        *base_stored(),
        StoredProject(id=6, chapter=2, path=(1, 1), label="1.", title="清理区级审批事项", parent_id=1),
        StoredProject(id=7, chapter=2, path=(1, 2), label="2.", title="公布事项目录", parent_id=1),
    ]
    chapters = base_items()
    chapters[0][1][0].children = [
        Item(number=1, label="1.", title="清理区级审批事项", text="", level=2),
        Item(number=2, label="2.", title="编制公布事项清单", text="", level=2),
        Item(number=3, label="3.", title="建立动态调整机制", text="", level=2),
    ]

    result = revision(projects, plan(*chapters))

    assert kinds(result) == [("retitled", 7, "1-1-2"), ("added", None, "1-1-3")]
    assert result.changes[1].parsed is not None and result.changes[1].parsed.parent_ref == "1-1"


def test_two_projects_with_one_title_each_find_their_own() -> None:
    projects = [stored(1, 2, 1, "加强组织领导"), stored(2, 3, 1, "加强组织领导")]
    parsed = plan((2, [item(1, "加强组织领导")]), (3, [item(1, "加强组织领导")]))

    result = revision(projects, parsed)

    assert result.changes == []
    assert result.matched[1].chapter == 2 and result.matched[2].chapter == 3


def test_an_unrelated_project_at_a_freed_number_is_dropped_and_added() -> None:
    chapters = base_items()
    chapters[0][1][2].title = "推行政府购买服务"

    result = revision(base_stored(), plan(*chapters))

    assert kinds(result) == [("dropped", 3, None), ("added", None, "1-3")]


def test_an_unlike_title_with_the_same_lead_units_is_a_retitle() -> None:
    chapters = base_items()
    chapters[0][1][1].title = "建设政务服务大厅"  # 推进网上审批, lead 区政务办 still

    assert kinds(revision(base_stored(), plan(*chapters))) == [("retitled", 2, "1-2")]


def test_similarity_is_symmetric_and_bounded() -> None:
    assert similarity("推进网上审批", "推进网上审批。") == 1.0
    assert 0 < similarity("推进网上审批", "精简行政审批事项") < 0.75
    assert similarity("建立市场主体信用体系", "建立健全市场主体信用体系") >= 0.75


def test_the_difference_needs_no_database() -> None:
    # units.py's choices come from Django, but no model, no settings, no connection is needed
    code = (
        "import sys, reformtrack.ledger.revision; "
        'assert "reformtrack.ledger.models" not in sys.modules; '
        "from django.conf import settings; assert not settings.configured"
    )

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stderr


def test_a_unit_printed_by_another_of_its_names_is_no_change() -> None:
    chapters = base_items()
    chapters[0][1][0].lead_units = ["区机构编制委员会办公室"]

    assert kinds(revision(base_stored(), plan(*chapters))) == [("units_changed", 1, "1-1")]
    assert (
        revision(base_stored(), plan(*chapters), registry={"区机构编制委员会办公室": "区编办"}).changes == []
    )
