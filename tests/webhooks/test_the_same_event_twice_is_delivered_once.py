"""An event announced twice is recorded and delivered once per endpoint, under one delivery id."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from reformtrack.reporting.models import ProgressReport
from reformtrack.reporting.signals import report_event
from reformtrack.webhooks.models import Delivery, Endpoint
from reformtrack.webhooks.sending import deliveries_run

from .conftest import Capture, Programme, submit
from .receiver import Receiver

pytestmark = pytest.mark.django_db


def test_the_same_submission_announced_again_is_posted_once(
    programme: Programme, endpoint: Endpoint, receiver: Receiver, django_capture_on_commit_callbacks: Capture
) -> None:
    report = submit(programme, django_capture_on_commit_callbacks)
    deliveries_run()

    report_event.send(sender=ProgressReport, report=report, event="submitted", by=programme.clerk)
    deliveries_run()

    assert len(receiver.received) == 1
    assert Delivery.objects.count() == 1


def test_each_endpoint_gets_its_own_delivery_id(
    programme: Programme,
    endpoint: Endpoint,
    receiver: Receiver,
    office_user: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    from reformtrack.webhooks.services import endpoint_create

    endpoint_create(by=office_user, name="第二个系统", url=receiver.url, events=["report_submitted"])

    submit(programme, django_capture_on_commit_callbacks)
    deliveries_run()

    ids = {request.headers["x-reformtrack-delivery"] for request in receiver.received}
    assert len(receiver.received) == 2
    assert len(ids) == 2
