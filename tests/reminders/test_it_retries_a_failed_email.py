"""An SMTP server that cannot be reached: the e-mail is failed with the error, and sent on a later run."""

from __future__ import annotations

import datetime as dt
import socket
from typing import Any

import pytest
from django.utils import timezone

from reformtrack.reminders.choices import Channel, DeliveryStatus
from reformtrack.reminders.models import Delivery, Notification
from reformtrack.reminders.services import reminders_send

from .conftest import DUE, Programme

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_it_survives_a_failed_send(programme: Programme, settings: Any, mail_outbox: list[Any]) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 2
    now = timezone.now()

    summary = reminders_send(today=DUE + dt.timedelta(days=1), now=now)

    email = Delivery.objects.get(channel=Channel.EMAIL)
    assert (summary.sent, summary.failed) == (3, 1)  # the in-app notifications went
    assert email.status == DeliveryStatus.FAILED
    assert "ConnectionRefusedError" in email.last_error
    assert email.next_attempt_at == now + dt.timedelta(minutes=5)
    assert summary.errors == [f"{email.key}: {email.last_error}"]

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = reminders_send(today=DUE + dt.timedelta(days=1), now=now + dt.timedelta(minutes=6))

    email.refresh_from_db()
    assert (later.retried, later.sent, email.status, email.attempts) == (1, 1, DeliveryStatus.SENT, 2)
    assert len(mail_outbox) == 1
    assert Notification.objects.filter(recipient=programme.clerk).count() == 1
