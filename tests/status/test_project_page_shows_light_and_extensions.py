"""The project page shows the light with its reasons in Chinese, the recent changes, and both deadlines."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.formats import date_format

from reformtrack.ledger.models import Project, Unit
from reformtrack.status.services import lights_recompute
from reformtrack.supervision.models import ExtensionRequest

from .conftest import LEAD_UNIT, TODAY, BuildPlan


def _day(year: int, month: int, day: int) -> str:
    """A date as the pages write it (2014年12月31日 in Chinese)."""
    return date_format(dt.date(year, month, day))


def _extension(project: Project, by: User, status: str, new: dt.date) -> ExtensionRequest:
    return ExtensionRequest.objects.create(
        project=project,
        unit=Unit.objects.get(name=LEAD_UNIT),
        requested_by=by,
        original_deadline=project.deadline,
        requested_deadline=new,
        reasons="征地未完成",
        status=status,
    )


def test_it_shows_the_light_its_reasons_and_the_change(
    lights_plan: BuildPlan, client: Client, clerk_user: User
) -> None:
    project = lights_plan(1, progress=10).projects.get()
    lights_recompute(plans=[project.plan_id], today=TODAY)
    client.force_login(clerk_user)

    page = client.get(reverse("web:project_detail", args=[project.pk])).content.decode()

    assert 'data-testid="project-light"' in page
    assert "当前进度 10%，按期应达 50%，落后 40 个百分点。" in page
    assert 'data-testid="status-change"' in page
    assert "定时计算" in page


def test_it_shows_the_original_and_the_extended_deadline(
    lights_plan: BuildPlan, client: Client, clerk_user: User
) -> None:
    project = lights_plan(1).projects.get()
    _extension(project, clerk_user, "approved", dt.date(2015, 6, 30))
    _extension(project, clerk_user, "pending", dt.date(2015, 12, 31))
    _extension(project, clerk_user, "rejected", dt.date(2016, 12, 31))
    client.force_login(clerk_user)

    page = client.get(reverse("web:project_detail", args=[project.pk])).content.decode()

    day = {
        "2014-12-31": _day(2014, 12, 31),
        "2015-06-30": _day(2015, 6, 30),
        "2015-12-31": _day(2015, 12, 31),
    }
    assert f"已由 {day['2014-12-31']} 延期至 {day['2015-06-30']}" in page
    assert f"已申请延期至 {day['2015-12-31']}（原时限 {day['2014-12-31']}），待审批" in page
    assert _day(2016, 12, 31) not in page


def test_the_roadmap_shows_lights_and_both_dates(
    lights_plan: BuildPlan, client: Client, clerk_user: User
) -> None:
    plan = lights_plan(2)
    first = plan.projects.order_by("position")[0]
    lights_recompute(plans=[plan], today=TODAY)
    _extension(first, clerk_user, "pending", dt.date(2015, 3, 31))
    client.force_login(clerk_user)

    page = client.get(reverse("web:roadmap"), {"plan": plan.pk}).content.decode()

    assert page.count('data-testid="light-badge"') == 2
    assert 'data-testid="roadmap-extension" data-status="pending"' in page
    assert f"已申请延期至 {_day(2015, 3, 31)}（原时限 {_day(2014, 12, 31)}），待审批" in page
    assert "roadmap-extension pending" in page
