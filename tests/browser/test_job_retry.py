"""A job page left open while the job's worker dies: the page shows the failure and offers 重试."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone
from playwright.sync_api import Page, expect

from reformtrack.jobs.models import Job
from reformtrack.jobs.recovery import jobs_recover_stale
from reformtrack.jobs.services import job_create, job_start

from .conftest import SignIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def test_the_open_page_of_a_job_whose_worker_died_offers_a_retry(
    page: Page, sign_in: SignIn, clerk_user: User
) -> None:
    job = job_create(kind="ledger_export", owner=clerk_user, params={"query": ""})
    Job.objects.filter(pk=job.pk).update(max_attempts=1)
    job.max_attempts = 1
    job_start(job=job)  # the worker that is about to die
    sign_in(clerk_user)
    page.goto(job.get_absolute_url())
    expect(page.get_by_test_id("job-status")).to_have_text("进行中")
    expect(page.get_by_test_id("job-retry")).to_be_hidden()

    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(minutes=2))
    assert jobs_recover_stale().failed == [job.pk]  # the next worker looks

    expect(page.get_by_test_id("job-error")).to_contain_text("后台进程在任务完成前已中断 1 次")
    page.get_by_test_id("job-retry").click()

    expect(page.get_by_test_id("messages")).to_contain_text("任务已重新排队运行")
    expect(page.get_by_test_id("job-status")).to_have_text("排队中")
    assert Job.objects.get(pk=job.pk).status == "queued"
