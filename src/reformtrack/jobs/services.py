"""Writes of the jobs app: create a job, report its progress, finish or fail it, retry it.

A task calls :func:`job_progress` every so many items. It is a single ``UPDATE`` in autocommit, so
the page polling the job sees it at once; call it outside a transaction, or the progress stays
invisible until the transaction commits. Each progress step also beats the job's heartbeat: a task
whose steps can take longer than ``JOB_LEASE_SECONDS`` calls :func:`job_heartbeat` in between, or
its job is taken for one whose worker died (see :mod:`.recovery`).

Each run of a job is numbered (``attempts``): the writes of a run only land while the job is
running that run, so a run whose job was given to another worker changes nothing any more.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import JobStatus
from .errors import JobError
from .models import Job
from .registry import task_for

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.accounts.permissions import AnyUser

logger = logging.getLogger(__name__)

_MESSAGE_LENGTH = 200  # Job.message
_ERROR_LENGTH = 500


@dataclass(frozen=True)
class JobResult:
    """A file a job produced, for its owner to download."""

    content: bytes
    filename: str
    content_type: str


def job_create(*, kind: str, owner: User, params: dict[str, Any] | None = None, message: str = "") -> Job:
    """A queued job of ``kind`` for ``owner``; the caller checks that the owner may start such work
    and enqueues the task (after the commit, see :func:`enqueue_on_commit`)."""
    return Job.objects.create(
        kind=kind,
        owner=owner,
        params=params or {},
        message=message[:_MESSAGE_LENGTH],
        max_attempts=settings.JOB_MAX_ATTEMPTS,
    )


def enqueue_on_commit(enqueue: Callable[[int], object], job: Job) -> None:
    """Enqueue the job's task once the job row is committed: a worker on another connection (RQ,
    or the database worker) must find the job when it starts. The task's id is kept on the job."""

    def enqueue_and_record() -> None:
        task_id = str(getattr(enqueue(job.pk), "id", "") or "")
        if task_id:
            Job.objects.filter(pk=job.pk).update(task_id=task_id[:64])
            job.task_id = task_id[:64]

    transaction.on_commit(enqueue_and_record)


def job_enqueue(*, job: Job) -> None:
    """Enqueue the task of the job's kind (see :mod:`.registry`) once the job row is committed.

    When the queue does not take it (Redis down), the job fails saying so rather than waiting for
    a task that will never come.
    """

    def enqueue(job_id: int) -> object:
        try:
            return task_for(job.kind).enqueue(job_id)
        except Exception as exc:
            logger.exception("job %s could not be enqueued", job_id)
            error = _("The job could not be queued (%(error)s).") % {"error": type(exc).__name__}
            Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
                status=JobStatus.FAILED, finished_at=timezone.now(), error=error, message=_("Failed.")
            )
            return None

    enqueue_on_commit(enqueue, job)


def worker_name() -> str:
    """``host:pid`` of this process, recorded on the job it runs."""
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def job_start(*, job: Job) -> bool:
    """Mark a queued job running as its next run (``attempts`` + 1) in this process, with a fresh
    heartbeat; ``False`` when it is not queued (a task delivered twice runs once)."""
    now = timezone.now()
    run, worker = job.attempts + 1, worker_name()
    started = Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED, attempts=job.attempts).update(
        status=JobStatus.RUNNING, started_at=now, heartbeat_at=now, attempts=run, worker=worker
    )
    if started:
        job.status, job.started_at, job.heartbeat_at, job.attempts, job.worker = (
            JobStatus.RUNNING,
            now,
            now,
            run,
            worker,
        )
    return bool(started)


def _this_run(job: Job) -> QuerySet[Job]:
    # the job while it runs the run this process started, and nothing once another run took over
    return Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts)


def job_progress(*, job: Job, done: int, total: int, message: str = "") -> None:
    """Record that ``done`` of ``total`` items are done and beat the heartbeat: one ``UPDATE`` of
    the running job, nothing else."""
    message = message[:_MESSAGE_LENGTH]
    now = timezone.now()
    _this_run(job).update(done=done, total=total, message=message, heartbeat_at=now)
    job.done, job.total, job.message, job.heartbeat_at = done, total, message, now


