"""An endpoint that answers 500 every time: tried MAX_ATTEMPTS times with growing waits, then failed;
the office sends it again by hand and it goes."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from reformtrack.webhooks.models import Delivery, Endpoint
from reformtrack.webhooks.sending import FIRST_RETRY, MAX_ATTEMPTS, deliveries_run
from reformtrack.webhooks.services import delivery_retry

from .conftest import Capture, Programme, submit
from .receiver import Receiver

pytestmark = pytest.mark.django_db


def test_it_gives_up_after_max_attempts_and_a_retry_by_hand_sends_it(
    programme: Programme,
    endpoint: Endpoint,
    receiver: Receiver,
    office_user: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    receiver.answers = [500] * MAX_ATTEMPTS
    submit(programme, django_capture_on_commit_callbacks)
    now = timezone.now()
    waits = []

    for _ in range(MAX_ATTEMPTS):
        deliveries_run(now=now)
        delivery = Delivery.objects.get()
        if delivery.next_attempt_at is not None:
            waits.append(delivery.next_attempt_at - now)
            now = delivery.next_attempt_at

    assert delivery.status == "failed"
    assert delivery.attempts == MAX_ATTEMPTS
    assert delivery.next_attempt_at is None
    assert waits == [FIRST_RETRY * 2**n for n in range(MAX_ATTEMPTS - 1)]
    assert len(receiver.received) == MAX_ATTEMPTS
    # given up: later runs leave it alone
    deliveries_run(now=now + FIRST_RETRY * 1000)
    assert len(receiver.received) == MAX_ATTEMPTS

    delivery_retry(by=office_user, delivery=delivery)
    deliveries_run()

    delivery.refresh_from_db()
    assert delivery.status == "sent"
    assert delivery.attempts == 1
    assert len(receiver.received) == MAX_ATTEMPTS + 1
