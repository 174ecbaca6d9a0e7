"""The RQ worker class of ``reformtrack rqworker`` (``settings.RQ["WORKER_CLASS"]``): RQ's forking
worker, which also takes up the jobs of workers that died
(:func:`reformtrack.jobs.recovery.jobs_recover_stale`).

It looks when it starts and then at its heartbeats, at most every half lease: it waits for tasks at
most that long (``dequeue_timeout``) and, while a work horse runs a task, RQ beats every
``job_monitoring_interval`` (30 s). The main process closes its database connection after each
look, since the work horses are forked from it and must not share the connection.
"""

from __future__ import annotations

import time
from typing import Any

from django.db import connections
from rq.worker import Worker

from .recovery import check_interval, recover_stale_jobs


class RecoveringRQWorker(Worker):
    """RQ's ``Worker`` that queues again, or fails, the jobs of workers that died."""

    _last_recovery: float | None = None

    def bootstrap(self, *args: Any, **kwargs: Any) -> None:
        super().bootstrap(*args, **kwargs)
        self._recover()

    @property
    def dequeue_timeout(self) -> int:
        return max(1, min(super().dequeue_timeout, int(check_interval())))

    def heartbeat(self, timeout: int | None = None, pipeline: Any = None) -> None:
        super().heartbeat(timeout, pipeline)
        due = self._last_recovery is None or time.monotonic() - self._last_recovery >= check_interval()
        if pipeline is None and not self.is_horse and due:
            self._recover()

    def _recover(self) -> None:
        self._last_recovery = time.monotonic()
        try:
            recover_stale_jobs()
        finally:
            connections.close_all()
