"""An Excel export of more projects than the threshold is built by a background job."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from reformtrack.jobs.models import Job
from reformtrack.web import views_export

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_large_export_runs_as_a_job_with_the_owners_filters(
    store_plan: Callable[..., Plan], client: Client, clerk_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the threshold is 2,000 projects; lowered here so that a small plan counts as large
    monkeypatch.setattr(views_export, "BACKGROUND_EXPORT_THRESHOLD", 3)
    plan = store_plan(b"big", chapters=2, projects=2, children=0, lead_units=("区经济促进局",))
    store_plan(b"other", chapters=1, projects=1, children=0, lead_units=("区财政局",), co_units=())
    client.force_login(clerk_user)

    response = client.get(reverse("web:project_export"), {"plan": plan.pk})

    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:job_detail", args=[job.pk])
    assert (job.owner, job.status, job.params["query"]) == (clerk_user, "queued", f"plan={plan.pk}")

    call_command("db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0)

    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("done", 4, 4)
    download = client.get(reverse("jobs:job_download", args=[job.pk]))
    sheet = load_workbook(io.BytesIO(download.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert {row[0] for row in rows} == {plan.title}  # the filter and the clerk's visibility held
    assert len({row[2] for row in rows}) == 4


def test_a_small_export_is_downloaded_at_once(
    store_plan: Callable[..., Plan], client: Client, clerk_user: User
) -> None:
    store_plan(b"small")
    client.force_login(clerk_user)

    response = client.get(reverse("web:project_export"))

    assert response.status_code == 200 and response["Content-Type"].endswith("spreadsheetml.sheet")
    assert not Job.objects.exists()


def test_a_background_export_keeps_formula_like_text_as_text(
    store_plan: Callable[..., Plan], client: Client, office_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views_export, "BACKGROUND_EXPORT_THRESHOLD", 1)
    store_plan(b"formula", title="=cmd|' /C calc'!A0", chapters=1, projects=2, children=0)
    client.force_login(office_user)

    client.get(reverse("web:project_export"))
    call_command("db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0)

    job = Job.objects.get()
    assert job.status == "done"
    download = client.get(reverse("jobs:job_download", args=[job.pk]))
    sheet = load_workbook(io.BytesIO(download.content)).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    assert [cell.value for cell in cells if cell.column == 1] == ["=cmd|' /C calc'!A0"] * 4
