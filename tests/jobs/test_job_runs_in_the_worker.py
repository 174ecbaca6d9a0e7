"""A bulletin's job runs for real in the database backend's worker: progress, result, failure."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from django.core.management import call_command

from reformtrack.jobs.models import Job
from reformtrack.supervision.models import Bulletin
from reformtrack.supervision.services import bulletin_create

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan

pytestmark = pytest.mark.django_db(transaction=True)


def work_off_the_queue() -> None:
    call_command("db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0)


def test_the_worker_generates_the_bulletin_with_progress(
    store_plan: Callable[..., Plan], office_user: User
) -> None:
    store_plan(b"plan")
    bulletin = bulletin_create(
        by=office_user, title="督查通报", period_start=dt.date(2014, 1, 1), period_end=dt.date(2014, 3, 31)
    )
    assert bulletin.job is not None and bulletin.job.status == "queued"

    work_off_the_queue()

    job = Job.objects.get(pk=bulletin.job.pk)
    bulletin.refresh_from_db()
    # one step per section, decisions included
    assert (job.status, job.done, job.total, job.error) == ("done", 10, 10, "")
    assert job.started_at is not None and job.finished_at is not None and job.started_at <= job.finished_at
    assert job.params["next_url"] == bulletin.get_absolute_url()
    assert bulletin.status == "draft"
    assert bulletin.sections[0]["heading"] == "总体情况"
    assert any(section["heading"] == "逾期未完成事项" and section["rows"] for section in bulletin.sections)


def test_a_failure_is_recorded_on_the_job_without_a_traceback(office_user: User) -> None:
    bulletin = bulletin_create(
        by=office_user, title="督查通报", period_start=dt.date(2014, 1, 1), period_end=dt.date(2014, 3, 31)
    )
    assert bulletin.job is not None
    Bulletin.objects.filter(pk=bulletin.pk).delete()  # gone before the worker came to it

    work_off_the_queue()

    job = Job.objects.get(pk=bulletin.job.pk)
    assert job.status == "failed" and job.finished_at is not None
    assert "DoesNotExist" in job.error
    assert "Traceback" not in job.error and "\n" not in job.error
