"""Reads of the ratings app: a project's satisfaction and published comments (public), the
satisfaction of each lead unit for the appraisal, and the office's moderation queue."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet, Sum

from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.models import ProjectUnit

from .models import CommentStatus, Rating

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser
    from reformtrack.ledger.models import Project

__all__ = [
    "Satisfaction",
    "UnitSatisfaction",
    "moderation_queue",
    "published_comments",
    "satisfaction",
    "satisfaction_by_unit",
]

CENT = Decimal("0.01")
SCORES = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Satisfaction:
    """The scores of one project: how many of each, their count and mean (``None`` without any)."""

    distribution: dict[int, int]

    @property
    def count(self) -> int:
        return sum(self.distribution.values())

    @property
    def mean(self) -> Decimal | None:
        if not self.count:
            return None
        total = sum(score * n for score, n in self.distribution.items())
        return (Decimal(total) / self.count).quantize(CENT, rounding=ROUND_HALF_UP)

    def bars(self) -> list[tuple[int, int, int]]:
        """(score, count, percent of all) from 5 down to 1, for the distribution's bars."""
        count = self.count
        return [
            (score, self.distribution[score], round(self.distribution[score] * 100 / count) if count else 0)
            for score in reversed(SCORES)
        ]


def satisfaction(project: Project) -> Satisfaction:
    """Every rating of the project, all periods (one query)."""
    found = dict.fromkeys(SCORES, 0)
    for score, n in Rating.objects.filter(project=project).values_list("score").annotate(n=Count("pk")):
        found[score] = n
    return Satisfaction(distribution=found)


@dataclass
class UnitSatisfaction:
    """A lead unit's ratings of the year: count and mean over all its projects' ratings, and per
    project (id, label, title, count, sum of scores)."""

    count: int = 0
    total: int = 0
    projects: list[tuple[int, str, str, int, int]] = field(default_factory=list)

    @property
    def mean(self) -> Decimal | None:
        if not self.count:
            return None
        return (Decimal(self.total) / self.count).quantize(CENT, rounding=ROUND_HALF_UP)


def satisfaction_by_unit(year: int, *, as_of: dt.date | None = None) -> dict[int, UnitSatisfaction]:
    """Per lead unit (every unit that leads a live project rated in ``year``), the year's ratings of
    the projects it leads, up to ``as_of`` when given. Two queries, whatever the number of units."""
    ratings = Rating.objects.filter(period=year, project__archived_at__isnull=True)
    if as_of is not None:
        ratings = ratings.filter(created_at__date__lte=as_of)
    per_project = {
        pk: (label, title, n, total)
        for pk, label, title, n, total in ratings.values_list(
            "project_id", "project__label", "project__title"
        )
        .annotate(n=Count("pk"), total=Sum("score"))
        .order_by("project__plan_id", "project__position")
    }
    found: dict[int, UnitSatisfaction] = defaultdict(UnitSatisfaction)
    for project_id, unit_id in (
        ProjectUnit.objects.filter(role=UnitRole.LEAD, project_id__in=list(per_project))
        .order_by("unit_id", "project__plan_id", "project__position")
        .values_list("project_id", "unit_id")
        .distinct()
    ):
        label, title, n, total = per_project[project_id]
        record = found[unit_id]
        record.count += n
        record.total += total
        record.projects.append((project_id, label, title, n, total))
    return dict(found)


def published_comments(project: Project) -> QuerySet[Rating]:
    """The project's published comments, newest first, with their published answers (the template
    shows ``answer`` only when ``answer_published_at`` is set)."""
    return Rating.objects.filter(project=project, status=CommentStatus.PUBLISHED).only(
        "pk", "score", "comment", "created_at", "answer", "answer_published_at", "project_id"
    )


def moderation_queue(
    user: AnyUser, *, status: str = CommentStatus.PENDING, flagged: str = "", project: str = ""
) -> QuerySet[Rating]:
    """The comments the office moderates, filtered by status ("" for all with a comment), flagged
    ("1": with a sensitive word) and project id; oldest first, so the queue is worked in order."""
    rows = Rating.objects.restrict(user, "change").exclude(status=CommentStatus.NONE)
    if status in CommentStatus.values:
        rows = rows.filter(status=status)
    if flagged == "1":
        rows = rows.exclude(flagged_words="")
    if project.isdigit():
        rows = rows.filter(project_id=int(project))
    return rows.select_related("project").order_by("created_at", "pk")
