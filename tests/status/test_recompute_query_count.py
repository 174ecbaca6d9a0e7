"""lights_recompute costs the same number of queries for 10 and for 100 projects (no N+1)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reformtrack.ledger.models import Plan, Project, Unit
from reformtrack.reporting.models import ProgressReport, ReportingCycle
from reformtrack.status.services import lights_recompute

from .conftest import LEAD_UNIT, TODAY, BuildPlan

pytestmark = pytest.mark.django_db


def _with_reports(plan: Plan) -> None:
    """A monthly cycle with a report for every other project, so the report facts are loaded too."""
    cycle = ReportingCycle.objects.create(
        plan=plan, name="月报", start=dt.date(2014, 1, 1), end=dt.date(2014, 12, 31)
    )
    unit = Unit.objects.get(name=LEAD_UNIT)
    ProgressReport.objects.bulk_create(
        ProgressReport(
            cycle=cycle,
            period_start=dt.date(2014, 5, 1),
            period_end=dt.date(2014, 5, 31),
            project=project,
            unit=unit,
            status="returned",
        )
        for project in plan.projects.order_by("position")[::2]
    )


def _queries(plan: Plan) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        lights_recompute(plans=[plan], today=TODAY)
    return [query["sql"] for query in queries.captured_queries]


def _reads(queries: list[str]) -> list[str]:
    return [sql for sql in queries if sql.lstrip().upper().startswith("SELECT")]


def test_it_reads_the_same_queries_for_10_and_100_projects(lights_plan: BuildPlan) -> None:
    # the first run changes every light: the writes come in batches, the reads are fixed
    small, large = lights_plan(10, title="小"), lights_plan(100, title="大")
    _with_reports(small)
    _with_reports(large)

    small_reads, large_reads = _reads(_queries(small)), _reads(_queries(large))

    assert len(small_reads) == len(large_reads), (
        f"{len(small_reads)} reads for 10, {len(large_reads)} for 100"
    )
    assert len(large_reads) <= 11  # + the targets with their latest value


def test_a_run_that_changes_one_light_costs_the_same_for_10_and_100_projects(lights_plan: BuildPlan) -> None:
    small, large = lights_plan(10, title="小"), lights_plan(100, title="大")
    _with_reports(small)
    _with_reports(large)
    lights_recompute(plans=[small, large], today=TODAY)
    for plan in (small, large):
        Project.objects.filter(pk=plan.projects.order_by("position")[1].pk).update(progress=0)

    small_count, large_count = len(_queries(small)), len(_queries(large))

    assert small_count == large_count, f"{small_count} queries for 10 projects, {large_count} for 100"
    assert large_count <= 15  # on PostgreSQL one of them takes the advisory lock; + the targets


def test_a_run_over_every_plan_reads_no_more_than_a_run_over_one(lights_plan: BuildPlan) -> None:
    lights_plan(10, title="甲")
    one = _reads(_queries(lights_plan(10, title="乙")))
    lights_plan(10, title="丙")

    with CaptureQueriesContext(connection) as queries:
        lights_recompute(today=TODAY)

    # one more read: the rules of the plans judged for the first time, read back once created
    assert len(_reads([query["sql"] for query in queries.captured_queries])) <= len(one) + 1
