"""The engine's order of precedence: completed, then suspended, then the worst reason."""

from __future__ import annotations

import datetime as dt

from reformtrack.status import engine
from reformtrack.status.engine import MilestoneFacts, ReportFacts, Rules, judge_project

from .engine_facts import DEADLINE, MID_YEAR, codes, measure, project

LATE = DEADLINE + dt.timedelta(days=100)
EVERYTHING_WRONG = {
    "progress": 0,
    "reports": ReportFacts(missing=5, returned=2),
    "milestones": [MilestoneFacts(dt.date(2014, 3, 1), done=False)],
    "measures": [measure(10, deadline=dt.date(2014, 2, 1), progress=0)],
}


def test_a_completed_project_is_green_whatever_else_is_true() -> None:
    verdict = judge_project(project(**{**EVERYTHING_WRONG, "status": "completed"}), Rules(), LATE)

    assert verdict.light == engine.GREEN
    assert codes(verdict.reasons) == ["completed"]
    assert verdict.measures[10].light == engine.GREEN


def test_full_progress_counts_as_completed() -> None:
    verdict = judge_project(project(**{**EVERYTHING_WRONG, "progress": 100}), Rules(), LATE)

    assert verdict.light == engine.GREEN
    assert codes(verdict.reasons) == ["completed"]


def test_a_suspended_project_is_not_assessed() -> None:
    verdict = judge_project(project(**{**EVERYTHING_WRONG, "status": "suspended"}), Rules(), LATE)

    assert verdict.light == engine.NONE
    assert codes(verdict.reasons) == ["suspended"]
    assert verdict.measures[10].light == engine.NONE


def test_red_reasons_come_before_yellow_ones_and_all_are_listed() -> None:
    verdict = judge_project(project(**EVERYTHING_WRONG), Rules(), MID_YEAR)

    assert verdict.light == engine.RED
    found = codes(verdict.reasons)
    assert found == ["behind_red", "reports_red", "measure_red", "milestone_overdue"]
    lights = [reason["light"] for reason in verdict.reasons]
    assert lights == sorted(lights, key=lambda light: -engine.SEVERITY[light])


def test_red_beats_yellow() -> None:
    facts = project(progress=20, milestones=[MilestoneFacts(dt.date(2014, 3, 1), done=False)])

    assert judge_project(facts, Rules(), MID_YEAR).light == engine.RED


def test_worst_orders_the_lights() -> None:
    assert engine.worst([engine.GREEN, engine.NONE]) == engine.GREEN
    assert engine.worst([engine.YELLOW, engine.GREEN]) == engine.YELLOW
    assert engine.worst([engine.YELLOW, engine.RED]) == engine.RED
    assert engine.worst([]) == engine.NONE


def test_the_engine_imports_nothing_from_django() -> None:
    source = engine.__file__
    with open(source, encoding="utf-8") as handle:
        text = handle.read()
    assert "django" not in text.split('"""', 2)[2]
