"""Jobs whose worker died: run again, or failed after ``max_attempts`` runs.

A running job beats its heartbeat at every progress step (:func:`.services.job_progress`). When a
worker is killed (SIGKILL, out of memory, the machine going down) nothing marks its job: the row stays
``running`` and the task ``RUNNING``. :func:`jobs_recover_stale` finds running jobs whose heartbeat is
older than ``JOB_LEASE_SECONDS`` and puts each back in the queue as its next run, or, once it has had
``max_attempts`` runs, fails it with a line its owner can act on (the job page offers a retry).
A queued job whose task ended, vanished (Redis emptied) or was taken by a worker more than a lease
ago without the job starting (the worker died in between) is treated the same, that task counting
as a run.

It is called by every worker when it starts and every half lease after (``reformtrack db_worker``,
:class:`.rqworker.RecoveringRQWorker`) and by ``reformtrack scheduler``: a dead worker's job is taken
up within 1.5 leases (90 s by default) of the next worker starting. Several callers at once are safe:
each job changes in one conditional ``UPDATE`` that only one of them wins.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import JobStatus
from .errors import WorkerLost
from .models import Job
from .services import job_enqueue

logger = logging.getLogger(__name__)


@dataclass
class Recovered:
    """The ids of the jobs put back in the queue and of those failed."""

    requeued: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.requeued or self.failed)


def check_interval() -> float:
    """Seconds between two looks for stale jobs in a worker: half a lease."""
    return max(1.0, settings.JOB_LEASE_SECONDS / 2)


def _stale(cutoff: dt.datetime) -> QuerySet[Job]:
    # a run without a heartbeat (started before the lease existed) counts from its start
    return Job.objects.filter(status=JobStatus.RUNNING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    )


_FIELDS = ("pk", "kind", "attempts", "max_attempts", "task_id", "worker")


def jobs_recover_stale(*, now: dt.datetime | None = None) -> Recovered:
    """Requeue or fail every running job whose heartbeat is older than the lease, and every queued
    job whose task ended or vanished without starting it (see the module)."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=settings.JOB_LEASE_SECONDS)
    recovered = Recovered()
    for job in list(_stale(cutoff).only(*_FIELDS)):
        # the same conditions again: only one of several recoverers wins, and a job that beat in
        # the meantime is left alone
        _recover(
            job, _stale(cutoff).filter(pk=job.pk, attempts=job.attempts), now, recovered, run=job.attempts
        )
    queued = Job.objects.filter(status=JobStatus.QUEUED).exclude(task_id="").only(*_FIELDS)
    for job in list(queued):
        if _task_lost(job.task_id, cutoff):
            # the lost task counts as a run, so that a task that can never start the job ends
            lost = Job.objects.filter(
                pk=job.pk, status=JobStatus.QUEUED, task_id=job.task_id, attempts=job.attempts
            )
            _recover(job, lost, now, recovered, run=job.attempts + 1)
    return recovered


def _recover(job: Job, this_run: QuerySet[Job], now: dt.datetime, recovered: Recovered, *, run: int) -> None:
    """Run ``job`` again as run ``run`` + 1, or fail it after its last, if ``this_run`` still finds it."""
    with transaction.atomic():
        if run >= job.max_attempts:
            error = _(
                "The worker running this job stopped %(attempts)d times before it was done; "
                "run it again from this page, or ask the coordinating office to look at the log."
            ) % {"attempts": run}
            changed = this_run.update(
                status=JobStatus.FAILED, attempts=run, finished_at=now, error=error, message=_("Failed.")
            )
            if changed:
                recovered.failed.append(job.pk)
        else:
            message = _("The worker stopped; the job runs again (run %(run)d of %(max)d).") % {
                "run": run + 1,
                "max": job.max_attempts,
            }
            # the new task's id is recorded once it is enqueued; none until then (not a lost task)
            changed = this_run.update(
                status=JobStatus.QUEUED, attempts=run, done=0, message=message[:200], task_id=""
            )
            if changed:
                job.attempts = run
                recovered.requeued.append(job.pk)
                job_enqueue(job=job)
        if changed:
            _fail_task_result(job)
            logger.warning(
                "job %s (%s): worker %s stopped during run %s; %s",
                job.pk,
                job.kind,
                job.worker or "?",
                run,
                "failed" if job.pk in recovered.failed else "queued again",
            )


def _task_lost(task_id: str, cutoff: dt.datetime) -> bool:
    """Did the task of a queued job end, vanish, or start before ``cutoff`` without starting the job
    (its worker died between taking the task and starting the job)?"""
    from django_tasks import task_backends
    from django_tasks.base import TaskResultStatus
    from django_tasks.exceptions import TaskResultDoesNotExist

    backend = task_backends["default"]
    if not backend.supports_get_result:
        return False
    try:
        result = backend.get_result(task_id)
    except TaskResultDoesNotExist:
        return True
    except Exception:
        logger.exception("the task %s of a queued job could not be read", task_id)
        return False
    if result.status == TaskResultStatus.RUNNING:
        return result.started_at is not None and result.started_at < cutoff
    return result.status in (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED)


def recover_stale_jobs() -> None:
    """One look for stale jobs; an error (the database away for a moment) is logged, not raised."""
    try:
        recovered = jobs_recover_stale()
    except Exception:
        logger.exception("looking for jobs of dead workers failed")
        return
    if recovered:
        logger.warning(
            "jobs of dead workers: %s queued again, %s failed", recovered.requeued, recovered.failed
        )


def _fail_task_result(job: Job) -> None:
    """The database backend's result of the dead run says FAILED rather than RUNNING for good (RQ
    cleans its own registries of dead workers)."""
    from django_tasks import task_backends
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not job.task_id or not isinstance(task_backends["default"], DatabaseBackend):
        return

    task = DBTaskResult.objects.filter(pk=job.task_id, status=TaskResultStatus.RUNNING).first()
    if task is not None:
        task.set_failed(WorkerLost(f"the worker {job.worker or '?'} stopped during job {job.pk}"))
