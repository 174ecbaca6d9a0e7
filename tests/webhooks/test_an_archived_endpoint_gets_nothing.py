"""An archived or inactive endpoint is sent nothing: neither new events nor what waited for it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from reformtrack.webhooks.errors import WebhookError
from reformtrack.webhooks.models import Delivery, Endpoint
from reformtrack.webhooks.sending import deliveries_run
from reformtrack.webhooks.services import endpoint_archive, endpoint_ping

from .conftest import Capture, Programme, submit
from .receiver import Receiver

pytestmark = pytest.mark.django_db


def test_an_archived_endpoint_hears_of_no_new_event(
    programme: Programme,
    endpoint: Endpoint,
    receiver: Receiver,
    office_user: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    endpoint_archive(by=office_user, endpoint=endpoint)

    submit(programme, django_capture_on_commit_callbacks)
    deliveries_run()

    assert receiver.received == []
    assert not Delivery.objects.exists()
    with pytest.raises(WebhookError):
        endpoint_ping(by=office_user, endpoint=endpoint)


def test_what_waited_for_an_endpoint_archived_since_is_not_sent_but_kept(
    programme: Programme,
    endpoint: Endpoint,
    receiver: Receiver,
    office_user: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    submit(programme, django_capture_on_commit_callbacks)
    endpoint_archive(by=office_user, endpoint=endpoint)

    deliveries_run()

    assert receiver.received == []
    assert Delivery.objects.get().status == "pending"
    assert Endpoint.objects.filter(pk=endpoint.pk, archived_at__isnull=False).exists()


def test_an_inactive_endpoint_gets_nothing_until_it_is_active_again(
    programme: Programme, endpoint: Endpoint, receiver: Receiver, django_capture_on_commit_callbacks: Capture
) -> None:
    Endpoint.objects.filter(pk=endpoint.pk).update(active=False)

    submit(programme, django_capture_on_commit_callbacks)
    deliveries_run()

    assert receiver.received == []
