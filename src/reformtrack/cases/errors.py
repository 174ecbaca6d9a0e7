"""Errors the case library's services raise for a user to read: one line each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.timezone import localtime
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from datetime import datetime

    from django.contrib.auth.models import User

    from .models import Case


class CaseError(Exception):
    """A refused request with a one-line message fit for a user."""


class ConcurrentCaseEdit(CaseError):
    """Someone wrote the case after the version the user started from; nothing of theirs was written."""

    def __init__(self, case: Case, acted_by: User | None, acted_at: datetime | None) -> None:
        self.case = case
        who = (acted_by.get_full_name() or acted_by.get_username()) if acted_by is not None else _("someone")
        when = localtime(acted_at).strftime("%Y-%m-%d %H:%M") if acted_at is not None else "?"
        super().__init__(
            _(
                "%(who)s saved this case first (at %(when)s; it is now %(status)s); nothing of yours "
                "was saved. Look at the case and act again."
            )
            % {"who": who, "when": when, "status": case.get_status_display()}
        )
