"""The engine: missing, late and returned reports count against a project."""

from __future__ import annotations

import pytest

from reformtrack.status import engine
from reformtrack.status.engine import ReportFacts, Rules, judge_project

from .engine_facts import MID_YEAR, codes, project


@pytest.mark.parametrize(
    ("missing", "returned", "light"),
    [
        (0, 0, engine.GREEN),
        (1, 0, engine.YELLOW),
        (0, 1, engine.YELLOW),
        (2, 0, engine.YELLOW),
        (2, 1, engine.RED),
    ],
)
def test_report_problems_make_yellow_then_red(missing: int, returned: int, light: str) -> None:
    facts = project(reports=ReportFacts(missing=missing, returned=returned))

    verdict = judge_project(facts, Rules(yellow_report_problems=1, red_report_problems=3), MID_YEAR)

    assert verdict.light == light


def test_a_zero_threshold_switches_the_report_rule_off() -> None:
    facts = project(reports=ReportFacts(missing=9))

    verdict = judge_project(facts, Rules(yellow_report_problems=0, red_report_problems=0), MID_YEAR)

    assert verdict.light == engine.GREEN


def test_the_reason_counts_missing_and_returned_reports() -> None:
    facts = project(reports=ReportFacts(missing=1, returned=1))

    verdict = judge_project(facts, Rules(), MID_YEAR)

    assert codes(verdict.reasons) == ["reports_yellow"]
    assert verdict.reasons[0]["missing"] == 1 and verdict.reasons[0]["returned"] == 1
