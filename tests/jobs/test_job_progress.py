"""Progress is one cheap UPDATE of a running job; generating a bulletin reports one step a section."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reformtrack.jobs.models import Job
from reformtrack.jobs.services import job_create, job_fail, job_finish, job_progress, job_start
from reformtrack.supervision.bulletin import SECTIONS
from reformtrack.supervision.services import bulletin_create, bulletin_generate

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan

pytestmark = pytest.mark.django_db


def test_progress_is_one_update_of_a_running_job(office_user: User) -> None:
    job = job_create(kind="ledger_export", owner=office_user)
    job_progress(job=job, done=1, total=10, message="x")
    assert Job.objects.get(pk=job.pk).done == 0  # not running yet: nothing recorded
    job_start(job=job)

    with CaptureQueriesContext(connection) as queries:
        job_progress(job=job, done=3, total=10, message="第3项")

    assert len(queries) == 1 and queries[0]["sql"].startswith("UPDATE")
    stored = Job.objects.get(pk=job.pk)
    assert (stored.done, stored.total, stored.message, stored.percent) == (3, 10, "第3项", 30)


def test_a_job_is_started_once(office_user: User) -> None:
    job = job_create(kind="ledger_export", owner=office_user)

    assert job_start(job=job) is True
    assert job_start(job=Job.objects.get(pk=job.pk)) is False


def test_finish_and_fail_are_recorded(office_user: User) -> None:
    done, failed = (job_create(kind="ledger_export", owner=office_user) for _ in range(2))
    from reformtrack.jobs.services import JobResult

    job_finish(job=done, result=JobResult(b"PK", "台账.xlsx", "application/zip"))
    job_fail(job=failed, error="Internal error\n  at line 3")

    done, failed = Job.objects.get(pk=done.pk), Job.objects.get(pk=failed.pk)
    assert (done.status, bytes(done.result or b""), done.result_name, done.has_result) == (
        "done",
        b"PK",
        "台账.xlsx",
        True,
    )
    assert (failed.status, failed.error, failed.has_result) == ("failed", "Internal error at line 3", False)


def test_generating_a_bulletin_reports_each_section(
    store_plan: Callable[..., Plan], office_user: User
) -> None:
    store_plan(b"plan")
    bulletin = bulletin_create(
        by=office_user, title="督查通报", period_start=dt.date(2014, 1, 1), period_end=dt.date(2014, 3, 31)
    )
    assert bulletin.job is not None
    job_start(job=bulletin.job)

    with CaptureQueriesContext(connection) as queries:
        bulletin_generate(bulletin=bulletin, job=bulletin.job)

    steps = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "jobs_job"')]
    assert len(SECTIONS) == 10  # the nine computed sections and the recorded decisions
    assert len(steps) == len(SECTIONS)  # one step per section of the bulletin
    assert Job.objects.get(pk=bulletin.job.pk).done == len(SECTIONS)
