"""A submitted report reaches the subscribed endpoint as one POST whose signature verifies."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest

from reformtrack.webhooks.models import Delivery, Endpoint
from reformtrack.webhooks.sending import deliveries_run

from .conftest import Capture, Programme, submit
from .receiver import Receiver

pytestmark = pytest.mark.django_db


def test_a_submitted_report_is_posted_once_signed_with_the_shared_secret(
    programme: Programme, endpoint: Endpoint, receiver: Receiver, django_capture_on_commit_callbacks: Capture
) -> None:
    report = submit(programme, django_capture_on_commit_callbacks)

    summary = deliveries_run()

    assert summary.sent == 1
    [request] = receiver.received
    assert request.path == "/hooks/reformtrack"
    headers = request.headers
    # verified as a receiver would, with the standard library alone
    expected = "sha256=" + hmac.new(endpoint.secret.encode(), request.body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["x-reformtrack-signature"], expected)
    assert headers["x-reformtrack-event"] == "report_submitted"
    assert headers["content-type"] == "application/json; charset=utf-8"
    assert int(headers["x-reformtrack-timestamp"]) > 0
    delivery = Delivery.objects.get()
    assert headers["x-reformtrack-delivery"] == delivery.key
    assert delivery.status == "sent"
    assert delivery.attempts == 1
    assert delivery.last_status_code == 200
    assert delivery.sent_at is not None

    body = json.loads(request.body.decode("utf-8"))
    assert body["id"] == delivery.key
    assert body["event"] == "report_submitted"
    assert body["data"]["report"]["id"] == report.pk
    assert body["data"]["report"]["status"] == "submitted"
    assert body["data"]["report"]["unit"]["name"] == "区经济促进局"
    assert body["data"]["project"] == {
        "id": programme.project.pk,
        "plan_id": programme.project.plan_id,
        "label": "（1）",
        "title": "项目1-1",
    }
    assert "完成调研" not in request.body.decode("utf-8")  # what the unit wrote stays inside
    assert "项目1-1".encode() in request.body  # Chinese as UTF-8, not \\u escapes


def test_a_signature_made_with_another_secret_does_not_verify(
    programme: Programme, endpoint: Endpoint, receiver: Receiver, django_capture_on_commit_callbacks: Capture
) -> None:
    submit(programme, django_capture_on_commit_callbacks)
    deliveries_run()

    [request] = receiver.received
    forged = "sha256=" + hmac.new(b"another secret", request.body, hashlib.sha256).hexdigest()
    assert not hmac.compare_digest(request.headers["x-reformtrack-signature"], forged)


def test_an_endpoint_not_subscribed_to_the_event_gets_nothing(
    programme: Programme, endpoint: Endpoint, receiver: Receiver, django_capture_on_commit_callbacks: Capture
) -> None:
    Endpoint.objects.filter(pk=endpoint.pk).update(events=["report_accepted"])

    submit(programme, django_capture_on_commit_callbacks)
    deliveries_run()

    assert receiver.received == []
    assert not Delivery.objects.exists()
