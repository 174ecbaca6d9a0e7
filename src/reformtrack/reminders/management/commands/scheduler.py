"""``reformtrack scheduler``: enqueue the status lights and the reminders every N minutes, for a
site without cron. The lights go first, so that a reminder run finds them current.

In between, every half ``JOB_LEASE_SECONDS``, it queues again or fails the jobs of workers that
died (:func:`reformtrack.jobs.recovery.jobs_recover_stale`), as the workers themselves do.
"""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from reformtrack.jobs.recovery import check_interval, recover_stale_jobs
from reformtrack.reminders.tasks import reminders_send_task
from reformtrack.status.tasks import lights_recompute_task


class Command(BaseCommand):
    help = (
        "Enqueue the status lights and the reminder task every --every minutes (a worker runs them: "
        "db_worker or rqworker). Run one scheduler per site: both are idempotent, but one is enough."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--every", type=float, default=60.0, help="minutes between runs (default 60)")
        parser.add_argument(
            "--max-runs", type=int, default=None, help="stop after this many (default: never)"
        )

    def handle(self, *args: Any, every: float, max_runs: int | None, **options: Any) -> None:
        if every < 0 or (max_runs is not None and max_runs < 1):
            raise CommandError("--every must be 0 or more minutes and --max-runs 1 or more")
        runs = 0
        while max_runs is None or runs < max_runs:
            if runs:
                self._wait(every * 60)
            recover_stale_jobs()
            lights = lights_recompute_task.enqueue()
            reminders = reminders_send_task.enqueue()
            runs += 1
            self.stdout.write(f"enqueued lights: task {lights.id}; reminders: task {reminders.id}")

    def _wait(self, seconds: float) -> None:
        """Sleep ``seconds``, looking for the jobs of dead workers every half lease meanwhile."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, check_interval()))
            if deadline - time.monotonic() > 0:
                recover_stale_jobs()
