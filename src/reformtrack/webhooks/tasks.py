"""The background task that sends webhook deliveries (Django's Tasks API: database or RQ backend).

Each event queues a run once its deliveries are recorded (:func:`enqueue_send`). A run schedules the
next one itself, deferred (``run_after``), for the earliest delivery waiting to be tried again; and,
once it has claimed something, a safety net a little after :data:`.sending.STALE_AFTER`, which finds
the deliveries of a run whose worker died and sends them again. A backend that cannot defer (the
``immediate`` one of development) runs no deferred task: the next event's run sends what waits.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from .sending import STALE_AFTER, deliveries_run, next_attempt_due

logger = logging.getLogger(__name__)

_MARGIN = dt.timedelta(minutes=1)


def enqueue_send(run_after: dt.datetime | None = None) -> None:
    """Queue a run of :func:`webhooks_send_task` (at ``run_after``, if the backend can defer); a
    queue that refuses is logged: the deliveries wait, recorded, for the next run."""
    try:
        if run_after is None:
            webhooks_send_task.enqueue()
        elif webhooks_send_task.get_backend().supports_defer:
            webhooks_send_task.using(run_after=run_after).enqueue()
    except Exception:
        logger.exception("could not queue the sending of webhook deliveries")


@task()
def webhooks_send_task() -> dict[str, int]:
    """Send the due deliveries; schedule the retries and the safety net. The run's summary."""
    summary = deliveries_run(claimed=lambda: enqueue_send(timezone.now() + STALE_AFTER + _MARGIN))
    retry_at = next_attempt_due(now=timezone.now())
    if retry_at is not None:
        enqueue_send(retry_at)
    return summary.as_dict()
