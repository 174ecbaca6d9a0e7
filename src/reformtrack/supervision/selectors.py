"""Reads of the supervision app: prefetched querysets and the accountability records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import QuerySet, Sum
from django.utils import timezone

from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.models import Project, ProjectUnit, Unit
from reformtrack.ledger.overdue import overdue_projects

from .choices import BulletinStatus, DecisionStatus, ExtensionStatus, OrderStatus
from .models import Bulletin, Decision, ExtensionRequest, SupervisionOrder

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser

# A unit is listed for accountability from this many overdue projects on (or any unanswered order).
OVERDUE_THRESHOLD = 2


def order_list(
    user: AnyUser,
    *,
    year: int | None = None,
    status: str = "",
    grade: str = "",
    unit: int | None = None,
) -> QuerySet[SupervisionOrder]:
    """The orders the user may read, newest first, filtered, with what a list row shows joined in."""
    orders = SupervisionOrder.objects.restrict(user, "view").select_related(
        "unit", "project", "measure", "issued_by"
    )
    if year is not None:
        orders = orders.filter(year=year)
    if status:
        orders = orders.filter(status=status)
    if grade:
        orders = orders.filter(grade=grade)
    if unit is not None:
        orders = orders.filter(unit_id=unit)
    return orders.order_by("-year", "-sequence")


def order_of(user: AnyUser, pk: int) -> SupervisionOrder | None:
    """The order ``pk`` if the user may read it, else ``None`` (the view answers 404)."""
    return (
        SupervisionOrder.objects.restrict(user, "view")
        .select_related(
            "unit",
            "project",
            "measure",
            "issued_by",
            "responded_by",
            "closed_by",
            "escalated_from",
            "escalated_to",
        )
        .filter(pk=pk)
        .first()
    )


def order_years() -> list[int]:
    """The years that have orders, newest first (for the list's filter)."""
    return list(SupervisionOrder.objects.order_by("-year").values_list("year", flat=True).distinct())


def extension_list(user: AnyUser, *, status: str = "") -> QuerySet[ExtensionRequest]:
    """The extension requests the user may read, newest first."""
    requests = ExtensionRequest.objects.restrict(user, "view").select_related(
        "project", "measure", "unit", "requested_by", "decided_by"
    )
    if status:
        requests = requests.filter(status=status)
    return requests


def extensions_for_project(project: Project) -> QuerySet[ExtensionRequest]:
    """The pending and approved extension requests of a project (for its page and the roadmap)."""
    return (
        ExtensionRequest.objects.filter(
            project=project, status__in=[ExtensionStatus.PENDING, ExtensionStatus.APPROVED]
        )
        .select_related("measure", "unit")
        .order_by("-requested_at", "-id")
    )


@dataclass
class AccountabilityRecord:
    """A unit that fails or delays its duties (行政无为), with the evidence."""

    unit: Unit
    overdue_projects: list[Project] = field(default_factory=list)
    unanswered_orders: list[SupervisionOrder] = field(default_factory=list)


def accountability_records(
    *, today: dt.date | None = None, threshold: int = OVERDUE_THRESHOLD
) -> list[AccountabilityRecord]:
    """Units with at least ``threshold`` overdue projects they lead (past deadline, not completed),
    or with any issued order past its response date and unanswered; worst first. Two queries.
    """
    today = today or timezone.localdate()
    records: dict[int, AccountabilityRecord] = {}
    overdue = (
        ProjectUnit.objects.filter(
            overdue_projects(today, "project__"), role=UnitRole.LEAD, project__archived_at__isnull=True
        )
        .select_related("unit", "project")
        .order_by("unit__name", "project__deadline", "project_id")
    )
    for link in overdue:
        records.setdefault(link.unit_id, AccountabilityRecord(link.unit)).overdue_projects.append(
            link.project
        )
    unanswered = (
        SupervisionOrder.objects.filter(status=OrderStatus.ISSUED, response_due__lt=today)
        .select_related("unit", "project")
        .order_by("unit__name", "response_due", "year", "sequence")
    )
    for order in unanswered:
        records.setdefault(order.unit_id, AccountabilityRecord(order.unit)).unanswered_orders.append(order)
    listed = [
        record
        for record in records.values()
        if len(record.overdue_projects) >= threshold or record.unanswered_orders
    ]
    listed.sort(key=lambda r: (-len(r.unanswered_orders) - len(r.overdue_projects), r.unit.name))
    return listed


def extensions_for_projects(projects: Iterable[Project | int]) -> dict[int, list[ExtensionRequest]]:
    """:func:`extensions_for_project` for many projects in one query: the pending and approved
    requests by project id, newest first (the roadmap shows both dates of every bar)."""
    ids = [project if isinstance(project, int) else project.pk for project in projects]
    found: dict[int, list[ExtensionRequest]] = {}
    if not ids:
        return found
    requests = (
        ExtensionRequest.objects.filter(
            project_id__in=ids, status__in=[ExtensionStatus.PENDING, ExtensionStatus.APPROVED]
        )
        .select_related("measure", "unit")
        .order_by("-requested_at", "-id")
    )
    for request in requests:
        found.setdefault(request.project_id, []).append(request)
    return found


def bulletin_list(user: AnyUser, *, year: int | None = None, status: str = "") -> QuerySet[Bulletin]:
    """The bulletins the user may read, latest period first, without their sections (a list row
    does not show them) and with who issued them joined in."""
    bulletins = Bulletin.objects.restrict(user, "view").select_related("issued_by").defer("sections")
    if year is not None:
        bulletins = bulletins.filter(period_end__year=year)
    if status:
        bulletins = bulletins.filter(status=status)
    return bulletins.order_by("-period_end", "-id")


def bulletin_years(user: AnyUser) -> list[int]:
    """The years (of the period's end) that have bulletins the user may read, newest first."""
    days = Bulletin.objects.restrict(user, "view").dates("period_end", "year")
    return sorted({day.year for day in days}, reverse=True)


def decision_points(year: int) -> dict[int, Decimal]:
    """The appraisal points of ``year`` by unit id: the sum of the points of the year's decisions
    that are not revoked (commendations add, the other kinds take off). One query; a unit without a
    decision is absent."""
    rows = (
        Decision.objects.filter(year=year)
        .exclude(status=DecisionStatus.REVOKED)
        .order_by()
        .values("unit_id")
        .annotate(total=Sum("points"))
    )
    return {row["unit_id"]: Decimal(row["total"]) for row in rows}


def published_bulletins() -> QuerySet[Bulletin]:
    """The published bulletins (what the unit roles read too): what the public portal shows, latest
    period first; nothing here depends on who asks."""
    return Bulletin.objects.filter(status=BulletinStatus.PUBLISHED).order_by("-period_end", "-id")
