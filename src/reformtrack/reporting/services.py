"""Writes of the reporting app. Every write goes through a keyword-only function here, in one transaction.

A report moves draft → submitted → accepted, or submitted → returned → submitted again. Every write
names the report's ``version`` the user started from and is one ``UPDATE … WHERE version = …``: of
two reviewers acting at once, one wins and the other gets :class:`ConcurrentReview`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.core.text import multi_line, single_line
from reformtrack.core.versioned import last_save, versioned_update
from reformtrack.ledger.choices import ProjectStatus, UnitRole
from reformtrack.ledger.errors import StartHeld
from reformtrack.ledger.gate import ensure_may_start
from reformtrack.ledger.permissions import acting_units
from reformtrack.ledger.selectors import project_progress
from reformtrack.ledger.services import project_update

from .choices import ReportedStatus, ReportStatus
from .entry_services import (
    MeasureInput,
    TargetInput,
    entries_apply,
    entries_check,
    entries_save,
    entry_evidence_add,
    entry_evidence_set,
    reported_progress,
)
from .errors import ConcurrentReview, ReportError
from .evidence_services import evidence_add, evidence_remove, max_upload_bytes
from .models import Contribution, Evidence, MeasureEntry, ProgressReport, ReportingCycle, TargetEntry
from .permissions import can_contribute, can_review, can_view_report, can_write_report
from .selectors import period_of
from .signals import report_event, report_reviewed, send_after_commit

if TYPE_CHECKING:
    from collections.abc import Sequence

    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan, Project, Unit

__all__ = [
    "MeasureInput",
    "TargetInput",
    "contribution_add",
    "cycle_create",
    "cycle_update",
    "entry_evidence_add",
    "entry_evidence_set",
    "evidence_add",
    "evidence_remove",
    "max_upload_bytes",
    "report_accept",
    "report_resubmit",
    "report_return",
    "report_save_draft",
    "report_save_with_figures",
    "report_start",
    "report_submit",
]

DRAFT_FIELDS = frozenset(
    {"reported_status", "percent_complete", "done", "problems", "help_needed", "next_steps"}
)
DRAFT_TEXTS = ("done", "problems", "help_needed", "next_steps")  # running texts: no stray controls
CYCLE_FIELDS = frozenset({"name", "frequency", "due_day", "grace_days", "start", "end", "active"})
_REASON_LENGTH = 100  # django-simple-history's history_change_reason column


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _require_visible(by: User, report: ProgressReport) -> None:
    if not can_view_report(by, report):
        raise Http404("no such report")


def _concurrent(report_id: int) -> ConcurrentReview:
    return ConcurrentReview(ProgressReport.objects.get(pk=report_id), *last_save(ProgressReport, report_id))


def _write(report: ProgressReport, *, by: User, version: int, reason: str, **changes: Any) -> ProgressReport:
    """One ``UPDATE … WHERE version = …`` with the version bumped and a history row; refused if stale."""
    if not versioned_update(ProgressReport.objects.all(), pk=report.pk, version=version, **changes):
        raise _concurrent(report.pk)
    report.refresh_from_db()
    ProgressReport.history.bulk_history_create(
        [report], update=True, default_user=by, default_change_reason=reason[:_REASON_LENGTH]
    )
    return report


def ensure_report_may_start(project: Project) -> None:
    """The risk gate (:func:`reformtrack.ledger.gate.ensure_may_start`) as a :class:`ReportError`,
    which the report pages show: no report on a project held by its risk assessment."""
    try:
        ensure_may_start(project)
    except StartHeld as exc:
        raise ReportError(str(exc)) from exc


def _require_status(report: ProgressReport, version: int, *allowed: str) -> None:
    if report.status not in allowed:
        if report.version != version:
            raise _concurrent(report.pk)
        raise ReportError(
            _("The report is %(status)s; that cannot be done now.") % {"status": report.get_status_display()}
        )


@transaction.atomic
def report_start(
    *, cycle: ReportingCycle, period_start: dt.date, project: Project, unit: Unit, by: User
) -> ProgressReport:
    """The report of ``unit`` on ``project`` for the cycle's period starting on ``period_start``,
    created as a draft when new. Only the staff of a lead unit of the project start one."""
    period = period_of(cycle, period_start)
    if period is None or project.plan_id != cycle.plan_id:
        raise ReportError(_("There is no such period in this reporting cycle."))
    _require(acting_units(by).filter(pk=unit.pk).exists())
    if not project.project_units.filter(unit=unit, role=UnitRole.LEAD).exists():
        raise ReportError(_("This unit does not lead the project."))
    ensure_report_may_start(project)
    report, created = ProgressReport.objects.get_or_create(
        cycle=cycle,
        period_start=period.start,
        project=project,
        unit=unit,
        defaults={"period_end": period.end, "percent_complete": project.progress},
    )
    _require(can_write_report(by, report))
    if created:
        report.history.filter(history_type="+").update(history_user=by)
    return report


def _check_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - DRAFT_FIELDS
    if unknown:
        raise TypeError(f"report_save_draft() cannot change {', '.join(sorted(unknown))}")
    for name in set(DRAFT_TEXTS) & fields.keys():
        fields[name] = multi_line(fields[name])
    if "percent_complete" in fields and not 0 <= int(fields["percent_complete"]) <= 100:
        raise ReportError(_("Percent complete is a number from 0 to 100."))
    if "reported_status" in fields and fields["reported_status"] not in ReportedStatus.values:
        raise ReportError(_("Unknown status %(status)r.") % {"status": fields["reported_status"]})


@transaction.atomic
def report_save_draft(*, report: ProgressReport, by: User, version: int, **fields: Any) -> ProgressReport:
    """Save the lead unit's texts and figures; a returned report stays returned until resubmitted."""
    return _save_draft(report, by, version, fields, (), ())


