"""Background tasks of the reminders app (Django's Tasks API: database or RQ backend)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from .services import deliveries_claim, deliveries_send, reminders_send


@task()
def reminders_send_task(date: str | None = None) -> dict[str, object]:
    """Send the reminders owed on ``date`` (ISO, default today); the run's summary as the result."""
    today = dt.date.fromisoformat(date) if date else timezone.localdate()
    return reminders_send(today=today).as_dict()


@task()
def deliveries_send_task() -> dict[str, object]:
    """Send the deliveries waiting now (an event's e-mails and robot messages), outside the request."""
    now = timezone.now()
    return deliveries_send(deliveries=deliveries_claim(now=now), now=now).as_dict()
