"""The engine: progress behind the straight line from the plan's start to the deadline."""

from __future__ import annotations

import datetime as dt

import pytest

from reformtrack.status import engine
from reformtrack.status.engine import Rules, expected_progress, judge_project

from .engine_facts import DEADLINE, MID_YEAR, START, codes, project


def test_expected_progress_is_a_straight_line_from_start_to_deadline() -> None:
    assert expected_progress(START, DEADLINE, START) == 0
    assert expected_progress(START, DEADLINE, MID_YEAR) == pytest.approx(50, abs=0.2)
    assert expected_progress(START, DEADLINE, DEADLINE) == 100
    assert expected_progress(START, DEADLINE, dt.date(2013, 6, 1)) == 0
    assert expected_progress(START, DEADLINE, dt.date(2016, 1, 1)) == 100
    assert expected_progress(START, None, MID_YEAR) is None
    assert expected_progress(DEADLINE, START, MID_YEAR) == 100  # start after the deadline


@pytest.mark.parametrize(
    ("progress", "light", "code"),
    [
        (41, engine.GREEN, "on_track"),  # 9 points behind
        (40, engine.YELLOW, "behind_yellow"),  # 10 behind
        (26, engine.YELLOW, "behind_yellow"),  # 24 behind
        (25, engine.RED, "behind_red"),  # 25 behind
    ],
)
def test_it_turns_yellow_then_red_as_progress_falls_behind(progress: int, light: str, code: str) -> None:
    rules = Rules(yellow_behind_points=10, red_behind_points=25)

    verdict = judge_project(project(progress=progress), rules, MID_YEAR)

    assert verdict.light == light
    assert codes(verdict.reasons) == [code]


def test_the_reason_carries_the_expected_and_actual_progress() -> None:
    verdict = judge_project(project(progress=20), Rules(), MID_YEAR)

    assert verdict.reasons[0] == {
        "code": "behind_red",
        "light": "red",
        "expected": 50,
        "progress": 20,
        "behind": 30,
    }


def test_the_thresholds_come_from_the_rules() -> None:
    verdict = judge_project(
        project(progress=45), Rules(yellow_behind_points=5, red_behind_points=5), MID_YEAR
    )

    assert verdict.light == engine.RED


def test_ongoing_work_is_expected_to_progress_towards_the_end_of_the_plan() -> None:
    # 持续推进: no deadline, so nothing is overdue; but a plan of 2014 expects half at mid-year
    ongoing = project(deadline=None, plan_end=DEADLINE, progress=10)

    mid_year = judge_project(ongoing, Rules(), MID_YEAR)
    years_later = judge_project(ongoing, Rules(), dt.date(2026, 12, 1))

    assert (mid_year.light, codes(mid_year.reasons)) == ("red", [engine.BEHIND_RED])
    assert mid_year.reasons[0]["expected"] == 50
    assert years_later.reasons[0]["expected"] == 100 and engine.OVERDUE not in codes(years_later.reasons)
    assert (
        judge_project(project(deadline=None, plan_end=DEADLINE, progress=50), Rules(), MID_YEAR).light
        == "green"
    )
