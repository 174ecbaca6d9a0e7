"""A job's page shows its progress and refreshes itself; its owner downloads the result."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse

from reformtrack.jobs.services import JobResult, job_create, job_finish, job_progress, job_start

if TYPE_CHECKING:
    from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db


def test_a_running_job_shows_its_progress_and_refreshes(client: Client, clerk_user: User) -> None:
    job = job_create(kind="ledger_export", owner=clerk_user)
    job_start(job=job)
    job_progress(job=job, done=250, total=1000, message="第250个项目")
    client.force_login(clerk_user)

    page = client.get(reverse("jobs:job_detail", args=[job.pk]))
    state = client.get(reverse("jobs:job_status", args=[job.pk])).json()

    html = page.content.decode()
    assert 'http-equiv="refresh"' in html and "wd-250" in html and "jobs/progress.js" in html
    assert (state["status"], state["percent"], state["message"], state["finished"]) == (
        "running",
        25,
        "第250个项目",
        False,
    )
    assert client.get(reverse("jobs:job_download", args=[job.pk])).status_code == 404


def test_a_finished_job_stops_refreshing_and_offers_its_file(client: Client, clerk_user: User) -> None:
    job = job_create(kind="ledger_export", owner=clerk_user)
    job_start(job=job)
    job_finish(job=job, result=JobResult(b"PK\x03\x04", "台账.xlsx", "application/zip"))
    client.force_login(clerk_user)

    page = client.get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    download = client.get(reverse("jobs:job_download", args=[job.pk]))

    assert 'http-equiv="refresh"' not in page
    assert reverse("jobs:job_download", args=[job.pk]) in page
    assert download.content == b"PK\x03\x04"
    assert "attachment" in download["Content-Disposition"]


def test_another_users_job_does_not_exist_for_them(
    client: Client, clerk_user: User, counit_user: User, office_user: User
) -> None:
    job = job_create(kind="ledger_export", owner=clerk_user)

    client.force_login(counit_user)
    assert client.get(reverse("jobs:job_detail", args=[job.pk])).status_code == 404
    client.force_login(office_user)
    assert client.get(reverse("jobs:job_detail", args=[job.pk])).status_code == 200
