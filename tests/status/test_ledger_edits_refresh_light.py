"""Editing a project's progress, status or deadline, a measure or a milestone judges its light again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from reformtrack.ledger.choices import Light, ProjectStatus
from reformtrack.ledger.models import Plan, Project
from reformtrack.ledger.services import measure_update, milestone_create, milestone_update, project_update
from reformtrack.status.choices import LightCause
from reformtrack.status.models import StatusChange


@pytest.fixture
def project(store_plan: Callable[..., Plan]) -> Project:
    """A project of the office's plan, on schedule (the plan runs to five years from now)."""
    today = timezone.localdate()
    plan = store_plan(chapters=1, projects=1, children=0, measures=1)
    Plan.objects.filter(pk=plan.pk).update(period_start=today.year, period_end=today.year + 5)
    found = plan.projects.get()
    Project.objects.filter(pk=found.pk).update(deadline=dt.date(today.year + 5, 12, 31), progress=50)
    found.measures.update(deadline=None)  # measures follow the project's deadline
    found.refresh_from_db()
    return found


def test_marking_a_project_completed_turns_it_green(project: Project, office_user: User) -> None:
    project = project_update(project=project, by=office_user, version=project.version, progress=0)
    assert project.light != Light.NONE

    project = project_update(
        project=project, by=office_user, version=project.version, status=ProjectStatus.COMPLETED
    )

    assert project.light == Light.GREEN
    assert Project.objects.get(pk=project.pk).light_reasons == [{"code": "completed", "light": "green"}]
    change = StatusChange.objects.filter(project=project, measure=None).order_by("-id")[0]
    assert change.cause == LightCause.EDIT and change.by == office_user


def test_moving_the_deadline_into_the_past_turns_it_red(project: Project, office_user: User) -> None:
    yesterday = timezone.localdate() - dt.timedelta(days=1)

    project = project_update(project=project, by=office_user, version=project.version, deadline=yesterday)

    assert Project.objects.get(pk=project.pk).light == Light.RED


def test_an_overdue_milestone_turns_it_yellow_and_marking_it_done_clears_it(
    project: Project, office_user: User
) -> None:
    past = timezone.localdate() - dt.timedelta(days=3)

    project = project_update(project=project, by=office_user, version=project.version, progress=60)
    assert project.light == Light.GREEN

    milestone = milestone_create(project=project, by=office_user, date=past, title="完成调研")
    assert Project.objects.get(pk=project.pk).light == Light.YELLOW

    milestone_update(milestone=milestone, by=office_user, done=True)
    assert Project.objects.get(pk=project.pk).light == Light.GREEN


def test_reporting_a_measure_judges_the_measure(project: Project, office_user: User) -> None:
    measure = project.measures.get()

    measure_update(measure=measure, by=office_user, progress=100)

    measure.refresh_from_db()
    assert measure.light == Light.GREEN
    assert measure.light_reasons == [{"code": "completed", "light": "green"}]
