"""Collecting what is due costs the same queries for one project and for many."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reformtrack.ledger.models import Project
from reformtrack.reminders.selectors import reminders_due
from reformtrack.reporting.models import ReportingCycle

from .conftest import DUE, Programme

pytestmark = pytest.mark.django_db
# cycles, lead units, reports; projects + their units; measures + their units (their projects'
# units only when a measure is in the window: not here); orders; members, reform leads, profiles, robots
QUERIES = 11


def _count(today: dt.date) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        items = reminders_due(today)
    return len(queries), len(items)


def test_it_costs_the_same_queries_for_1_and_40_projects(programme: Programme, store_plan: Any) -> None:
    today = DUE + dt.timedelta(days=1)
    Project.objects.update(deadline=DUE)
    small = _count(today)

    bigger = store_plan(b"bigger", chapters=4, projects=10, lead_units=("区经济促进局", "区财政局"))
    ReportingCycle.objects.create(
        plan=bigger, name="季报", frequency="quarterly", start=dt.date(2014, 7, 1), end=dt.date(2014, 12, 31)
    )
    Project.objects.update(deadline=DUE)
    large = _count(today)

    assert small[0] == large[0] == QUERIES
    assert large[1] > 10 * small[1]