@transaction.atomic
def report_save_with_figures(
    *,
    report: ProgressReport,
    by: User,
    version: int,
    targets: Sequence[TargetInput],
    measures: Sequence[MeasureInput],
    **fields: Any,
) -> ProgressReport:
    """:func:`report_save_draft` with the report's actual values (``targets``) and measure progress.

    They are stored with the report; nothing reaches the ledger before acceptance. When a measure's
    progress is given, the report's percent complete is the ledger's weighted roll-up of the
    measures with the reported progress in place (so the project's figure on acceptance is the
    roll-up of its measures).
    """
    return _save_draft(report, by, version, fields, targets, measures)


def _save_draft(
    report: ProgressReport,
    by: User,
    version: int,
    fields: dict[str, Any],
    targets: Sequence[TargetInput],
    measures: Sequence[MeasureInput],
) -> ProgressReport:
    _require_visible(by, report)
    _require(can_write_report(by, report))
    ensure_report_may_start(report.project)
    _check_fields(fields)
    entries_check(report, targets, measures)
    rolled = reported_progress(report, measures)
    if rolled is not None:
        fields["percent_complete"] = rolled
    finished = fields.get("reported_status", report.reported_status) == ReportedStatus.COMPLETED
    if rolled is not None and finished and rolled < 100:
        raise ReportError(
            _("A completed project has every measure at 100 %%; the measures come to %(percent)d %%.")
            % {"percent": rolled}
        )
    _require_status(report, version, ReportStatus.DRAFT, ReportStatus.RETURNED)
    names = sorted(fields) + (["targets"] if targets else []) + (["measures"] if measures else [])
    report = _write(report, by=by, version=version, reason="saved " + ", ".join(names), **fields)
    entries_save(report=report, by=by, targets=targets, measures=measures)
    return report


