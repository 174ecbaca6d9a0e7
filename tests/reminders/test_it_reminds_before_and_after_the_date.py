"""Reminders go 7 and 1 days before a due date and 1 and 7 days after; a missed day is made up for."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from reformtrack.reminders.models import Notification
from reformtrack.reminders.selectors import reminder_offsets, stage
from reformtrack.reminders.services import reminders_send

from .conftest import DUE, Programme

OFFSETS = [-7, -1, 1, 7]


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (-8, None),
        (-7, -7),
        (-5, -7),  # up to three days late (a missed run)
        (-4, None),
        (-1, -1),
        (0, -1),  # the day itself makes up for a missed "one day before"; no reminder of its own
        (1, 1),
        (3, 1),
        (4, None),
        (7, 7),
        (9, 7),
        (10, None),  # long past: not reminded again
    ],
)
def test_the_stage_of_a_day(days: int, expected: int | None) -> None:
    assert stage(DUE, DUE + dt.timedelta(days=days), OFFSETS) == expected


def test_the_offsets_come_from_the_settings(settings: Any) -> None:
    settings.REMINDER_DAYS_BEFORE, settings.REMINDER_DAYS_AFTER = [3, 0], [2]
    assert reminder_offsets() == [-3, 0, 2]
    assert stage(DUE, DUE, reminder_offsets()) == 0  # 0 in REMINDER_DAYS_BEFORE: on the day itself


@pytest.mark.django_db
def test_a_daily_run_gives_four_reminders_over_the_weeks(
    programme: Programme, mail_outbox: list[Any]
) -> None:
    for days in range(-10, 15):
        reminders_send(today=DUE + dt.timedelta(days=days))

    bodies = list(
        Notification.objects.filter(recipient=programme.clerk).order_by("id").values_list("body", flat=True)
    )
    assert [body[:4] for body in bodies] == ["【提醒】", "【提醒】", "【催办】", "【催办】"]
