"""One meaning of overdue: the dashboard's card, my work, the lights and the bulletin count the same
projects (and the same measures, counted apart), on one plan with every kind of late and not late."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.choices import ProjectStatus
from reformtrack.ledger.models import Measure, Plan, Project
from reformtrack.status.engine import OVERDUE
from reformtrack.status.services import lights_recompute
from reformtrack.supervision import bulletin_data

pytestmark = pytest.mark.django_db

TODAY = dt.date(2014, 7, 1)
PAST, FUTURE = dt.date(2014, 3, 31), dt.date(2014, 12, 31)


@pytest.fixture
def plan(store_plan: Callable[..., Plan], monkeypatch: pytest.MonkeyPatch) -> Plan:
    """Six projects of the clerk's unit: two of them overdue, and four late-looking ones that are not."""
    monkeypatch.setattr("reformtrack.ledger.pages.today", lambda: TODAY)
    plan = store_plan(chapters=2, projects=3, children=0, lead_units=("区经济促进局",), co_units=())
    projects = list(plan.projects.order_by("position"))
    late, late_too, done, paused, at_full, ahead = projects
    cases = [
        (late, ProjectStatus.IN_PROGRESS, 40, PAST),
        (late_too, ProjectStatus.NOT_STARTED, 0, PAST),
        (done, ProjectStatus.COMPLETED, 100, PAST),
        (paused, ProjectStatus.SUSPENDED, 20, PAST),
        (at_full, ProjectStatus.IN_PROGRESS, 100, PAST),  # 100 % is done, whatever the status says
        (ahead, ProjectStatus.IN_PROGRESS, 10, FUTURE),
    ]
    for project, status, progress, deadline in cases:
        Project.objects.filter(pk=project.pk).update(status=status, progress=progress, deadline=deadline)
    Measure.objects.filter(project__plan=plan).update(deadline=None, progress=0)
    first = late.measures.order_by("position").first()
    assert first is not None
    Measure.objects.filter(pk=first.pk).update(progress=100)  # done: not overdue with its project
    early = ahead.measures.order_by("position").first()
    assert early is not None
    Measure.objects.filter(pk=early.pk).update(deadline=PAST)  # late inside a project on time
    lights_recompute(plans=[plan], today=TODAY)
    return plan


def test_the_four_overdue_counts_agree(
    plan: Plan, client: Client, clerk_user: User, office_user: User
) -> None:
    red_for_overdue = [
        project.pk
        for project in plan.projects.all()
        if any(reason.get("code") == OVERDUE for reason in project.light_reasons)
    ]
    bulletin_projects = [project.pk for project in bulletin_data.overdue_projects(TODAY)]
    client.force_login(office_user)
    dashboard = client.get(reverse("web:dashboard"), {"plan": plan.pk}).context
    client.force_login(clerk_user)
    my_work = client.get(reverse("web:my_work")).context

    # late (40 %) and late_too (not started); measures: late's second and ahead's early one
    assert len(red_for_overdue) == 2
    assert sorted(bulletin_projects) == sorted(red_for_overdue)
    assert dashboard["overdue_count"] == 2 and my_work["overdue_count"] == 2
    assert sorted(row.project.pk for row in dashboard["overdue"]) == sorted(red_for_overdue)
    flagged = [row.project.pk for _key, _title, rows in my_work["sections"] for row in rows if row.overdue]
    assert sorted(flagged) == sorted(red_for_overdue)
    measures = bulletin_data.overdue_measures(TODAY)
    assert dashboard["overdue_measures"] == len(measures) == 4  # late_too 2, late 1 (one is done), early
