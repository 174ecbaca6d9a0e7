"""Helpers of the event-notice tests: a report taken through its steps, the deliveries sent."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from reformtrack.reminders.models import NoticePreference, Notification
from reformtrack.reminders.services import deliveries_claim, deliveries_send
from reformtrack.reporting.services import report_save_draft, report_start

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.reporting.models import ProgressReport

    from .conftest import Programme

Q3 = dt.date(2014, 7, 1)


def draft_report(programme: Programme) -> ProgressReport:
    """The unit's Q3 2014 report on the project, as a draft ready to submit."""
    report = report_start(
        cycle=programme.cycle,
        period_start=Q3,
        project=programme.project,
        unit=programme.unit,
        by=programme.clerk,
    )
    return report_save_draft(report=report, by=programme.clerk, version=report.version, done="完成调研")


def choose(user: User, **channels: str) -> None:
    """``choose(clerk, report_returned="email")``: how ``user`` hears of those kinds."""
    NoticePreference.objects.bulk_create(
        NoticePreference(user=user, kind=kind, channel=channel) for kind, channel in channels.items()
    )


def unread(user: User) -> list[str]:
    """The titles of the user's unread notifications, oldest first."""
    return list(
        Notification.objects.filter(recipient=user, read_at__isnull=True)
        .order_by("id")
        .values_list("title", flat=True)
    )


def send_waiting() -> None:
    """What the background task does: send the deliveries waiting (e-mails, robot messages)."""
    now = timezone.now()
    deliveries_send(deliveries=deliveries_claim(now=now), now=now)
