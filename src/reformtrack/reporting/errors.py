"""Errors the reporting services raise for a user to read: one line each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.timezone import localtime
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from datetime import datetime

    from django.contrib.auth.models import User

    from .models import ProgressReport


class ReportError(Exception):
    """A refused request with a one-line message fit for a user."""


class EvidenceRefused(ReportError):
    """An uploaded file is empty, too large or not of a type we keep."""


class ConcurrentReview(ReportError):
    """Someone wrote the report after the version the user started from; nothing of theirs was written.

    ``report`` is the report as it is now, ``acted_by`` who wrote it last (``None`` if unknown),
    ``acted_at`` when.
    """

    def __init__(self, report: ProgressReport, acted_by: User | None, acted_at: datetime | None) -> None:
        self.report = report
        self.acted_by = acted_by
        self.acted_at = acted_at
        who = (acted_by.get_full_name() or acted_by.get_username()) if acted_by is not None else _("someone")
        when = localtime(acted_at).strftime("%Y-%m-%d %H:%M") if acted_at is not None else "?"
        super().__init__(
            _(
                "%(who)s acted on this report first (at %(when)s; it is now %(status)s); "
                "nothing of yours was saved. Look at the report and act again."
            )
            % {"who": who, "when": when, "status": report.get_status_display()}
        )
