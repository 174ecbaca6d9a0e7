"""Errors the study services raise for a user to read: one line each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.timezone import localtime
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from datetime import datetime

    from django.contrib.auth.models import User


class StudyError(Exception):
    """A refused request with a one-line message fit for a user."""


class ConcurrentStudyEdit(StudyError):
    """Someone saved the record (the study, an option, a consultation) after the version the user
    opened; nothing was written. ``saved_by`` is who saved it last and ``saved_at`` when."""

    def __init__(self, saved_by: User | None, saved_at: datetime | None) -> None:
        self.saved_by = saved_by
        self.saved_at = saved_at
        who = (saved_by.get_full_name() or saved_by.get_username()) if saved_by is not None else _("someone")
        when = localtime(saved_at).strftime("%Y-%m-%d %H:%M") if saved_at is not None else "?"
        super().__init__(
            _(
                "%(who)s saved this first (at %(when)s); your changes are not saved but kept in the "
                "form below. Look at what they changed and save again."
            )
            % {"who": who, "when": when}
        )
