"""A case's figures (成效数据): its projects' targets with their actual values and achievement.

While a case is drafted, submitted or returned its figures are read live from the ledger
(:mod:`reformtrack.ledger.selectors_targets`); when the office approves it they are copied into
:class:`~.models.CaseFigure` rows (:func:`freeze_figures`), and from then on the case shows the
copy, so that an approved case never drifts with values entered later.

:func:`figures_of` reads the figures of many cases in at most two queries, whatever their number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from reformtrack.ledger.models import Target
from reformtrack.ledger.selectors_targets import latest_achievement, targets_with_latest

from .choices import CaseStatus
from .models import Case, CaseFigure

__all__ = ["Figure", "figures_of", "freeze_figures", "live_figures"]


@dataclass(frozen=True)
class Figure:
    """One target's figure: what it aims at, its latest actual value and date, its achievement."""

    text: str
    unit: str
    value: Decimal | None
    value_date: dt.date | None
    achievement: float | None
    target_id: int | None = None


def _project_ids(case: Case) -> list[int]:
    """The case's project first, then its other projects (prefetched where the caller did)."""
    others = [project.pk for project in case.other_projects.all() if project.pk != case.project_id]
    return [case.project_id, *sorted(others)]


def _live_by_project(project_ids: Iterable[int], today: dt.date) -> dict[int, list[Figure]]:
    """The live figures of the projects' targets, by project, in one query."""
    targets = targets_with_latest(
        Target.objects.filter(project_id__in=set(project_ids)).select_related("project__plan")
    ).order_by("project_id", "position", "pk")
    found: dict[int, list[Figure]] = {}
    for target in targets:
        state = latest_achievement(target, target.project.plan, today)
        found.setdefault(target.project_id, []).append(
            Figure(
                text=target.text,
                unit=target.unit,
                value=state.latest,
                value_date=state.latest_date,
                achievement=state.achievement,
                target_id=target.pk,
            )
        )
    return found


def live_figures(case: Case, *, today: dt.date | None = None) -> list[Figure]:
    """The case's figures as the ledger has them now (one query)."""
    ids = _project_ids(case)
    by_project = _live_by_project(ids, today or timezone.localdate())
    return [figure for project_id in ids for figure in by_project.get(project_id, [])]


def _frozen(rows: Iterable[CaseFigure]) -> dict[int, list[Figure]]:
    found: dict[int, list[Figure]] = {}
    for row in rows:
        found.setdefault(row.case_id, []).append(
            Figure(
                text=row.text,
                unit=row.unit,
                value=row.value,
                value_date=row.value_date,
                achievement=row.achievement,
                target_id=row.target_id,
            )
        )
    return found


def figures_of(cases: Sequence[Case], *, today: dt.date | None = None) -> dict[int, list[Figure]]:
    """The figures of each case by its id: the frozen copy of an approved case, the live ledger's
    for the others. Two queries at most (the cases' ``other_projects`` prefetched by the caller)."""
    approved = [case.pk for case in cases if case.status == CaseStatus.APPROVED]
    found = _frozen(CaseFigure.objects.filter(case_id__in=approved).order_by("case_id", "position"))
    drafts = [case for case in cases if case.status != CaseStatus.APPROVED]
    if drafts:
        ids = {case.pk: _project_ids(case) for case in drafts}
        by_project = _live_by_project(
            {pk for row in ids.values() for pk in row}, today or timezone.localdate()
        )
        for case_id, project_ids in ids.items():
            found[case_id] = [figure for pk in project_ids for figure in by_project.get(pk, [])]
    return {case.pk: found.get(case.pk, []) for case in cases}


def freeze_figures(case: Case, *, today: dt.date) -> list[CaseFigure]:
    """Copy the case's live figures into its :class:`CaseFigure` rows (the approval calls it)."""
    return CaseFigure.objects.bulk_create(
        CaseFigure(
            case=case,
            target_id=figure.target_id,
            position=position,
            text=figure.text,
            unit=figure.unit,
            value=figure.value,
            value_date=figure.value_date,
            achievement=figure.achievement,
        )
        for position, figure in enumerate(live_figures(case, today=today))
    )
