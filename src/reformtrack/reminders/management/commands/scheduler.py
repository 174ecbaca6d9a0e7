"""``reformtrack scheduler``: enqueue the reminder task every N minutes, for a site without cron."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from reformtrack.reminders.tasks import reminders_send_task


class Command(BaseCommand):
    help = (
        "Enqueue the reminder task every --every minutes (a worker runs it: db_worker or rqworker). "
        "Run one scheduler per site: the task is idempotent, but one is enough."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--every", type=float, default=60.0, help="minutes between runs (default 60)")
        parser.add_argument(
            "--max-runs", type=int, default=None, help="stop after this many (default: never)"
        )

    def handle(self, *args: Any, every: float, max_runs: int | None, **options: Any) -> None:
        if every < 0 or (max_runs is not None and max_runs < 1):
            raise CommandError("--every must be 0 or more minutes and --max-runs 1 or more")
        runs = 0
        while max_runs is None or runs < max_runs:
            if runs:
                time.sleep(every * 60)
            result = reminders_send_task.enqueue()
            runs += 1
            self.stdout.write(f"enqueued reminders: task {result.id}")
