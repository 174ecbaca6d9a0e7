"""WeCom and DingTalk group robots get the text message; errors are kept and retried with backoff."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from reformtrack.reminders.choices import Channel, DeliveryStatus
from reformtrack.reminders.models import Delivery, WebhookTarget
from reformtrack.reminders.services import reminders_send

from .conftest import DUE, Programme
from .robot import robot_server

pytestmark = pytest.mark.django_db

TODAY = DUE + dt.timedelta(days=1)
TEXT = "【催办】区经济促进局：《（1）项目1-1》2014年第3季度进展报告应于2014年10月5日前报送，目前尚未报送。"


def test_it_posts_the_text_message_to_the_units_and_the_global_robots(
    programme: Programme, mail_outbox: list[Any], make_user: Any
) -> None:
    with robot_server() as robot:
        WebhookTarget.objects.create(name="经促局群", kind="wecom", url=robot.url, unit=programme.unit)
        WebhookTarget.objects.create(name="改革办群", kind="dingtalk", url=robot.url)
        WebhookTarget.objects.create(
            name="司法局群", kind="wecom", url=robot.url, unit=make_user("clerk", "区司法局").profile.unit
        )
        WebhookTarget.objects.create(name="停用", kind="wecom", url=robot.url, active=False)

        reminders_send(today=TODAY)
        reminders_send(today=TODAY)

    assert robot.received == [{"msgtype": "text", "text": {"content": TEXT}}] * 2
    assert Delivery.objects.filter(channel=Channel.WEBHOOK, status=DeliveryStatus.SENT).count() == 2


def test_a_dingtalk_errcode_or_a_500_is_a_failure_retried_later(
    programme: Programme, mail_outbox: list[Any]
) -> None:
    now = timezone.now()
    with robot_server() as robot:
        target = WebhookTarget.objects.create(name="改革办群", kind="dingtalk", url=robot.url)
        robot.answers = [(200, {"errcode": 310000, "errmsg": "keywords not in content"}), (500, {})]

        first = reminders_send(today=TODAY, now=now)
        delivery = Delivery.objects.get(webhook=target)
        assert (first.failed, delivery.status, delivery.attempts) == (1, DeliveryStatus.FAILED, 1)
        assert delivery.last_error == "dingtalk errcode 310000: keywords not in content"
        assert delivery.next_attempt_at == now + dt.timedelta(minutes=5)

        too_soon = reminders_send(today=TODAY, now=now + dt.timedelta(minutes=4))
        assert (too_soon.sent, too_soon.failed) == (0, 0)

        second = reminders_send(today=TODAY, now=now + dt.timedelta(minutes=5))
        delivery.refresh_from_db()
        assert (second.retried, second.failed, delivery.attempts) == (1, 1, 2)
        assert delivery.last_error == "HTTP 500 Internal Server Error"
        assert delivery.next_attempt_at == now + dt.timedelta(minutes=15)

        third = reminders_send(today=TODAY, now=now + dt.timedelta(minutes=15))
        delivery.refresh_from_db()

    assert (third.retried, third.sent, delivery.status, delivery.attempts) == (1, 1, DeliveryStatus.SENT, 3)
    assert len(robot.received) == 3


def test_it_gives_up_after_the_maximum_attempts(
    programme: Programme, mail_outbox: list[Any], settings: Any
) -> None:
    settings.REMINDER_MAX_ATTEMPTS = 2
    now = timezone.now()
    with robot_server() as robot:
        target = WebhookTarget.objects.create(name="改革办群", kind="wecom", url=robot.url)
        robot.answers = [(500, {})] * 3
        reminders_send(today=TODAY, now=now)
        reminders_send(today=TODAY, now=now + dt.timedelta(hours=1))
        last = reminders_send(today=TODAY, now=now + dt.timedelta(days=1))

    delivery = Delivery.objects.get(webhook=target)
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (DeliveryStatus.FAILED, 2, None)
    assert last.retried == 0
    assert len(robot.received) == 2