@transaction.atomic
def report_discard(*, report: ProgressReport, by: User, version: int) -> ProgressReport:
    """Throw away what a draft holds: its texts, figures and files, back to a blank draft.

    Only a draft that was never submitted (a returned report's text is part of its review), by
    whoever may write it, and only from the version the user saw. Nothing is deleted: the report's
    and the figures' history keep what they held, the files are archived (as a removed file is).
    """
    _require_visible(by, report)
    _require(can_write_report(by, report))
    _require_status(report, version, ReportStatus.DRAFT)
    report = _write(
        report,
        by=by,
        version=version,
        reason="discarded",
        done="",
        problems="",
        help_needed="",
        next_steps="",
        reported_status=ReportedStatus.ON_TRACK,
        percent_complete=report.project.progress,
    )
    now = timezone.now()
    for evidence in Evidence.objects.select_for_update().filter(report=report, archived_at__isnull=True):
        evidence.archived_at, evidence.archived_by = now, by
        evidence._history_user = by  # type: ignore[attr-defined]
        evidence._change_reason = "discarded"  # type: ignore[attr-defined]
        evidence.save(update_fields=["archived_at", "archived_by"])
    targets = TargetEntry.objects.filter(report=report)
    targets.update(value=None, date=None, source="", evidence=None)
    measures = MeasureEntry.objects.filter(report=report)
    measures.update(progress=None)
    for model, rows in ((TargetEntry, list(targets)), (MeasureEntry, list(measures))):
        if rows:
            model.history.bulk_history_create(
                rows, update=True, default_user=by, default_change_reason="discarded"
            )
    return report


@transaction.atomic
def report_submit(*, report: ProgressReport, by: User, version: int) -> ProgressReport:
    """Send a draft (or a returned report) to the coordinating office for review."""
    _require_visible(by, report)
    _require(can_write_report(by, report))
    _require_status(report, version, ReportStatus.DRAFT, ReportStatus.RETURNED)
    ensure_report_may_start(report.project)
    if not report.done.strip():
        raise ReportError(_("Say what was done before submitting."))
    reason = "resubmitted" if report.status == ReportStatus.RETURNED else "submitted"
    report = _write(
        report,
        by=by,
        version=version,
        reason=reason,
        status=ReportStatus.SUBMITTED,
        submitted_at=timezone.now(),
        submitted_by=by,
    )
    send_after_commit(report_event, sender=ProgressReport, report=report, event="submitted", by=by)
    return report


def report_resubmit(*, report: ProgressReport, by: User, version: int) -> ProgressReport:
    """Submit a returned report again after changing it."""
    if report.status != ReportStatus.RETURNED:
        raise ReportError(_("Only a returned report is resubmitted."))
    return report_submit(report=report, by=by, version=version)


@transaction.atomic
def report_return(*, report: ProgressReport, by: User, version: int, comment: str) -> ProgressReport:
    """The coordinating office sends a submitted report back with what to change (comment required)."""
    _require_visible(by, report)
    _require(can_review(by))
    comment = multi_line(comment).strip()
    if not comment:
        raise ReportError(_("Say what the unit should change when returning a report."))
    _require_status(report, version, ReportStatus.SUBMITTED)
    report = _write(
        report,
        by=by,
        version=version,
        reason="returned",
        status=ReportStatus.RETURNED,
        reviewed_at=timezone.now(),
        reviewed_by=by,
        review_comment=comment,
    )
    # a returned report counts against the project's light (see the status rules)
    report_reviewed.send(sender=ProgressReport, report=report, project=report.project, by=by, accepted=False)
    send_after_commit(report_event, sender=ProgressReport, report=report, event="returned", by=by)
    return report


