"""A failed job's page offers 重试: a POST by its owner or the coordinating office runs it again."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from reformtrack.jobs.models import Job
from reformtrack.jobs.services import job_create, job_fail, job_start
from reformtrack.supervision.services import bulletin_create, bulletin_regenerate
from reformtrack.supervision.tasks import generate_bulletin

if TYPE_CHECKING:
    from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db(transaction=True)


def failed_job(owner: User) -> Job:
    job = job_create(kind="ledger_export", owner=owner, params={"query": ""})
    job_start(job=job)
    job_fail(job=job, error="执行此任务的后台进程已中断")
    return Job.objects.get(pk=job.pk)


def retry_url(job: Job) -> str:
    return reverse("jobs:job_retry", args=[job.pk])


def test_a_failed_jobs_page_offers_a_retry_and_a_running_ones_hides_it(
    client: Client, clerk_user: User
) -> None:
    failed = failed_job(clerk_user)
    running = job_create(kind="ledger_export", owner=clerk_user)
    job_start(job=running)
    client.force_login(clerk_user)

    failed_page = client.get(failed.get_absolute_url()).content.decode()
    running_page = client.get(running.get_absolute_url()).content.decode()

    assert f'action="{retry_url(failed)}" class="mb-3"' in failed_page and ">重试</button>" in failed_page
    assert f'action="{retry_url(running)}" class="mb-3 d-none"' in running_page
    assert client.get(reverse("jobs:job_status", args=[failed.pk])).json()["can_retry"] is True


def test_the_owner_retries_and_the_job_runs_from_the_start(client: Client, clerk_user: User) -> None:
    job = failed_job(clerk_user)
    client.force_login(clerk_user)

    response = client.post(retry_url(job), follow=True)

    job = Job.objects.get(pk=job.pk)
    assert response.redirect_chain == [(job.get_absolute_url(), 302)]
    assert "任务已重新排队运行" in response.content.decode()
    assert (job.status, job.attempts, job.error, job.finished_at, job.done) == ("queued", 0, "", None, 0)
    task = DBTaskResult.objects.get(pk=job.task_id)
    assert (task.status, task.task_path, task.args_kwargs["args"]) == (
        "READY",
        "reformtrack.web.tasks.export_ledger",
        [job.pk],
    )


def test_the_office_may_retry_anyone_elses_nobody_else(
    client: Client, clerk_user: User, counit_user: User, office_user: User
) -> None:
    job = failed_job(clerk_user)

    assert client.post(retry_url(job))["Location"].startswith(reverse("accounts:login"))
    client.force_login(counit_user)
    assert client.post(retry_url(job)).status_code == 404
    assert Job.objects.get(pk=job.pk).status == "failed"
    client.force_login(office_user)
    assert client.get(retry_url(job)).status_code == 405
    assert client.post(retry_url(job)).status_code == 302
    assert Job.objects.get(pk=job.pk).status == "queued"


def test_a_job_that_did_not_fail_is_not_run_again(client: Client, clerk_user: User) -> None:
    job = job_create(kind="ledger_export", owner=clerk_user)
    job_start(job=job)
    client.force_login(clerk_user)

    response = client.post(retry_url(job), follow=True)

    assert "只有失败的任务可以重试" in response.content.decode()
    assert (Job.objects.get(pk=job.pk).status, DBTaskResult.objects.count()) == ("running", 0)


def test_an_old_bulletin_job_does_not_gather_over_a_later_one(client: Client, office_user: User) -> None:
    period = {"period_start": dt.date(2014, 1, 1), "period_end": dt.date(2014, 3, 31)}
    bulletin = bulletin_create(by=office_user, title="督查通报", **period)
    assert bulletin.job is not None
    old = bulletin.job
    job_start(job=old)
    job_fail(job=old, error="中断")
    bulletin.refresh_from_db()
    bulletin_regenerate(by=office_user, bulletin=bulletin, version=bulletin.version)
    client.force_login(office_user)

    client.post(retry_url(old))
    generate_bulletin.call(old.pk)  # what the worker does with the retried task

    old.refresh_from_db()
    assert (old.status, old.error) == ("failed", "该通报已由后来的任务重新生成，本任务不再运行。")
