"""The engine: a deadline passed is red, a deadline near is yellow, an ongoing project has neither."""

from __future__ import annotations

import datetime as dt

from reformtrack.status import engine
from reformtrack.status.engine import Rules, judge_project

from .engine_facts import DEADLINE, codes, project


def test_it_turns_red_after_the_deadline() -> None:
    verdict = judge_project(project(progress=99), Rules(), DEADLINE + dt.timedelta(days=1))

    assert verdict.light == engine.RED
    assert verdict.reasons[0] == {"code": "overdue", "light": "red", "deadline": "2014-12-31", "days": 1}


def test_it_is_not_overdue_on_the_deadline_itself() -> None:
    verdict = judge_project(project(progress=100 - 0, status="in_progress"), Rules(), DEADLINE)

    assert "overdue" not in codes(verdict.reasons)


def test_it_turns_yellow_when_the_deadline_is_near() -> None:
    today = DEADLINE - dt.timedelta(days=30)
    on_schedule = project(progress=95)

    verdict = judge_project(on_schedule, Rules(near_days=30), today)

    assert verdict.light == engine.YELLOW
    assert codes(verdict.reasons) == ["deadline_near"]
    assert verdict.reasons[0]["days"] == 30


def test_a_deadline_just_outside_the_near_days_stays_green() -> None:
    today = DEADLINE - dt.timedelta(days=31)

    verdict = judge_project(project(progress=95), Rules(near_days=30), today)

    assert verdict.light == engine.GREEN
    assert codes(verdict.reasons) == ["on_track"]


def test_an_ongoing_project_has_no_deadline_rules() -> None:
    verdict = judge_project(project(deadline=None, progress=0), Rules(), dt.date(2020, 1, 1))

    assert verdict.light == engine.GREEN
