"""`reformtrack lights`: judge every project's and measure's status light now (or as of a date)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from reformtrack.ledger.models import Plan
from reformtrack.status.services import lights_recompute


class Command(BaseCommand):
    help = (
        "Compute the status lights (green / yellow / red) of every project and measure, or of the plans "
        "given, as of today or --date; record each change of a light. Safe to run again: a second run "
        "on the same day changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--plan", type=int, action="append", dest="plans", metavar="ID", help="plan id (repeatable)"
        )
        parser.add_argument("--date", help="judge as of this day, YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"--date {options['date']!r} is not a date like 2014-06-30") from exc
        plans = options["plans"]
        if plans:
            missing = set(plans) - set(Plan.objects.filter(pk__in=plans).values_list("pk", flat=True))
            if missing:
                raise CommandError(
                    f"no plan {', '.join(map(str, sorted(missing)))}; `reformtrack plans` lists them"
                )
        started = time.perf_counter()
        summary = lights_recompute(plans=plans, today=today)
        lights = summary.lights
        self.stdout.write(
            f"{today.isoformat()}: {summary.projects} projects, {summary.measures} measures judged in "
            f"{time.perf_counter() - started:.1f} s; {summary.changed_projects} project and "
            f"{summary.changed_measures} measure lights changed. Projects: {lights['green']} green, "
            f"{lights['yellow']} yellow, {lights['red']} red, {lights['none']} not assessed."
        )
