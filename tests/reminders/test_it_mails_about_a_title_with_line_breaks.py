"""A project title holding CR/LF (written past the services) cannot break a reminder e-mail's subject."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from reformtrack.ledger.models import Project
from reformtrack.reminders.choices import Channel, DeliveryStatus
from reformtrack.reminders.models import Delivery
from reformtrack.reminders.services import deliveries_claim, deliveries_send, reminders_record, reminders_send

from .conftest import DUE, Programme

pytestmark = pytest.mark.django_db


def test_it_delivers_a_reminder_about_a_title_with_line_breaks(
    programme: Programme, mail_outbox: list[Any]
) -> None:
    Project.objects.filter(pk=programme.project.pk).update(title="A\r\nBcc: victim@example.org\r\n\u2028B")

    summary = reminders_send(today=DUE + dt.timedelta(days=1))

    email = Delivery.objects.get(channel=Channel.EMAIL)
    assert (email.status, summary.failed) == (DeliveryStatus.SENT, 0), email.last_error
    assert len(mail_outbox) == 1
    subject = mail_outbox[0].subject
    assert "\r" not in subject and "\n" not in subject and "\u2028" not in subject
    assert "A Bcc: victim@example.org B" in subject
    assert mail_outbox[0].recipients() == ["clerk@example.org"]


def test_it_delivers_a_reminder_recorded_with_a_title_with_line_breaks(
    programme: Programme, mail_outbox: list[Any]
) -> None:
    now = timezone.now()
    reminders_record(today=DUE + dt.timedelta(days=1))
    Delivery.objects.filter(channel=Channel.EMAIL).update(title="【催办】A\r\nB")

    deliveries_send(deliveries=deliveries_claim(now=now), now=now)

    assert Delivery.objects.get(channel=Channel.EMAIL).status == DeliveryStatus.SENT
    assert [message.subject for message in mail_outbox] == ["【催办】A B"]
