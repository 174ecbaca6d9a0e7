"""Accepting or returning a progress report judges the project's light again, and records the change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from reformtrack.ledger.choices import Light
from reformtrack.ledger.models import Plan, Project, Unit
from reformtrack.reporting.choices import Frequency
from reformtrack.reporting.models import ProgressReport, ReportingCycle
from reformtrack.reporting.services import (
    report_accept,
    report_return,
    report_save_draft,
    report_start,
    report_submit,
)
from reformtrack.status.choices import LightCause
from reformtrack.status.models import StatusChange
from reformtrack.status.services import lights_recompute

LEAD = "区经济促进局"


@pytest.fixture
def behind(store_plan: Callable[..., Plan]) -> Project:
    """A project half-way between the start of its plan and its deadline, at 0 %: red today."""
    today = timezone.localdate()
    plan = store_plan(chapters=1, projects=1, children=0, measures=0, lead_units=(LEAD,), co_units=())
    start = dt.date(today.year - 1, 1, 1)
    Plan.objects.filter(pk=plan.pk).update(period_start=start.year, period_end=today.year + 5)
    project = plan.projects.get()
    Project.objects.filter(pk=project.pk).update(deadline=start + 2 * (today - start), progress=0)
    lights_recompute(plans=[plan], today=today)
    project.refresh_from_db()
    assert project.light == Light.RED
    return project


def _submitted(project: Project, clerk: User, percent: int) -> ProgressReport:
    today = timezone.localdate()
    cycle = ReportingCycle.objects.create(
        plan=project.plan,
        name="专项报告",
        frequency=Frequency.CUSTOM,
        start=today - dt.timedelta(days=1),
        end=today + dt.timedelta(days=30),
    )
    report = report_start(
        cycle=cycle, period_start=cycle.start, project=project, unit=Unit.objects.get(name=LEAD), by=clerk
    )
    report = report_save_draft(
        report=report, by=clerk, version=report.version, percent_complete=percent, done="完成"
    )
    return report_submit(report=report, by=clerk, version=report.version)


def test_accepting_a_report_with_enough_progress_turns_the_light_green(
    behind: Project, clerk_user: User, office_user: User
) -> None:
    report = _submitted(behind, clerk_user, 60)

    report_accept(report=report, by=office_user, version=report.version)

    behind.refresh_from_db()
    assert behind.progress == 60
    assert behind.light == Light.GREEN
    change = StatusChange.objects.filter(project=behind, measure=None).order_by("-id")[0]
    assert (change.old, change.new, change.cause, change.by) == (
        "red",
        "green",
        LightCause.REPORT_ACCEPTED,
        office_user,
    )


def test_accepting_a_report_with_too_little_progress_leaves_it_red(
    behind: Project, clerk_user: User, office_user: User
) -> None:
    report = _submitted(behind, clerk_user, 10)
    before = StatusChange.objects.count()

    report_accept(report=report, by=office_user, version=report.version)

    behind.refresh_from_db()
    assert behind.light == Light.RED
    assert StatusChange.objects.count() == before


def test_returning_a_report_counts_against_the_light(
    behind: Project, clerk_user: User, office_user: User
) -> None:
    Project.objects.filter(pk=behind.pk).update(progress=60)
    lights_recompute(plans=[behind.plan_id], today=timezone.localdate())
    report = _submitted(behind, clerk_user, 60)

    report_return(report=report, by=office_user, version=report.version, comment="请补充佐证材料")

    behind.refresh_from_db()
    assert behind.light == Light.YELLOW
    assert behind.light_reasons[0]["code"] == "reports_yellow"
    change = StatusChange.objects.filter(project=behind, measure=None).order_by("-id")[0]
    assert (change.old, change.new, change.cause) == ("green", "yellow", LightCause.REPORT_RETURNED)