@transaction.atomic
def report_accept(*, report: ProgressReport, by: User, version: int, comment: str = "") -> ProgressReport:
    """The coordinating office accepts a submitted report; the project's progress becomes the reported one."""
    _require_visible(by, report)
    _require(can_review(by))
    _require_status(report, version, ReportStatus.SUBMITTED)
    ensure_report_may_start(report.project)
    report = _write(
        report,
        by=by,
        version=version,
        reason="accepted",
        status=ReportStatus.ACCEPTED,
        reviewed_at=timezone.now(),
        reviewed_by=by,
        review_comment=multi_line(comment).strip(),
    )
    # the report's figures reach the ledger in this transaction, as the accepting office
    measures_moved = entries_apply(report=report, by=by)
    project = report.project
    project.refresh_from_db()
    changes = _accepted_project_changes(project, report, rolled_up=measures_moved)
    if changes:
        # not announced as an edit: the light is judged once, on report_reviewed, and the change
        # recorded as this acceptance
        project_update(project=project, by=by, version=project.version, announce=False, **changes)
    report_reviewed.send(sender=ProgressReport, report=report, project=project, by=by, accepted=True)
    send_after_commit(report_event, sender=ProgressReport, report=report, event="accepted", by=by)
    return report


def _accepted_project_changes(project: Project, report: ProgressReport, *, rolled_up: bool) -> dict[str, Any]:
    """What an accepted report changes in its project: the progress, and the status it implies.

    A report of 100 % or of "completed" that the office accepts is the review that finishes the
    project: it becomes completed (so bulletins, reminders and accountability records stop
    counting it as overdue); a first report above 0 % starts a project not yet started.
    When the report gave its measures' progress (``rolled_up``), the project's progress is the
    weighted roll-up of its measures as ``measure_update`` left it, not a figure of its own.
    """
    changes: dict[str, Any] = {}
    percent = report.percent_complete
    if rolled_up:
        rolled = project_progress(project)
        percent = report.percent_complete if rolled is None else round(rolled)
    finished = percent == 100 or report.reported_status == ReportedStatus.COMPLETED
    progress = 100 if finished else percent
    if project.progress != progress:
        changes["progress"] = progress
    if finished and project.status != ProjectStatus.COMPLETED:
        changes["status"] = ProjectStatus.COMPLETED
    elif progress > 0 and project.status == ProjectStatus.NOT_STARTED:
        changes["status"] = ProjectStatus.IN_PROGRESS
    return changes


@transaction.atomic
def contribution_add(*, report: ProgressReport, by: User, text: str) -> Contribution:
    """A co-unit adds its part to the lead unit's report."""
    _require_visible(by, report)
    _require(can_contribute(by, report))
    text = multi_line(text).strip()
    if not text:
        raise ReportError(_("A contribution needs some text."))
    unit = by.profile.unit
    contribution = Contribution(report=report, unit=unit, text=text, by=by)
    contribution._history_user = by  # type: ignore[attr-defined]
    contribution.save()
    return contribution


def _clean_cycle(fields: dict[str, Any]) -> None:
    if "name" in fields:
        fields["name"] = single_line(fields["name"])  # shown in reminders and their e-mail subjects


def _check_cycle(fields: dict[str, Any]) -> None:
    unknown = set(fields) - CYCLE_FIELDS
    if unknown:
        raise TypeError(f"cannot set {', '.join(sorted(unknown))} of a reporting cycle")
    if fields.get("start") and fields.get("end") and fields["end"] < fields["start"]:
        raise ReportError(_("A reporting cycle ends after it starts."))


@transaction.atomic
def cycle_create(*, plan: Plan, by: User, **fields: Any) -> ReportingCycle:
    """The coordinating office sets up a reporting cycle for a plan."""
    _require(can_review(by))
    _clean_cycle(fields)
    _check_cycle(fields)
    cycle = ReportingCycle(plan=plan, **fields)
    cycle._history_user = by  # type: ignore[attr-defined]
    cycle.save()
    return cycle


@transaction.atomic
def cycle_update(*, cycle: ReportingCycle, by: User, **fields: Any) -> ReportingCycle:
    """The coordinating office changes a reporting cycle."""
    _require(can_review(by))
    _clean_cycle(fields)
    _check_cycle({"start": cycle.start, "end": cycle.end, **fields})
    for name, value in fields.items():
        setattr(cycle, name, value)
    cycle._change_reason = "changed " + ", ".join(sorted(fields))  # type: ignore[attr-defined]
    cycle._history_user = by  # type: ignore[attr-defined]
    cycle.save()
    return cycle
