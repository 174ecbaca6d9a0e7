"""An overdue report: two runs give the clerk one notification and one e-mail, in Chinese."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from reformtrack.reminders.choices import Channel, DeliveryStatus
from reformtrack.reminders.models import Delivery, Notification
from reformtrack.reminders.services import reminders_send

from .conftest import DUE, Programme

pytestmark = pytest.mark.django_db

TEXT = "【催办】区经济促进局：《（1）项目1-1》2014年第3季度进展报告应于2014年10月5日前报送，目前尚未报送。"


def test_it_sends_a_reminder_once(programme: Programme, mail_outbox: list[Any]) -> None:
    today = DUE + dt.timedelta(days=1)

    first = reminders_send(today=today)
    second = reminders_send(today=today)

    notifications = Notification.objects.filter(recipient=programme.clerk)
    assert [n.body for n in notifications] == [TEXT]
    assert notifications.get().url == "/reports/"
    assert [(m.to, m.body) for m in mail_outbox] == [(["clerk@example.org"], TEXT)]
    assert (first.created, first.sent, first.failed) == (4, 4, 0)  # clerk ×2, unit lead, reform lead
    assert (second.created, second.sent, second.failed) == (0, 0, 0)


def test_it_reminds_the_units_responsible_people_only(programme: Programme, mail_outbox: list[Any]) -> None:
    reminders_send(today=DUE + dt.timedelta(days=1))

    reached = set(Notification.objects.values_list("recipient__username", flat=True))
    assert reached == {"clerk", "unit_lead", "reform_lead"}  # not the co-unit's staff
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    assert Delivery.objects.filter(channel=Channel.EMAIL).count() == 1  # only the clerk has an address


def test_an_inactive_account_hears_nothing(programme: Programme, mail_outbox: list[Any]) -> None:
    programme.clerk.is_active = False
    programme.clerk.save()

    reminders_send(today=DUE + dt.timedelta(days=1))

    assert not Notification.objects.filter(recipient=programme.clerk).exists()
    assert mail_outbox == []


def test_with_site_url_the_email_links_to_what_it_is_about(
    programme: Programme, mail_outbox: list[Any], settings: Any
) -> None:
    settings.SITE_URL = "https://reform.example.gov.cn/"

    reminders_send(today=DUE + dt.timedelta(days=1))

    clerk = next(m for m in mail_outbox if m.to == ["clerk@example.org"])
    assert clerk.body == f"{TEXT}\n查看：https://reform.example.gov.cn/reports/"
    # the notification in the app is a link itself: its text stays as it is
    assert Notification.objects.filter(recipient=programme.clerk).get().body == TEXT
