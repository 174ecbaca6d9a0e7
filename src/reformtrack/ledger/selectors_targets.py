"""Reads of targets' actual values and achievement: per target, and rolled up to project, chapter
and plan as the plain mean of the targets that have an achievement (a target without a value, or a
change without a baseline, is left out, and the pages say so).

Everything in a fixed number of queries: the latest value of each target is a subquery of the
targets' one query (:func:`targets_with_latest`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, QuerySet, Subquery

from . import achievement
from .achievement import Path
from .models import Plan, Project, Target, TargetValue
from .models_chapter_targets import ChapterTarget

__all__ = [
    "Achievement",
    "PlanAchievement",
    "plan_achievement",
    "plan_bounds",
    "spec_of",
    "target_achievement",
    "targets_with_latest",
]


def plan_bounds(plan: Plan) -> tuple[dt.date | None, dt.date | None]:
    """The plan's first and last day (1 January of its first year, 31 December of its last)."""
    return (
        dt.date(plan.period_start, 1, 1) if plan.period_start else None,
        dt.date(plan.period_end, 12, 31) if plan.period_end else None,
    )


def spec_of(target: Target) -> achievement.Spec:
    """What :mod:`.achievement` computes a target from."""
    return achievement.Spec(
        form=target.form,
        min_value=target.min_value,
        max_value=target.max_value,
        unit=target.unit,
        baseline=target.baseline,
        baseline_date=target.baseline_date,
        deadline=target.deadline,
    )


@dataclass(frozen=True)
class Achievement:
    """A target's state: its latest value, achievement and what is expected by ``today``."""

    target: Target
    latest: Decimal | None
    latest_date: dt.date | None
    achievement: float | None
    expected: float | None
    path: Path | None

    @property
    def behind(self) -> float | None:
        """Points behind the expected path (negative: ahead); ``None`` when either is unknown."""
        if self.achievement is None or self.expected is None:
            return None
        return self.expected - self.achievement


def target_achievement(
    target: Target,
    *,
    latest: Decimal | None,
    latest_date: dt.date | None,
    plan_start: dt.date | None,
    plan_end: dt.date | None,
    today: dt.date,
) -> Achievement:
    """A target's achievement from its latest value, and its path (no query)."""
    spec = spec_of(target)
    return Achievement(
        target=target,
        latest=latest,
        latest_date=latest_date,
        achievement=achievement.achievement(spec, latest),
        expected=achievement.expected(spec, plan_start=plan_start, plan_end=plan_end, on=today),
        path=achievement.path(spec, plan_start=plan_start, plan_end=plan_end),
    )


def latest_achievement(target: Target, plan: Plan, today: dt.date) -> Achievement:
    """:func:`target_achievement` of a target read through :func:`targets_with_latest` (no query)."""
    start, end = plan_bounds(plan)
    return target_achievement(
        target,
        latest=target.latest_value,  # type: ignore[attr-defined]
        latest_date=target.latest_date,  # type: ignore[attr-defined]
        plan_start=start,
        plan_end=end,
        today=today,
    )


def targets_with_latest(
    targets: QuerySet[Target], *, as_of: dt.date | None = None, valued: bool = False
) -> QuerySet[Target]:
    """The targets with their latest value and its date (``latest_value``, ``latest_date``), one
    query; with ``as_of``, the latest value on or before that day; with ``valued``, only the
    targets that have one."""
    latest = TargetValue.objects.filter(target=OuterRef("pk")).order_by("-date", "-pk")
    if as_of is not None:
        latest = latest.filter(date__lte=as_of)
    annotated = targets.annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_date=Subquery(latest.values("date")[:1]),
    )
    return annotated.filter(latest_value__isnull=False) if valued else annotated


@dataclass
class PlanAchievement:
    """Achievement rolled up: per project, per chapter and for the plan (means of the targets)."""

    plan: float | None = None
    targets: int = 0  # targets counted in
    known: int = 0  # of those, with an achievement
    chapters: dict[int, float | None] = field(default_factory=dict)
    projects: dict[int, float | None] = field(default_factory=dict)
    behind: list[Achievement] = field(default_factory=list)


def _means(groups: dict[int, list[float | None]]) -> dict[int, float | None]:
    return {key: achievement.mean(values) for key, values in groups.items()}


def rollup(rows: Sequence[tuple[int, int, Achievement]]) -> PlanAchievement:
    """Means per project, per chapter and overall of (project id, chapter id, achievement) rows."""
    per_project: dict[int, list[float | None]] = {}
    per_chapter: dict[int, list[float | None]] = {}
    for project_id, chapter_id, state in rows:
        per_project.setdefault(project_id, []).append(state.achievement)
        per_chapter.setdefault(chapter_id, []).append(state.achievement)
    values = [state.achievement for _p, _c, state in rows]
    return PlanAchievement(
        plan=achievement.mean(values),
        targets=len(values),
        known=sum(1 for value in values if value is not None),
        chapters=_means(per_chapter),
        projects=_means(per_project),
    )


def plan_achievement(
    plan: Plan, *, today: dt.date, within: QuerySet[Project] | None = None, behind_points: float | None = None
) -> PlanAchievement:
    """The plan's targets' achievement rolled up to project, chapter and plan; one query whatever
    the number of targets and values. ``within`` limits the projects (a user's: ``restrict``);
    with ``behind_points``, the targets at least that far behind their path are listed, worst first."""
    projects = (within if within is not None else Project.objects.all()).filter(plan_id=plan.pk)
    targets = targets_with_latest(
        Target.objects.filter(project__in=projects.values("pk")).select_related("project")
    ).order_by("project__position", "position")
    rows: list[tuple[int, int, Achievement]] = []
    for target in targets:
        state = latest_achievement(target, plan, today)
        rows.append((target.project_id, target.project.chapter_id, state))
    result = rollup(rows)
    if behind_points is not None:
        result.behind = behind_first(
            state for _p, _c, state in rows if (state.behind or 0) >= behind_points and behind_points > 0
        )
    return result


def behind_first(states: Iterable[Achievement]) -> list[Achievement]:
    """The targets the furthest behind first."""
    return sorted(states, key=lambda state: -(state.behind or 0))


def plan_chapter_targets(plan: Plan) -> list[ChapterTarget]:
    """The targets the plan's live chapters state in their own text (a goals chapter's 主要目标), in
    printed order, each with its chapter (one query). They have no actual values: they are read, not
    reported on."""
    return list(
        ChapterTarget.objects.filter(chapter__plan=plan, chapter__archived_at__isnull=True)
        .select_related("chapter")
        .order_by("chapter__position", "position")
    )
