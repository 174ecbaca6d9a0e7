"""Reads of the decisions (表扬与问责决定): the lists a user may see, one decision, the points of a
year for the appraisal, the decisions of a bulletin's period; each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from reformtrack.ledger.models import Project

from .choices import DecisionStatus
from .models import Decision, DecisionAttachment, DecisionFollowup
from .selectors import AccountabilityRecord, accountability_records, decision_points

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser

__all__ = [
    "decision_list",
    "decision_of",
    "decision_points",
    "decision_years",
    "decisions_in",
    "record_of_unit",
]


def decision_list(
    user: AnyUser,
    *,
    kind: str = "",
    unit: int | None = None,
    status: str = "",
    year: int | None = None,
) -> QuerySet[Decision]:
    """The decisions the user may read, newest first, filtered, with the unit and who decided joined."""
    decisions = Decision.objects.restrict(user, "view").select_related("unit", "decided_by")
    if kind:
        decisions = decisions.filter(kind=kind)
    if unit is not None:
        decisions = decisions.filter(unit_id=unit)
    if status:
        decisions = decisions.filter(status=status)
    if year is not None:
        decisions = decisions.filter(year=year)
    return decisions.order_by("-year", "-sequence")


def decision_of(user: AnyUser, pk: int) -> Decision | None:
    """The decision ``pk`` with its projects, files and follow-ups, if the user may read it; else
    ``None`` (the view answers 404)."""
    return (
        Decision.objects.restrict(user, "view")
        .select_related("unit", "decided_by", "answered_by", "closed_by", "revoked_by")
        .prefetch_related(
            Prefetch("projects", queryset=Project.objects.order_by("position", "id")),
            Prefetch("attachments", queryset=DecisionAttachment.objects.order_by("id")),
            Prefetch(
                "followups",
                queryset=DecisionFollowup.objects.select_related("written_by").order_by("written_at", "id"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def decision_years(user: AnyUser) -> list[int]:
    """The years that have decisions the user may read, newest first (for the list's filter)."""
    years = Decision.objects.restrict(user, "view").order_by("-year").values_list("year", flat=True)
    return list(years.distinct())


def decisions_in(start: dt.date, end: dt.date) -> list[Decision]:
    """The decisions made in the period (revoked ones left out), oldest first, with their units."""
    return list(
        Decision.objects.filter(decided_on__gte=start, decided_on__lte=end)
        .exclude(status=DecisionStatus.REVOKED)
        .select_related("unit")
        .order_by("decided_on", "year", "sequence")
    )


def record_of_unit(unit_id: int) -> AccountabilityRecord | None:
    """Today's accountability record of the unit, if it is listed (the decision form starts from it)."""
    return next((record for record in accountability_records() if record.unit.pk == unit_id), None)
