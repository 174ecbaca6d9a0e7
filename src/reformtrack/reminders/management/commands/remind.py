"""``reformtrack remind``: send the reminders owed today (for cron), or enqueue the background task."""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from reformtrack.reminders.selectors import reminders_due
from reformtrack.reminders.services import reminders_send
from reformtrack.reminders.tasks import reminders_send_task


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


class Command(BaseCommand):
    help = (
        "Send the reminders owed today: before and after report, project, measure and supervision "
        "order deadlines, in the app, by e-mail and to group robots; retry failed sends. Idempotent."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--date", type=iso_date, help="the day to remind for (default: today)")
        parser.add_argument(
            "--dry-run", action="store_true", help="list what is owed, record and send nothing"
        )
        parser.add_argument(
            "--enqueue", action="store_true", help="enqueue the background task instead of sending here"
        )

    def handle(self, *args: Any, date: dt.date | None, dry_run: bool, enqueue: bool, **options: Any) -> None:
        today = date or timezone.localdate()
        if dry_run:
            items = reminders_due(today)
            for item in items:
                names = ", ".join(user.get_username() for user in item.recipients) or "-"
                robots = ", ".join(target.name for target in item.webhooks)
                self.stdout.write(f"{item.body}  → {names}" + (f"; {robots}" if robots else ""))
            self.stdout.write(f"{len(items)} reminder(s) owed on {today.isoformat()} (dry run: nothing sent)")
            return
        if enqueue:
            result = reminders_send_task.enqueue(date=today.isoformat())
            self.stdout.write(f"enqueued reminders for {today.isoformat()}: task {result.id}")
            return
        summary = reminders_send(today=today)
        for error in summary.errors:
            self.stderr.write(f"failed: {error}")
        self.stdout.write(
            f"{today.isoformat()}: {summary.created} recorded, {summary.sent} sent, "
            f"{summary.failed} failed, {summary.retried} retried"
        )
