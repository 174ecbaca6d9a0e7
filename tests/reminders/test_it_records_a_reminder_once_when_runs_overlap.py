"""Two runs at once: the unique key records each reminder once, the claim sends it once."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from reformtrack.reminders.models import Delivery, Notification
from reformtrack.reminders.services import deliveries_claim, deliveries_send, reminders_record, reminders_send

from .conftest import DUE, Programme

TODAY = DUE + dt.timedelta(days=1)


@pytest.mark.django_db
def test_a_run_overtaken_by_another_sends_nothing_twice(programme: Programme, mail_outbox: list[Any]) -> None:
    now = timezone.now()
    reminders_record(today=TODAY)  # run A records …
    reminders_record(today=TODAY)  # … and so does run B: no second row
    claimed_by_a = deliveries_claim(now=now)
    summary_b = reminders_send(today=TODAY, now=now)  # run B finds everything claimed by A
    summary_a = deliveries_send(deliveries=claimed_by_a, now=now)

    assert Delivery.objects.count() == 4
    assert (summary_a.sent, summary_b.created, summary_b.sent) == (4, 0, 0)
    assert Notification.objects.filter(recipient=programme.clerk).count() == 1
    assert len(mail_outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_runs_send_each_reminder_once(programme: Programme, mail_outbox: list[Any]) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            reminders_send(today=TODAY)
        except BaseException as exc:  # reported below: a thread's exception would be lost
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Delivery.objects.count() == 4
    assert Notification.objects.filter(recipient=programme.clerk).count() == 1
    assert len(mail_outbox) == 1
