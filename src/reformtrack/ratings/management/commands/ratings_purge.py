"""``reformtrack ratings_purge``: erase the personal keys of ratings past the retention period (cron,
daily; see docs/deployment.md). Prints how many ratings were erased."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from reformtrack.ratings.services import personal_data_purge


class Command(BaseCommand):
    help = "Erase identity and address keys of citizens' ratings older than the retention period."

    def handle(self, *args: Any, **options: Any) -> None:
        erased = personal_data_purge()
        self.stdout.write(f"{erased} ratings erased")
