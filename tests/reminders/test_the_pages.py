"""My notifications with the bell and mark-as-read; the office's delivery log, filtered by status."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.reminders.models import Delivery, Notification, WebhookTarget
from reformtrack.reminders.services import reminders_send

from .conftest import DUE, Programme

pytestmark = pytest.mark.django_db


def _notify(user: User, count: int) -> None:
    Notification.objects.bulk_create(
        Notification(recipient=user, title=f"【催办】{n}", body="正文", url="/reports/") for n in range(count)
    )


def test_the_clerk_sees_the_reminder_and_the_bell(
    programme: Programme, client: Client, mail_outbox: list[Any]
) -> None:
    reminders_send(today=DUE + dt.timedelta(days=1))
    client.force_login(programme.clerk)

    page = client.get(reverse("reminders:notifications")).content.decode()

    assert "2014年第3季度进展报告应于2014年10月5日前报送，目前尚未报送。" in page
    assert 'data-testid="nav-bell-count">1<' in page


def test_mark_read_and_open(programme: Programme, client: Client) -> None:
    _notify(programme.clerk, 2)
    first, _ = Notification.objects.order_by("id")
    client.force_login(programme.clerk)

    opened = client.post(reverse("reminders:notification_read", args=[first.pk]), {"open": "1"})
    assert opened["Location"] == "/reports/"
    first.refresh_from_db()
    assert first.read_at is not None
    client.post(reverse("reminders:notifications_read_all"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert (
        'data-testid="nav-bell-count"' not in client.get(reverse("reminders:notifications")).content.decode()
    )


def test_somebody_elses_notification_is_404(programme: Programme, client: Client) -> None:
    _notify(programme.unit_lead, 1)
    client.force_login(programme.clerk)

    response = client.post(reverse("reminders:notification_read", args=[Notification.objects.get().pk]))

    assert response.status_code == 404
    assert Notification.objects.get().read_at is None


@pytest.mark.parametrize("count", [5, 60])
def test_my_notifications_cost_the_same_queries_for_any_number(
    count: int, programme: Programme, client: Client, django_assert_num_queries: Any
) -> None:
    _notify(programme.clerk, count)
    client.force_login(programme.clerk)
    client.get(reverse("reminders:notifications"))

    with django_assert_num_queries(6):  # session, user, profile (navbar), bell, count, page
        response = client.get(reverse("reminders:notifications"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 60])
def test_the_log_costs_the_same_queries_for_any_number(
    count: int, programme: Programme, office_user: User, client: Client, django_assert_num_queries: Any
) -> None:
    WebhookTarget.objects.create(name="改革办群", kind="wecom", url="http://127.0.0.1:9/")
    _notify(programme.clerk, 0)
    Delivery.objects.bulk_create(
        Delivery(
            key=f"k{n}",
            kind="report",
            object_ref=str(n),
            due=DUE,
            offset=1,
            channel="email",
            recipient=programme.clerk,
            unit=programme.unit,
            title="【催办】",
            body="正文",
            status="failed" if n % 2 else "sent",
            last_error="ConnectionRefusedError: [Errno 111]" if n % 2 else "",
        )
        for n in range(count)
    )
    client.force_login(office_user)

    with django_assert_num_queries(7):  # session, user, profile, bell, count, page, robots
        page = client.get(reverse("reminders:log") + "?status=failed").content.decode()
    assert page.count('data-testid="delivery-failed"') == min(count // 2, 50)
    assert 'data-testid="delivery-sent"' not in page
    assert "ConnectionRefusedError" in page and "改革办群" in page
