"""``reformtrack db_worker``: django-tasks' database worker, which also takes up the jobs of workers
that died (:func:`reformtrack.jobs.recovery.jobs_recover_stale`): when it starts, then every half
lease from a thread of its own, even while a long task keeps the worker busy."""

from __future__ import annotations

import os
import threading
from typing import Any

from django.db import connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from reformtrack.jobs.recovery import check_interval, recover_stale_jobs


class StaleJobWatch(threading.Thread):
    """Calls :func:`recover_stale_jobs` now and every ``interval`` seconds, on its own connection."""

    def __init__(self, interval: float) -> None:
        super().__init__(name="stale-job-watch", daemon=True)
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while True:
            recover_stale_jobs()
            connection.close()  # this thread's connection: none stays open between two looks
            if self.stopped.wait(self.interval):
                return


class Command(DatabaseWorkerCommand):
    help = (
        "Run a database background worker; it also queues again, or fails, the jobs of workers that "
        "died (when it starts and every half JOB_LEASE_SECONDS)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch"]:
            recover_stale_jobs()  # once: a batch run ends when the queue is empty
        elif not options["reload"] or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            # with --reload the watch runs in the reloaded child only, next to the worker
            StaleJobWatch(check_interval()).start()
        super().handle(*args, **options)
