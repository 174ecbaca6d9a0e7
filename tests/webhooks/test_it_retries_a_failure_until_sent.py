"""A 500 is tried again after the backoff and ends sent, with the same id and body."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from reformtrack.webhooks.models import Delivery, Endpoint
from reformtrack.webhooks.sending import FIRST_RETRY, deliveries_run

from .conftest import Capture, Programme, submit
from .receiver import Receiver

pytestmark = pytest.mark.django_db


def test_a_server_error_then_ok_ends_sent_on_the_second_attempt(
    programme: Programme, endpoint: Endpoint, receiver: Receiver, django_capture_on_commit_callbacks: Capture
) -> None:
    receiver.answers = [500, 200]
    submit(programme, django_capture_on_commit_callbacks)
    now = timezone.now()

    first = deliveries_run(now=now)

    delivery = Delivery.objects.get()
    assert (first.sent, first.retrying) == (0, 1)
    assert delivery.status == "pending"
    assert delivery.attempts == 1
    assert delivery.last_status_code == 500
    assert delivery.last_error.startswith("HTTP 500")
    assert delivery.next_attempt_at == now + FIRST_RETRY

    # not before its time
    assert deliveries_run(now=now + dt.timedelta(seconds=30)).sent == 0
    assert len(receiver.received) == 1

    second = deliveries_run(now=now + FIRST_RETRY)

    delivery.refresh_from_db()
    assert second.sent == 1
    assert delivery.status == "sent"
    assert delivery.attempts == 2
    assert delivery.last_status_code == 200
    assert delivery.last_error == ""
    one, two = receiver.received
    assert one.body == two.body
    assert one.headers["x-reformtrack-delivery"] == two.headers["x-reformtrack-delivery"]
    assert one.headers["x-reformtrack-signature"] == two.headers["x-reformtrack-signature"]


def test_a_redirect_is_a_failure_not_followed(
    programme: Programme, endpoint: Endpoint, receiver: Receiver, django_capture_on_commit_callbacks: Capture
) -> None:
    receiver.answers = [302]
    submit(programme, django_capture_on_commit_callbacks)

    deliveries_run()

    delivery = Delivery.objects.get()
    assert delivery.status == "pending"
    assert delivery.last_status_code == 302
    assert len(receiver.received) == 1


def test_no_answer_at_all_is_recorded_and_retried(
    programme: Programme, endpoint: Endpoint, receiver: Receiver, django_capture_on_commit_callbacks: Capture
) -> None:
    Endpoint.objects.filter(pk=endpoint.pk).update(url="http://127.0.0.1:9/nothing-listens-here")
    submit(programme, django_capture_on_commit_callbacks)

    deliveries_run()

    delivery = Delivery.objects.get()
    assert delivery.status == "pending"
    assert delivery.last_status_code is None
    assert "Connection" in delivery.last_error or "refused" in delivery.last_error
