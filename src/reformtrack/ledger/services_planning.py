"""The coordinating office's planning of the ledger: weights (权重) and start dates.

Weights drive the roll-up (measure → project → chapter → plan, see :func:`.selectors.weighted_progress`);
start dates the roadmap's bars. Both are the office's alone, checked here on the server whatever the
page. Every write is one transaction: a bad value anywhere in a form stores nothing, and a project
saved by someone else since the form was opened raises :class:`ConcurrentEdit`, again storing nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from reformtrack.accounts.permissions import can_manage_programme
from reformtrack.core.versioned import last_save, versioned_update

from .errors import ConcurrentEdit, LedgerError
from .models import Chapter, Measure, Plan, Project
from .selectors import weighted_progress
from .services_base import _record_history, _require
from .signals import project_changed

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Project.weight and Measure.weight: DecimalField(max_digits=7, decimal_places=2)
MAX_WEIGHT = Decimal("99999.99")
_CENT = Decimal("0.01")

WeightInput = Decimal | int | str


def parse_weight(value: WeightInput) -> Decimal:
    """A weight as stored (two decimals), or :class:`LedgerError` saying what is wrong with it."""
    try:
        weight = Decimal(str(value).strip())
    except InvalidOperation:
        raise LedgerError(_("A weight must be a number: %(value)s") % {"value": value}) from None
    if not weight.is_finite():
        raise LedgerError(_("A weight must be a number: %(value)s") % {"value": value})
    if weight < 0:
        raise LedgerError(_("A weight cannot be negative."))
    if weight > MAX_WEIGHT:
        raise LedgerError(_("A weight cannot be more than %(max)s.") % {"max": MAX_WEIGHT})
    return weight.quantize(_CENT)


def _conflict(project_id: int) -> ConcurrentEdit:
    current = Project.objects.select_related("leader").get(pk=project_id)
    return ConcurrentEdit(current, *last_save(Project, project_id))


def _reason(note: str, summary: str) -> str:
    note = " ".join(note.split())
    return f"{summary}: {note}" if note else summary


@transaction.atomic
def project_weights_set(
    *,
    project: Project,
    by: User,
    version: int,
    weight: WeightInput,
    measure_weights: Mapping[int, WeightInput],
    note: str = "",
) -> Project:
    """Set a project's weight in its chapter and its measures' weights in it: the coordinating office.

    ``measure_weights`` maps measure ids of the project to their new weight (measures left out keep
    theirs). The project's progress becomes the weighted mean of its measures' under the new
    weights (unless every measure is at 0 %: then the project is reported as a whole and keeps its
    progress), in the same version-checked ``UPDATE`` as its weight: ``version`` is the project's
    version the form was opened at, so a save by someone else in between raises
    :class:`ConcurrentEdit` and nothing is stored. Each changed row gets a history row with ``by``
    and ``note`` as its reason. Raises ``PermissionDenied`` or :class:`LedgerError`.
    """
    _require(can_manage_programme(by))
    new_weight = parse_weight(weight)
    measures = {m.pk: m for m in Measure.objects.filter(project=project).order_by("position")}
    unknown = set(measure_weights) - measures.keys()
    if unknown:
        raise LedgerError(_("These measures are not of this project: %(ids)s") % {"ids": sorted(unknown)})
    parsed = {pk: parse_weight(value) for pk, value in measure_weights.items()}
    changed = [measures[pk] for pk, value in parsed.items() if measures[pk].weight != value]
    changes: dict[str, object] = {"weight": new_weight}
    # Measures at 0 % all round mean the unit reports on the project as a whole (see the status
    # rules): its progress is its own then, and new weights must not wipe it out.
    if any(m.progress for m in measures.values()):
        rolled = weighted_progress((parsed.get(m.pk, m.weight), m.progress) for m in measures.values())
        changes["progress"] = round(rolled or 0)
    progress_moved = "progress" in changes and changes["progress"] != project.progress
    if not versioned_update(Project.objects.all(), pk=project.pk, version=version, **changes):
        raise _conflict(project.pk)
    for measure in changed:
        old = measure.weight
        measure.weight = parsed[measure.pk]
        measure._history_user = by  # type: ignore[attr-defined]
        measure._change_reason = _reason(note, f"weight {old}→{measure.weight}")  # type: ignore[attr-defined]
        measure.save(update_fields=["weight"])
    old_weight = project.weight
    project.refresh_from_db()
    _record_history(project, by, _reason(note, f"weights: project {old_weight}→{new_weight}"))
    if progress_moved:
        project_changed.send(sender=Project, project=project, by=by)
    return project


@transaction.atomic
def chapter_weights_set(
    *, chapter: Chapter, by: User, weights: Mapping[int, tuple[int, WeightInput]], note: str = ""
) -> list[Project]:
    """Set the weights of a chapter's top-level projects at once: the coordinating office.

    ``weights`` maps project ids to ``(version the form was opened at, new weight)``. Every value is
    checked before anything is written; only projects whose weight changes are written, each by a
    version-checked ``UPDATE``. One of them saved by someone else since raises
    :class:`ConcurrentEdit` (naming it) and the transaction stores none of the others.
    Returns the projects whose weight changed.
    """
    _require(can_manage_programme(by))
    projects = {p.pk: p for p in Project.objects.filter(chapter=chapter, level=1)}
    unknown = set(weights) - projects.keys()
    if unknown:
        raise LedgerError(_("These projects are not of this chapter: %(ids)s") % {"ids": sorted(unknown)})
    parsed = {pk: (int(version), parse_weight(value)) for pk, (version, value) in weights.items()}
    written: list[Project] = []
    for pk, (version, weight) in sorted(parsed.items()):
        project = projects[pk]
        if project.weight == weight:
            continue
        if not versioned_update(Project.objects.all(), pk=pk, version=version, weight=weight):
            raise _conflict(pk)
        old = project.weight
        project.refresh_from_db()
        _record_history(project, by, _reason(note, f"weight {old}→{weight}"))
        written.append(project)
    return written


def check_start_date(plan: Plan, start: dt.date | None, deadline: dt.date | None) -> None:
    """A start date lies within the plan's years and not after the deadline (``None``: unknown)."""
    if start is None:
        return
    if plan.period_start and start < dt.date(plan.period_start, 1, 1):
        raise LedgerError(
            _("The start date %(date)s is before the plan's first year %(year)s.")
            % {"date": start.isoformat(), "year": plan.period_start}
        )
    if plan.period_end and start > dt.date(plan.period_end, 12, 31):
        raise LedgerError(
            _("The start date %(date)s is after the plan's last year %(year)s.")
            % {"date": start.isoformat(), "year": plan.period_end}
        )
    if deadline is not None and start > deadline:
        raise LedgerError(
            _("The start date %(date)s is after the deadline %(deadline)s.")
            % {"date": start.isoformat(), "deadline": deadline.isoformat()}
        )


@transaction.atomic
def measure_start_set(*, measure: Measure, by: User, start_date: dt.date | None, note: str = "") -> Measure:
    """Set the day a measure starts (``None``: unknown, the roadmap uses its project's or the plan's).

    The coordinating office; checked against the plan's years and the measure's deadline (else its
    project's). A history row with ``by`` and ``note``.
    """
    _require(can_manage_programme(by))
    project = Project.objects.select_related("plan").get(pk=measure.project_id)
    check_start_date(project.plan, start_date, measure.deadline or project.deadline)
    if measure.start_date == start_date:
        return measure
    measure.start_date = start_date
    measure._history_user = by  # type: ignore[attr-defined]
    measure._change_reason = _reason(note, "start date")  # type: ignore[attr-defined]
    measure.save(update_fields=["start_date"])
    return measure
