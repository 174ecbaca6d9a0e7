"""The engine: overdue milestones, and a project at least as bad as its worst measure."""

from __future__ import annotations

import datetime as dt

from reformtrack.status import engine
from reformtrack.status.engine import MilestoneFacts, Rules, judge_project

from .engine_facts import DEADLINE, MID_YEAR, codes, measure, project


def test_an_overdue_milestone_not_done_makes_yellow() -> None:
    facts = project(milestones=[MilestoneFacts(dt.date(2014, 6, 1), done=False)])

    verdict = judge_project(facts, Rules(), MID_YEAR)

    assert verdict.light == engine.YELLOW
    assert verdict.reasons[0] == {
        "code": "milestone_overdue",
        "light": "yellow",
        "count": 1,
        "first": "2014-06-01",
    }


def test_a_done_or_future_milestone_does_not_count() -> None:
    facts = project(
        milestones=[
            MilestoneFacts(dt.date(2014, 6, 1), done=True),
            MilestoneFacts(dt.date(2014, 8, 1), done=False),
        ]
    )

    assert judge_project(facts, Rules(), MID_YEAR).light == engine.GREEN


def test_the_milestone_rule_can_be_switched_off() -> None:
    facts = project(milestones=[MilestoneFacts(dt.date(2014, 6, 1), done=False)])

    assert judge_project(facts, Rules(overdue_milestone_yellow=False), MID_YEAR).light == engine.GREEN


def test_a_measure_gets_its_own_light_from_its_deadline() -> None:
    facts = project(
        measures=[measure(10, deadline=dt.date(2014, 6, 30), progress=60), measure(11, progress=50)]
    )

    verdict = judge_project(facts, Rules(), MID_YEAR)

    assert verdict.measures[10].light == engine.RED
    assert codes(verdict.measures[10].reasons)[0] == "overdue"
    assert verdict.measures[11].light == engine.GREEN  # the project's deadline, on schedule


def test_a_project_is_at_least_as_bad_as_its_worst_measure() -> None:
    facts = project(measures=[measure(10, deadline=dt.date(2014, 6, 30), progress=60)])

    verdict = judge_project(facts, Rules(), MID_YEAR)

    assert verdict.light == engine.RED
    assert {"code": "measure_red", "light": "red", "count": 1} in verdict.reasons


def test_a_finished_measure_is_green_even_past_its_deadline() -> None:
    facts = project(measures=[measure(10, deadline=dt.date(2014, 6, 30), progress=100)])

    verdict = judge_project(facts, Rules(), MID_YEAR)

    assert verdict.measures[10].light == engine.GREEN
    assert verdict.light == engine.GREEN


def test_measures_nobody_reported_take_the_projects_progress() -> None:
    # the unit reports on the project as a whole: its measures stay at 0 %
    facts = project(progress=50, measures=[measure(10, progress=0), measure(11, progress=0)])

    verdict = judge_project(facts, Rules(), MID_YEAR)

    assert verdict.light == engine.GREEN
    assert {v.light for v in verdict.measures.values()} == {engine.GREEN}


def test_once_one_measure_is_reported_the_others_count_at_their_own_progress() -> None:
    facts = project(progress=50, measures=[measure(10, progress=100), measure(11, progress=0)])

    verdict = judge_project(facts, Rules(), MID_YEAR)

    assert verdict.measures[11].light == engine.RED
    assert verdict.light == engine.RED


def test_a_measure_deadline_near_makes_the_project_yellow() -> None:
    facts = project(progress=60, measures=[measure(10, deadline=dt.date(2014, 7, 20), progress=95)])

    verdict = judge_project(facts, Rules(near_days=30), MID_YEAR)

    assert verdict.measures[10].light == engine.YELLOW
    assert verdict.light == engine.YELLOW
    assert codes(verdict.reasons) == ["measure_yellow"]
    assert DEADLINE > MID_YEAR
