"""A ledger's progress update turned into the lead units' report drafts, for them to review.

The other way to take a 台账's progress (besides the office's own update in
:func:`reformtrack.ledger.services_progress.plan_progress_update`): each project the ledger updates
gets, for each of its lead units, a draft of the report for the current period of the plan's
running reporting cycle, with the ledger's percentage, status and 进展情况 filled in. The unit
checks, completes and submits it; the office reviews it as any report. Nothing reaches the project
until a report is accepted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from reformtrack.accounts.permissions import can_manage_programme
from reformtrack.core.text import multi_line
from reformtrack.ledger.choices import ProjectStatus, UnitRole
from reformtrack.ledger.models import ProjectUnit

from .choices import ReportedStatus, ReportStatus
from .errors import ReportError
from .models import ProgressReport, ReportingCycle
from .selectors import cycle_periods
from .services import _REASON_LENGTH, _require, _write, ensure_report_may_start

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan
    from reformtrack.ledger.services_progress import ProgressChange

# how a lead unit would word a project's status in its report
_REPORTED = {
    ProjectStatus.COMPLETED: ReportedStatus.COMPLETED,
    ProjectStatus.IN_PROGRESS: ReportedStatus.ON_TRACK,
    ProjectStatus.NOT_STARTED: ReportedStatus.ON_TRACK,
    ProjectStatus.SUSPENDED: ReportedStatus.BEHIND,
}


@dataclass
class LedgerDrafts:
    """The report drafts made or refilled, and the reports left alone (submitted or accepted)."""

    drafted: list[ProgressReport] = field(default_factory=list)
    skipped: list[ProgressReport] = field(default_factory=list)


def _running_cycle(plan: Plan, on: dt.date) -> tuple[ReportingCycle, dt.date, dt.date]:
    """The plan's active cycle and its period (start, end) that hold ``on``."""
    cycles = ReportingCycle.objects.filter(plan=plan, active=True, start__lte=on, end__gte=on)
    for cycle in cycles:
        for period in cycle_periods(cycle):
            if period.start <= on <= period.end:
                return cycle, period.start, period.end
    raise ReportError(
        _("The plan has no reporting cycle running today: create one, or record the update as the office's.")
    )


@transaction.atomic
def reports_from_ledger(
    *, plan: Plan, changes: list[ProgressChange], by: User, source: str, on: dt.date
) -> LedgerDrafts:
    """Draft the lead units' reports of the current period from a ledger's changes, all or nothing.

    Per project: the last percentage the ledger gives the project itself (measures' percentages
    are left to the unit), its status and its 进展情况 as what was done. A report already
    submitted or accepted is left alone (``skipped``). Raises ``PermissionDenied`` unless ``by``
    is the coordinating office, :class:`ReportError` when no cycle of the plan runs on ``on`` or a
    project is held by its risk assessment (:mod:`reformtrack.ledger.gate`).
    """
    _require(can_manage_programme(by))
    cycle, start, end = _running_cycle(plan, on)
    for change in changes:
        ensure_report_may_start(change.project)
    merged: dict[int, dict[str, Any]] = {}
    current: dict[int, int] = {}  # a new report starts from the project's progress, as report_start's
    for change in changes:
        current[change.project.pk] = change.project.progress
        values = merged.setdefault(change.project.pk, {})
        if change.measure is None and change.progress is not None:
            values["percent_complete"] = change.progress
        if change.status is not None and change.status in _REPORTED:
            values["reported_status"] = _REPORTED[ProjectStatus(change.status)]
        if change.note:
            values["done"] = multi_line(change.note)
    leads = ProjectUnit.objects.filter(project_id__in=merged, role=UnitRole.LEAD).values_list(
        "project_id", "unit_id"
    )
    reason = f"drafted from the ledger {source}"[:_REASON_LENGTH]
    out = LedgerDrafts()
    for project_id, unit_id in leads:
        report, created = ProgressReport.objects.select_for_update().get_or_create(
            cycle=cycle,
            period_start=start,
            project_id=project_id,
            unit_id=unit_id,
            defaults={"period_end": end, "percent_complete": current[project_id], **merged[project_id]},
        )
        if created:
            report.history.filter(history_type="+").update(history_user=by, history_change_reason=reason)
        elif report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED):
            report = _write(report, by=by, version=report.version, reason=reason, **merged[project_id])
        else:
            out.skipped.append(report)
            continue
        out.drafted.append(report)
    return out
