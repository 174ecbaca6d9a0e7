"""Who may moderate citizens' ratings and keep the ratings' settings: the coordinating office alone.

==================  ===========================================  ==============================
role                moderation queue, a rating, answers          settings, sensitive words
==================  ===========================================  ==============================
office              all                                          yes
every other role    none (403)                                   no (403)
anonymous           the login page                               the login page
==================  ===========================================  ==============================

The public sees a project's scores and its published comments and answers on the public pages,
whoever they are; whether a project may be rated at all is the ledger's
:func:`~reformtrack.ledger.selectors_public.is_public`. ``restrict(user, "view"|"change")`` of the
three models is the first column: the office's, nobody else's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from reformtrack.accounts.permissions import can_manage_programme
from reformtrack.core.restrict import restriction

from .models import Rating, RatingSettings, SensitiveWord

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser

__all__ = ["can_moderate"]


def can_moderate(user: AnyUser) -> bool:
    """The coordinating office moderates comments, answers them and keeps the settings and words."""
    return can_manage_programme(user)


@restriction(Rating, "view", "change")
def _ratings(ratings: QuerySet[Rating], user: AnyUser) -> QuerySet[Rating]:
    """Every rating with its personal keys for the office; none for anyone else (the public pages
    read published comments through the selectors, not through a user's rule)."""
    return ratings.all() if can_moderate(user) else ratings.none()


@restriction(RatingSettings, "view", "change")
def _settings(rows: QuerySet[RatingSettings], user: AnyUser) -> QuerySet[RatingSettings]:
    return rows.all() if can_moderate(user) else rows.none()


@restriction(SensitiveWord, "view", "change")
def _words(words: QuerySet[SensitiveWord], user: AnyUser) -> QuerySet[SensitiveWord]:
    return words.all() if can_moderate(user) else words.none()
