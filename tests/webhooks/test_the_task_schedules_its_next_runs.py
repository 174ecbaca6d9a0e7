"""The background task: an event queues a run; a run that leaves a delivery to be tried again
queues a deferred run for it, and a safety net for a worker that dies mid-send."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django_tasks_db.models import DBTaskResult

from reformtrack.webhooks.models import Delivery, Endpoint
from reformtrack.webhooks.sending import STALE_AFTER
from reformtrack.webhooks.tasks import webhooks_send_task

from .conftest import Capture, Programme, submit
from .receiver import Receiver

pytestmark = pytest.mark.django_db

TASK = "reformtrack.webhooks.tasks.webhooks_send_task"


def _queued() -> list[Any]:
    return list(DBTaskResult.objects.filter(task_path=TASK, status="READY").order_by("run_after"))


def test_an_event_queues_a_run_and_a_failed_run_queues_its_retry(
    programme: Programme, endpoint: Endpoint, receiver: Receiver, django_capture_on_commit_callbacks: Capture
) -> None:
    submit(programme, django_capture_on_commit_callbacks)
    [first] = _queued()  # queued by the event, to run at once
    first.delete()
    receiver.answers = [503]

    result = webhooks_send_task.call()

    delivery = Delivery.objects.get()
    assert result == {"sent": 0, "retrying": 1, "failed": 0, "recovered": 0}
    retry, safety_net = _queued()
    assert retry.run_after == delivery.next_attempt_at
    assert safety_net.run_after > delivery.claimed_at + STALE_AFTER  # type: ignore[operator]


def test_a_run_with_nothing_to_send_queues_nothing(endpoint: Endpoint) -> None:
    assert webhooks_send_task.call() == {"sent": 0, "retrying": 0, "failed": 0, "recovered": 0}
    assert _queued() == []


def test_a_retry_waiting_for_an_archived_endpoint_queues_no_run(
    programme: Programme,
    endpoint: Endpoint,
    receiver: Receiver,
    office_user: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    from reformtrack.webhooks.services import endpoint_archive

    submit(programme, django_capture_on_commit_callbacks)
    DBTaskResult.objects.all().delete()
    receiver.answers = [500]
    webhooks_send_task.call()
    DBTaskResult.objects.all().delete()
    endpoint_archive(by=office_user, endpoint=endpoint)

    webhooks_send_task.call()

    assert _queued() == []  # no run chasing a delivery nobody will send
    assert Delivery.objects.get().status == "pending"
