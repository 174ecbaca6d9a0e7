"""Writes of the jobs app: create a job, report its progress, finish or fail it.

A task calls :func:`job_progress` every so many items. It is a single ``UPDATE`` in autocommit, so
the page polling the job sees it at once; call it outside a transaction, or the progress stays
invisible until the transaction commits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import JobStatus
from .errors import JobError
from .models import Job

if TYPE_CHECKING:
    from django.contrib.auth.models import User

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
    return Job.objects.create(kind=kind, owner=owner, params=params or {}, message=message[:_MESSAGE_LENGTH])


def enqueue_on_commit(enqueue: Callable[[int], object], job: Job) -> None:
    """Enqueue the job's task once the job row is committed: a worker on another connection (RQ,
    or the database worker) must find the job when it starts."""
    transaction.on_commit(lambda: enqueue(job.pk))


def job_start(*, job: Job) -> bool:
    """Mark a queued job running; ``False`` when it is not queued (a task delivered twice runs once)."""
    now = timezone.now()
    started = Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=now
    )
    if started:
        job.status, job.started_at = JobStatus.RUNNING, now
    return bool(started)


def job_progress(*, job: Job, done: int, total: int, message: str = "") -> None:
    """Record that ``done`` of ``total`` items are done: one ``UPDATE`` of a running job, nothing else."""
    message = message[:_MESSAGE_LENGTH]
    Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(done=done, total=total, message=message)
    job.done, job.total, job.message = done, total, message


def job_finish(*, job: Job, result: JobResult | None = None, message: str = "") -> None:
    """The job is done, with its file if it made one."""
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
    Job.objects.filter(pk=job.pk).update(**changes)
    for name, value in changes.items():
        setattr(job, name, value)


def job_fail(*, job: Job, error: str) -> None:
    """The job failed: ``error`` is one line for its owner (never a traceback)."""
    error = " ".join(error.split())[:_ERROR_LENGTH] or _("The job failed.")
    changes: dict[str, Any] = {
        "status": JobStatus.FAILED,
        "finished_at": timezone.now(),
        "error": error,
        "message": _("Failed.")[:_MESSAGE_LENGTH],
    }
    Job.objects.filter(pk=job.pk).update(**changes)
    for name, value in changes.items():
        setattr(job, name, value)


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
