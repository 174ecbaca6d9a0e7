"""A reporting cycle's periods: months or quarters cut to the cycle, due dates and grace days."""

from __future__ import annotations

import datetime as dt

import pytest

from reformtrack.ledger.models import Plan
from reformtrack.reporting.choices import Frequency
from reformtrack.reporting.models import ReportingCycle
from reformtrack.reporting.selectors import cycle_periods, open_periods

D = dt.date
pytestmark = pytest.mark.django_db


def test_it_cuts_a_monthly_cycle_into_months(cycle: ReportingCycle) -> None:
    periods = cycle_periods(cycle)

    assert len(periods) == 12
    assert (periods[1].start, periods[1].end, periods[1].due, periods[1].grace_until) == (
        D(2014, 2, 1),
        D(2014, 2, 28),
        D(2014, 3, 5),
        D(2014, 3, 8),
    )


def test_it_cuts_quarters_and_clips_them_to_the_cycle(plan: Plan) -> None:
    cycle = ReportingCycle(
        plan=plan,
        name="q",
        frequency=Frequency.QUARTERLY,
        due_day=10,
        start=D(2014, 2, 15),
        end=D(2014, 8, 20),
    )

    bounds = [(period.start, period.end) for period in cycle_periods(cycle)]

    assert bounds == [
        (D(2014, 2, 15), D(2014, 3, 31)),
        (D(2014, 4, 1), D(2014, 6, 30)),
        (D(2014, 7, 1), D(2014, 8, 20)),
    ]


def test_a_custom_cycle_is_one_period(plan: Plan) -> None:
    cycle = ReportingCycle(
        plan=plan, name="c", frequency=Frequency.CUSTOM, start=D(2014, 5, 1), end=D(2014, 9, 1)
    )

    assert [(period.start, period.end) for period in cycle_periods(cycle)] == [(D(2014, 5, 1), D(2014, 9, 1))]


def test_it_lists_the_periods_open_on_a_day(cycle: ReportingCycle) -> None:
    # On 7 March the February report is still in its grace days and March has begun.
    assert [period.start for period in open_periods(cycle, D(2014, 3, 7))] == [D(2014, 2, 1), D(2014, 3, 1)]
    assert [period.start for period in open_periods(cycle, D(2014, 3, 9))] == [D(2014, 3, 1)]
    cycle.active = False
    assert open_periods(cycle, D(2014, 3, 9)) == []