def job_heartbeat(*, job: Job) -> bool:
    """The running job is alive (for a task between two long steps); ``False`` when this run is no
    longer the job's (its lease ran out and another run took it over)."""
    now = timezone.now()
    job.heartbeat_at = now
    return bool(_this_run(job).update(heartbeat_at=now))


def _end(job: Job, changes: dict[str, Any]) -> bool:
    # A running job ends only as the run this process holds; a job not started here (a test, the
    # command line) ends as it is.
    jobs = _this_run(job) if job.status == JobStatus.RUNNING else Job.objects.filter(pk=job.pk)
    if not jobs.update(**changes):
        logger.warning("job %s (run %s) was taken over; its outcome is dropped", job.pk, job.attempts)
        return False
    for name, value in changes.items():
        setattr(job, name, value)
    return True


def job_finish(*, job: Job, result: JobResult | None = None, message: str = "") -> bool:
    """The job is done, with its file if it made one; ``False`` if another run has taken it over."""
    changes: dict[str, Any] = {
        "status": JobStatus.DONE,
        "finished_at": timezone.now(),
        "message": (message or _("Done."))[:_MESSAGE_LENGTH],
        "error": "",
    }
    if job.total:
        changes["done"] = job.total
    if result is not None:
        changes |= {
            "result": result.content,
            "result_name": result.filename,
            "result_type": result.content_type,
        }
    return _end(job, changes)


def job_fail(*, job: Job, error: str) -> bool:
    """The job failed: ``error`` is one line for its owner (never a traceback); ``False`` if another
    run has taken it over."""
    error = " ".join(error.split())[:_ERROR_LENGTH] or _("The job failed.")
    changes: dict[str, Any] = {
        "status": JobStatus.FAILED,
        "finished_at": timezone.now(),
        "error": error,
        "message": _("Failed.")[:_MESSAGE_LENGTH],
    }
    return _end(job, changes)


@transaction.atomic
def job_retry(*, by: AnyUser, job: Job) -> Job:
    """Run a failed job again from the start, for its owner or the coordinating office; its task is
    enqueued once this commits. ``JobError`` when the job is not failed (any more)."""
    if not Job.objects.restrict(by, "view").filter(pk=job.pk).exists():
        raise PermissionDenied
    changes: dict[str, Any] = {
        "status": JobStatus.QUEUED,
        "attempts": 0,
        "max_attempts": settings.JOB_MAX_ATTEMPTS,
        "done": 0,
        "total": 0,
        "message": _("Waiting for a worker…"),
        "error": "",
        "started_at": None,
        "finished_at": None,
        "heartbeat_at": None,
        "worker": "",
        "result": None,
        "result_name": "",
        "result_type": "",
    }
    if not Job.objects.filter(pk=job.pk, status=JobStatus.FAILED).update(**changes):
        raise JobError(_("Only a failed job can be run again."))
    for name, value in changes.items():
        setattr(job, name, value)
    job_enqueue(job=job)
    return job


def _error_line(exc: BaseException) -> str:
    # A JobError is written for the owner; anything else is a fault of ours: its class and first line
    # tell the office what to report, and the traceback goes to the log only.
    if isinstance(exc, JobError):
        return str(exc)
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return _("Internal error (%(error)s). The coordinating office can see the details in the log.") % {
        "error": f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    }


def run_job(job_id: int, work: Callable[[Job], JobResult | None]) -> None:
    """What every job task does: load the job, mark it running, do ``work(job)``, record the outcome.

    ``work`` reports progress with :func:`job_progress` and returns the file it made, if any. An
    exception is logged with its traceback and recorded on the job as one line; it is not raised
    again, since the job is where its owner looks and a retry would repeat half-done work.
    """
    job = Job.objects.defer("result").filter(pk=job_id).first()
    if job is None:
        logger.warning("job %s is gone; nothing to do", job_id)
        return
    if not job_start(job=job):
        logger.warning("job %s is %s, not queued; not run again", job_id, job.status)
        return
    try:
        result = work(job)
    except Exception as exc:
        logger.exception("job %s (%s) failed", job_id, job.kind)
        job_fail(job=job, error=_error_line(exc))
        return
    job_finish(job=job, result=result)
