"""The lease of a running job: progress beats it; a job silent for longer than JOB_LEASE_SECONDS lost
its worker and is queued again as its next run, or failed after its last; a run taken over writes
nothing any more. The killed-worker test with real processes is test_worker_killed.py."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

import pytest
from django.core.management import call_command, get_commands
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reformtrack.jobs.models import Job
from reformtrack.jobs.recovery import jobs_recover_stale
from reformtrack.jobs.services import (
    JobResult,
    job_create,
    job_enqueue,
    job_finish,
    job_progress,
    job_start,
)
from reformtrack.supervision.models import Bulletin
from reformtrack.supervision.services import bulletin_create, bulletin_regenerate

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan

pytestmark = pytest.mark.django_db(transaction=True)

EXPORT = "reformtrack.web.tasks.export_ledger"


def dies_while_running(job: Job) -> Job:
    """What a worker killed during the job leaves: the job and its task running, the last heartbeat
    two minutes old (the lease is 60 s)."""
    task = DBTaskResult.objects.get(pk=job.task_id)
    task.claim("killed-worker")
    assert job_start(job=job)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(minutes=2))
    return Job.objects.get(pk=job.pk)


def queued_export(owner: User) -> Job:
    job = job_create(kind="ledger_export", owner=owner, params={"query": ""})
    job_enqueue(job=job)
    return Job.objects.get(pk=job.pk)


def job_of(bulletin: Bulletin) -> Job:
    assert bulletin.job_id is not None
    return Job.objects.get(pk=bulletin.job_id)


def work_off_the_queue() -> None:
    call_command("db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0)


def test_progress_beats_the_heartbeat(office_user: User) -> None:
    job = job_create(kind="ledger_export", owner=office_user)
    job_start(job=job)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(minutes=5))

    job_progress(job=job, done=1, total=4)

    beat = Job.objects.get(pk=job.pk).heartbeat_at
    assert beat is not None and timezone.now() - beat < dt.timedelta(seconds=5)
    assert (job.attempts, job.worker.rsplit(":", 1)[1].isdigit()) == (1, True)


def test_the_next_worker_runs_a_dead_workers_job_again(office_user: User) -> None:
    job = dies_while_running(queued_export(office_user))
    dead_task = job.task_id

    work_off_the_queue()  # the next worker starts: it looks first, then runs what is queued

    job = Job.objects.get(pk=job.pk)
    assert (job.status, job.attempts, job.error) == ("done", 2, "")
    assert job.result_name.endswith(".xlsx")
    old, new = DBTaskResult.objects.get(pk=dead_task), DBTaskResult.objects.get(pk=job.task_id)
    assert old.status == "FAILED" and old.exception_class_path == "reformtrack.jobs.errors.WorkerLost"
    assert (new.status, new.task_path, new.args_kwargs["args"]) == ("SUCCESSFUL", EXPORT, [job.pk])


def test_a_job_that_beat_within_the_lease_is_left_alone(office_user: User) -> None:
    job = dies_while_running(queued_export(office_user))
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(seconds=50))

    assert not jobs_recover_stale()
    assert Job.objects.get(pk=job.pk).status == "running"
    assert jobs_recover_stale(now=timezone.now() + dt.timedelta(seconds=11)).requeued == [job.pk]


def test_a_job_silent_on_its_last_attempt_fails_saying_so(office_user: User) -> None:
    job = queued_export(office_user)
    Job.objects.filter(pk=job.pk).update(max_attempts=1)
    job = dies_while_running(Job.objects.get(pk=job.pk))

    recovered = jobs_recover_stale()

    job = Job.objects.get(pk=job.pk)
    assert (recovered.requeued, recovered.failed) == ([], [job.pk])
    assert (job.status, job.message) == ("failed", "失败。")
    assert job.error.startswith("执行此任务的后台进程在任务完成前已中断 1 次")
    assert DBTaskResult.objects.get(pk=job.task_id).status == "FAILED"
    assert DBTaskResult.objects.count() == 1  # nothing queued again


def test_a_run_taken_over_writes_nothing_any_more(office_user: User) -> None:
    job = dies_while_running(queued_export(office_user))
    the_dead_run = Job.objects.get(pk=job.pk)  # as the killed worker (still alive after all) holds it

    assert jobs_recover_stale().requeued == [job.pk]
    job_progress(job=the_dead_run, done=3, total=4)
    finished = job_finish(job=the_dead_run, result=JobResult(b"PK", "old.xlsx", "application/zip"))

    stored = Job.objects.get(pk=job.pk)
    assert finished is False
    assert (stored.status, stored.done, stored.result_name) == ("queued", 0, "")
    assert "第 2 次，最多 3 次" in stored.message


def test_two_lookers_at_once_queue_the_job_once(office_user: User) -> None:
    job = dies_while_running(queued_export(office_user))
    later = timezone.now()

    first, second = jobs_recover_stale(now=later), jobs_recover_stale(now=later)

    assert (first.requeued, second.requeued) == ([job.pk], [])
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_the_scheduler_looks_for_jobs_of_dead_workers(office_user: User) -> None:
    job = dies_while_running(queued_export(office_user))

    call_command("scheduler", "--every", "0", "--max-runs", "1", stdout=io.StringIO())

    assert Job.objects.get(pk=job.pk).status == "queued"


def test_db_worker_is_the_jobs_apps_own() -> None:
    assert get_commands()["db_worker"] == "reformtrack.jobs"


def test_a_bulletin_whose_worker_died_is_gathered_or_can_be_regenerated(
    store_plan: Callable[..., Plan], office_user: User
) -> None:
    store_plan(b"plan")
    period = {"period_start": dt.date(2014, 1, 1), "period_end": dt.date(2014, 3, 31)}
    gathered = bulletin_create(by=office_user, title="督查通报", **period)
    abandoned = bulletin_create(by=office_user, title="第二期", **period)
    assert gathered.job is not None and abandoned.job is not None
    Job.objects.filter(pk=abandoned.job.pk).update(max_attempts=1)
    for bulletin in (gathered, abandoned):
        dies_while_running(job_of(bulletin))

    work_off_the_queue()

    gathered.refresh_from_db()
    abandoned.refresh_from_db()
    assert (gathered.status, job_of(gathered).attempts) == ("draft", 2)
    assert (abandoned.status, job_of(abandoned).status) == ("generating", "failed")
    # the issue: regeneration was refused while the job stayed running
    regenerated = bulletin_regenerate(by=office_user, bulletin=abandoned, version=abandoned.version)
    work_off_the_queue()
    assert Bulletin.objects.get(pk=regenerated.pk).status == "draft"


def test_a_task_taken_by_a_worker_that_died_before_starting_the_job_is_queued_again(
    office_user: User,
) -> None:
    job = queued_export(office_user)
    task = DBTaskResult.objects.get(pk=job.task_id)
    task.claim("died-before-job-start")
    assert not jobs_recover_stale()  # taken just now: its worker is starting the job
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - dt.timedelta(minutes=2))

    assert jobs_recover_stale().requeued == [job.pk]

    job = Job.objects.get(pk=job.pk)
    assert (job.status, job.attempts, DBTaskResult.objects.get(pk=task.pk).status) == ("queued", 1, "FAILED")
    assert DBTaskResult.objects.get(pk=job.task_id).status == "READY"


def test_a_task_that_can_never_start_its_job_ends_in_a_failed_job(office_user: User) -> None:
    job = queued_export(office_user)
    Job.objects.filter(pk=job.pk).update(max_attempts=2)
    for _ in range(2):  # its task fails before it starts the job, twice
        DBTaskResult.objects.get(pk=Job.objects.get(pk=job.pk).task_id).set_failed(ImportError("gone"))
        jobs_recover_stale()

    job = Job.objects.get(pk=job.pk)
    assert (job.status, job.attempts, DBTaskResult.objects.count()) == ("failed", 2, 2)
    assert "已中断 2 次" in job.error


def test_a_task_waiting_in_the_queue_is_left_alone(office_user: User) -> None:
    job = queued_export(office_user)
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(days=1))

    assert not jobs_recover_stale()
    assert DBTaskResult.objects.get(pk=job.task_id).status == "READY"


def test_every_kind_of_job_has_a_task_to_run_it_again() -> None:
    # a kind missing here could never be retried or recovered after its worker died
    from reformtrack.jobs.choices import JobKind
    from reformtrack.jobs.registry import task_for

    for kind in JobKind:
        assert callable(task_for(kind).enqueue), kind
