"""Notices kept for the daily digest go together, once a day, from NOTICE_DIGEST_HOUR on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import formats, timezone

from reformtrack.reminders.choices import DeliveryStatus
from reformtrack.reminders.models import Delivery, Notification
from reformtrack.reminders.services import reminders_send
from reformtrack.supervision.models import SupervisionOrder
from reformtrack.supervision.services import order_issue

from .conftest import Programme
from .notices_helpers import choose, unread

pytestmark = pytest.mark.django_db

Capture = Callable[..., Any]
TODAY = timezone.localdate()


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _issue(programme: Programme, office: User, capture: Capture, reason: str) -> SupervisionOrder:
    with capture(execute=True):
        return order_issue(
            by=office,
            unit=programme.unit,
            project=programme.project,
            reason=reason,
            requirements="限期整改",
            response_due=dt.date(2014, 7, 1),
            grade="blue",
        )


def test_the_days_notices_go_in_one_mail_once(
    programme: Programme,
    office_user: User,
    django_capture_on_commit_callbacks: Capture,
    mail_outbox: list[Any],
    settings: Any,
) -> None:
    settings.NOTICE_DIGEST_HOUR = 8
    choose(programme.clerk, order_issued="digest")
    first = _issue(programme, office_user, django_capture_on_commit_callbacks, "进度滞后")
    second = _issue(programme, office_user, django_capture_on_commit_callbacks, "质量不高")
    assert unread(programme.clerk) == []

    reminders_send(today=TODAY, now=_at(TODAY, 7))
    assert mail_outbox == []  # before the digest hour

    reminders_send(today=TODAY, now=_at(TODAY, 9))
    reminders_send(today=TODAY, now=_at(TODAY, 10))
    [digest] = mail_outbox
    assert digest.to == ["clerk@example.org"]
    date = formats.date_format(TODAY, "DATE_FORMAT")
    assert digest.subject == f"{date}每日摘要：共2条通知"
    assert f"• 督办单已签发：《{first.number}》" in digest.body
    assert f"• 督办单已签发：《{second.number}》" in digest.body

    third = _issue(programme, office_user, django_capture_on_commit_callbacks, "再次滞后")
    reminders_send(today=TODAY, now=_at(TODAY, 11))
    assert len(mail_outbox) == 1  # one digest a day: the third waits for tomorrow's
    tomorrow = TODAY + dt.timedelta(days=1)
    reminders_send(today=tomorrow, now=_at(tomorrow, 9))
    assert len(mail_outbox) == 2
    assert third.number in mail_outbox[1].body
    assert first.number not in mail_outbox[1].body
    assert not Delivery.objects.filter(channel="digest").exclude(status=DeliveryStatus.SENT).exists()
    assert unread(programme.clerk) == []


def test_a_digest_without_an_address_comes_in_the_app(
    programme: Programme, office_user: User, django_capture_on_commit_callbacks: Capture, settings: Any
) -> None:
    settings.NOTICE_DIGEST_HOUR = 8
    choose(programme.unit_lead, order_issued="digest")
    order = _issue(programme, office_user, django_capture_on_commit_callbacks, "进度滞后")

    reminders_send(today=TODAY, now=_at(TODAY, 9))

    digest = Notification.objects.get(recipient=programme.unit_lead)
    assert digest.title.endswith("每日摘要：共1条通知")
    assert f"督办单已签发：《{order.number}》" in digest.body


def test_a_run_that_finds_todays_digest_written_leaves_its_notices_for_tomorrow(
    programme: Programme,
    office_user: User,
    django_capture_on_commit_callbacks: Capture,
    mail_outbox: list[Any],
    settings: Any,
) -> None:
    """The case of two runs at once: the other run's digest won the unique key; this run's notices
    go back to waiting instead of being marked sent without going anywhere."""
    settings.NOTICE_DIGEST_HOUR = 8
    choose(programme.clerk, order_issued="digest")
    order = _issue(programme, office_user, django_capture_on_commit_callbacks, "进度滞后")
    Delivery.objects.create(
        key=f"digest:{TODAY.isoformat()}::user{programme.clerk.pk}",
        kind="digest",
        object_ref=TODAY.isoformat(),
        due=TODAY,
        offset=0,
        channel="email",
        recipient=programme.clerk,
        title="另一次运行的摘要",
        body="",
        status=DeliveryStatus.SENT,
    )

    reminders_send(today=TODAY, now=_at(TODAY, 9))

    waiting = Delivery.objects.get(channel="digest")
    assert (waiting.status, waiting.claim) == (DeliveryStatus.PENDING, "")
    assert mail_outbox == []
    tomorrow = TODAY + dt.timedelta(days=1)
    reminders_send(today=tomorrow, now=_at(tomorrow, 9))
    [digest] = mail_outbox
    assert order.number in digest.body
