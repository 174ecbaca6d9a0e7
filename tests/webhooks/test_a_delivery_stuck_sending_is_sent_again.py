"""A worker that died mid-send leaves its delivery ``sending``: after STALE_AFTER the next run puts
it back and sends it; one that died on its last attempt ends failed, never lost."""

from __future__ import annotations

import pytest
from django.utils import timezone

from reformtrack.webhooks.models import Delivery, Endpoint
from reformtrack.webhooks.sending import MAX_ATTEMPTS, STALE_AFTER, deliveries_claim, deliveries_run

from .conftest import Capture, Programme, submit
from .receiver import Receiver

pytestmark = pytest.mark.django_db


def test_a_claim_whose_worker_died_is_sent_by_a_later_run(
    programme: Programme, endpoint: Endpoint, receiver: Receiver, django_capture_on_commit_callbacks: Capture
) -> None:
    submit(programme, django_capture_on_commit_callbacks)
    now = timezone.now()
    [claimed] = deliveries_claim(now=now)  # the worker took it, then died before it sent anything

    assert deliveries_run(now=now + STALE_AFTER / 2).sent == 0  # still its run's, for all we know
    assert Delivery.objects.get().status == "sending"

    summary = deliveries_run(now=now + STALE_AFTER * 2)

    delivery = Delivery.objects.get()
    assert (summary.recovered, summary.sent) == (1, 1)
    assert delivery.status == "sent"
    assert delivery.attempts == 2
    [request] = receiver.received
    assert request.headers["x-reformtrack-delivery"] == claimed.key


def test_a_worker_that_died_on_the_last_attempt_leaves_a_failed_delivery(
    programme: Programme, endpoint: Endpoint, receiver: Receiver, django_capture_on_commit_callbacks: Capture
) -> None:
    submit(programme, django_capture_on_commit_callbacks)
    now = timezone.now()
    Delivery.objects.update(attempts=MAX_ATTEMPTS - 1)
    deliveries_claim(now=now)

    deliveries_run(now=now + STALE_AFTER * 2)

    delivery = Delivery.objects.get()
    assert delivery.status == "failed"
    assert "worker stopped" in delivery.last_error
    assert receiver.received == []


def test_a_late_outcome_of_a_run_declared_dead_changes_nothing(
    programme: Programme, endpoint: Endpoint, receiver: Receiver, django_capture_on_commit_callbacks: Capture
) -> None:
    from reformtrack.webhooks.sending import Summary, deliveries_send

    submit(programme, django_capture_on_commit_callbacks)
    now = timezone.now()
    stale = deliveries_claim(now=now)
    deliveries_run(now=now + STALE_AFTER * 2)  # recovered and sent by another run

    summary = Summary()
    deliveries_send(deliveries=stale, now=now, summary=summary)  # the old run wakes up

    assert summary.sent == 0
    assert Delivery.objects.get().attempts == 2
