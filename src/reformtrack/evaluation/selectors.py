"""Reads of evaluations: the lists, a reviewer's assignments, the achievement figures (live from
the targets' recorded values until sign-off, frozen after) and the panel's scores summarised.

Every list is read in a fixed number of queries whatever its length (tests assert the counts).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Avg, Count, Prefetch, Q, QuerySet

from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.models import Project, ProjectUnit, Target
from reformtrack.ledger.selectors_targets import latest_achievement, targets_with_latest

from .choices import AssignmentStatus
from .models import Criterion, Evaluation, ReviewerAssignment, Score

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser


@dataclass(frozen=True)
class FigureRow:
    """One target's figure: its text, latest recorded value and date, and achievement (percent)."""

    text: str
    unit: str
    latest: str | None
    latest_date: dt.date | None
    achievement: float | None


@dataclass
class Figures:
    """A project's achievement: per target and their mean; ``frozen`` once signed off."""

    rows: list[FigureRow] = field(default_factory=list)
    mean: float | None = None
    frozen: bool = False
    as_of: dt.date | None = None


def live_figures(project: Project, today: dt.date) -> Figures:
    """The project's targets' achievement from their recorded actual values now (one query), by the
    ledger's computation (:func:`~reformtrack.ledger.selectors_targets.target_achievement`)."""
    targets = targets_with_latest(Target.objects.filter(project_id=project.pk)).order_by("position")
    rows = []
    for target in targets:
        state = latest_achievement(target, project.plan, today)
        rows.append(
            FigureRow(
                text=target.text,
                unit=target.unit,
                latest=None if state.latest is None else format(state.latest.normalize(), "f"),
                latest_date=state.latest_date,
                achievement=state.achievement,
            )
        )
    known = [row.achievement for row in rows if row.achievement is not None]
    return Figures(rows=rows, mean=sum(known) / len(known) if known else None, as_of=today)


def figures_to_json(figures: Figures) -> dict[str, Any]:
    """The figures as stored at sign-off."""
    return {
        "as_of": figures.as_of.isoformat() if figures.as_of else None,
        "mean": figures.mean,
        "rows": [
            {
                "text": row.text,
                "unit": row.unit,
                "latest": row.latest,
                "latest_date": row.latest_date.isoformat() if row.latest_date else None,
                "achievement": row.achievement,
            }
            for row in figures.rows
        ],
    }


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def figures_of(evaluation: Evaluation, today: dt.date) -> Figures:
    """The evaluation's figures: the stored ones once signed off, else live (see :func:`live_figures`)."""
    stored = evaluation.figures
    if stored is None:
        return live_figures(evaluation.project, today)
    rows = [
        FigureRow(
            text=row["text"],
            unit=row["unit"],
            latest=row["latest"],
            latest_date=_date(row["latest_date"]),
            achievement=row["achievement"],
        )
        for row in stored["rows"]
    ]
    return Figures(rows=rows, mean=stored["mean"], frozen=True, as_of=_date(stored["as_of"]))


def evaluation_list(
    user: AnyUser, *, status: str = "", conclusion: str = "", query: str = ""
) -> QuerySet[Evaluation]:
    """The evaluations the user sees, filtered, with their project, plan and lead units."""
    evaluations = Evaluation.objects.restrict(user, "view").select_related("project", "project__plan")
    if status:
        evaluations = evaluations.filter(status=status)
    if conclusion:
        evaluations = evaluations.filter(conclusion=conclusion)
    if query:
        evaluations = evaluations.filter(
            Q(project__title__icontains=query) | Q(project__plan__title__icontains=query)
        )
    leads = ProjectUnit.objects.filter(role=UnitRole.LEAD).select_related("unit").order_by("position")
    return evaluations.prefetch_related(Prefetch("project__project_units", queryset=leads, to_attr="leads"))


def my_assignments(user: AnyUser) -> QuerySet[ReviewerAssignment]:
    """The user's own assignments (declined ones too, so they know), newest first, with the project."""
    return (
        ReviewerAssignment.objects.restrict(user, "view")
        .filter(reviewer_id=user.pk)
        .select_related("evaluation", "evaluation__project", "evaluation__project__plan")
        .order_by("-invited_at", "-pk")
    )


@dataclass(frozen=True)
class CriterionSummary:
    """A criterion with the mean of its scores and how many reviewers scored it."""

    criterion: Criterion
    mean: Decimal | None
    count: int


@dataclass
class PanelSummary:
    """The panel's scores: per criterion, and the total weighted by the criteria's weights."""

    rows: list[CriterionSummary]
    total: Decimal | None


def panel_summary(evaluation: Evaluation, user: AnyUser) -> PanelSummary:
    """Mean score per criterion over the reviewers who have scored, and the weighted total (one
    query for the criteria with their means)."""
    done = Q(scores__assignment__status=AssignmentStatus.DONE)
    criteria = (
        Criterion.objects.restrict(user, "view")
        .filter(evaluation=evaluation)
        .annotate(mean=Avg("scores__score", filter=done), count=Count("scores", filter=done))
        .order_by("position")
    )
    rows = [CriterionSummary(criterion, _mean_of(criterion), criterion.count) for criterion in criteria]
    scored = [(row.criterion.weight, row.mean) for row in rows if row.mean is not None]
    weights = sum((weight for weight, _mean in scored), Decimal(0))
    total = sum((weight * mean for weight, mean in scored), Decimal(0)) / weights if weights else None
    return PanelSummary(rows=rows, total=None if total is None else total.quantize(Decimal("0.1")))


def _mean_of(criterion: Criterion) -> Decimal | None:
    mean = criterion.mean  # type: ignore[attr-defined]
    return None if mean is None else Decimal(mean).quantize(Decimal("0.1"))


def assignments_of(evaluation: Evaluation, user: AnyUser) -> list[ReviewerAssignment]:
    """The evaluation's assignments the user may see, with their reviewers and scores."""
    return list(
        ReviewerAssignment.objects.restrict(user, "view")
        .filter(evaluation=evaluation)
        .select_related("reviewer", "reviewer__profile__unit")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
    )
