"""Writes go through the pages' services (versions, history, lights) and each is logged with its
token; a stale version is 409, a field the account may not move 403."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from rest_framework.test import APIClient

from reformtrack.api.models import ApiToken, ApiWriteLog
from reformtrack.ledger.models import Project, TargetValue
from reformtrack.reporting.models import ProgressReport

from .conftest import ApiWorld

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def test_the_office_moves_a_project_through_project_update(
    api_world: ApiWorld, office_user: User, token_client: Callable[..., APIClient]
) -> None:
    api = token_client(office_user)
    project = api_world.projects["own"]

    response = api.patch(
        f"/api/projects/{project.pk}/", {"version": project.version, "progress": 40, "status": "in_progress"}
    )

    assert response.status_code == 200, response.content
    assert response.json()["progress"] == 40
    saved = Project.objects.get(pk=project.pk)
    assert saved.version == project.version + 1
    assert saved.history.first().history_user == office_user
    log = ApiWriteLog.objects.get()
    assert (log.token, log.method, log.status, log.object_id) == (
        ApiToken.objects.get(),
        "PATCH",
        200,
        str(project.pk),
    )


def test_a_stale_version_is_refused_with_409(
    api_world: ApiWorld, office_user: User, token_client: Callable[..., APIClient]
) -> None:
    api = token_client(office_user)
    project = api_world.projects["own"]
    api.patch(f"/api/projects/{project.pk}/", {"version": project.version, "title": "第一次"})

    response = api.patch(f"/api/projects/{project.pk}/", {"version": project.version, "title": "第二次"})

    assert response.status_code == 409
    assert Project.objects.get(pk=project.pk).title == "第一次"
    assert list(ApiWriteLog.objects.order_by("id").values_list("status", flat=True)) == [200, 409]


def test_a_lead_unit_edits_its_title_but_not_its_progress(
    api_world: ApiWorld, clerk_user: User, token_client: Callable[..., APIClient]
) -> None:
    api = token_client(clerk_user)
    project = api_world.projects["own"]

    first = api.patch(f"/api/projects/{project.pk}/", {"version": 1, "title": "新标题"})
    assert first.status_code == 200, first.content
    refused = api.patch(f"/api/projects/{project.pk}/", {"version": 2, "progress": 100})

    assert refused.status_code == 403
    assert Project.objects.get(pk=project.pk).progress == 0
    assert api.patch(f"/api/projects/{api_world.projects['other'].pk}/", {"version": 1}).status_code == 404


def test_the_office_records_a_target_value(
    api_world: ApiWorld, office_user: User, token_client: Callable[..., APIClient]
) -> None:
    api = token_client(office_user)
    target = api_world.projects["own"].targets.get()

    response = api.post(
        f"/api/targets/{target.pk}/values/", {"date": "2014-09-30", "value": "2", "source": "统计局"}
    )

    assert response.status_code == 201, response.content
    row = TargetValue.objects.get(target=target, date=dt.date(2014, 9, 30))
    assert row.entered_by == office_user and row.source == "统计局"
    again = api.post(f"/api/targets/{target.pk}/values/", {"date": "2014-09-30", "value": "3"})
    assert again.status_code == 400  # the service refuses a second value of the same date
    assert ApiWriteLog.objects.filter(object_type="target").count() == 2


def test_a_lead_unit_saves_its_own_report_draft(
    api_world: ApiWorld, clerk_user: User, counit_user: User, token_client: Callable[..., APIClient]
) -> None:
    report = api_world.reports["own"]

    saved = token_client(clerk_user).patch(
        f"/api/reports/{report.pk}/", {"version": report.version, "percent_complete": 30, "done": "完成调研"}
    )
    refused = token_client(counit_user).patch(f"/api/reports/{report.pk}/", {"version": 2, "done": "x"})

    assert saved.status_code == 200, saved.content
    assert refused.status_code == 403  # the co-unit reads the report, never writes it
    stored = ProgressReport.objects.get(pk=report.pk)
    assert (stored.percent_complete, stored.done, stored.version) == (30, "完成调研", report.version + 1)
