"""A slow job for the worker-kill test, run by real workers in other processes.

``tests.jobs.worker_settings`` registers the kind ``slow_count`` for it; the test creates the job
through :func:`create_job` in a subprocess of the site.
"""

from __future__ import annotations

import time

from django_tasks import task

from reformtrack.jobs.models import Job
from reformtrack.jobs.services import job_progress, run_job

KIND = "slow_count"


@task()
def count_slowly(job_id: int) -> None:
    """Count to ``params["steps"]``, one step every ``params["sleep"]`` seconds, reporting each."""

    def work(job: Job) -> None:
        steps, pause = int(job.params["steps"]), float(job.params["sleep"])
        for step in range(1, steps + 1):
            time.sleep(pause)
            job_progress(job=job, done=step, total=steps, message=f"第{step}步")

    run_job(job_id, work)


def create_job(*, steps: int, sleep: float, max_attempts: int) -> int:
    """A queued slow job of a new user, its task enqueued; its id."""
    from django.contrib.auth.models import User

    from reformtrack.jobs.services import job_create, job_enqueue

    owner = User.objects.create_user("slow-owner", password="x")
    job = job_create(kind=KIND, owner=owner, params={"steps": steps, "sleep": sleep})
    Job.objects.filter(pk=job.pk).update(max_attempts=max_attempts)
    job_enqueue(job=job)
    return job.pk
