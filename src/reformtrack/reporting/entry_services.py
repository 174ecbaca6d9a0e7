"""The figures of a report: per target an actual value (as-of date, source, evidence file), per
measure a progress. Kept with the report through drafts, returns and resubmissions; they reach the
ledger only when the office accepts the report (:func:`entries_apply`, called by ``report_accept``
in its transaction). Re-exported by :mod:`reporting.services`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.core.text import single_line
from reformtrack.ledger.errors import TargetValueRefused
from reformtrack.ledger.selectors import weighted_progress
from reformtrack.ledger.services import measure_update, target_value_record

from .errors import ReportError
from .evidence_services import _check_writable, evidence_add, max_upload_bytes
from .models import Evidence, MeasureEntry, ProgressReport, TargetEntry

if TYPE_CHECKING:
    from collections.abc import Sequence

    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import UploadedFile

    from reformtrack.ledger.models import Measure, Plan, Target

# The largest number a TargetValue holds: 18 digits, 4 after the point.
_MAX_VALUE = Decimal("1e14")


@dataclass(frozen=True)
class TargetInput:
    """What the form says of one target: ``value`` ``None`` when left blank."""

    target: Target
    value: Decimal | None
    date: dt.date | None
    source: str = ""


@dataclass(frozen=True)
class MeasureInput:
    """What the form says of one measure: ``progress`` ``None`` when left blank."""

    measure: Measure
    progress: int | None


def entry_date_problem(plan: Plan, day: dt.date, today: dt.date | None = None) -> str | None:
    """Why ``day`` cannot be the as-of date of an actual value of the plan (``None``: it can)."""
    today = today or timezone.localdate()
    if day > today:
        return _("The as-of date %(date)s is in the future.") % {"date": _chinese_date(day)}
    first, last = plan.period_start, plan.period_end
    if (first is not None and day.year < first) or (last is not None and day.year > last):
        return _("The as-of date %(date)s is outside the plan's years (%(first)s–%(last)s).") % {
            "date": _chinese_date(day),
            "first": first if first is not None else "…",
            "last": last if last is not None else "…",
        }
    return None


def _chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def entries_check(
    report: ProgressReport, targets: Sequence[TargetInput], measures: Sequence[MeasureInput]
) -> None:
    """Refuse figures that cannot be stored: every problem is a :class:`ReportError`, nothing written."""
    project_id = report.project_id
    for entry in targets:
        if entry.target.project_id != project_id:
            raise ReportError(_("That target is not one of this project's."))
        if entry.value is None:
            continue
        name = entry.target.subject or entry.target.text
        if not entry.value.is_finite() or abs(entry.value) >= _MAX_VALUE:
            raise ReportError(
                _("The actual value of %(target)s is not a number we can keep.") % {"target": name}
            )
        if entry.date is None:
            raise ReportError(_("Give the as-of date of the actual value of %(target)s.") % {"target": name})
        problem = entry_date_problem(report.project.plan, entry.date)
        if problem is not None:
            raise ReportError(f"{name}：{problem}")
    for measure_entry in measures:
        if measure_entry.measure.project_id != project_id:
            raise ReportError(_("That measure is not one of this project's."))
        if measure_entry.progress is not None and not 0 <= measure_entry.progress <= 100:
            raise ReportError(_("A measure's progress is a number from 0 to 100."))


def entries_save(
    *, report: ProgressReport, by: User, targets: Sequence[TargetInput], measures: Sequence[MeasureInput]
) -> None:
    """Store the figures with the report (checked by :func:`entries_check` first); run inside the
    draft save's transaction, after its version check, so a refused save stores none of them."""
    kept_targets = {entry.target_id: entry for entry in report.target_entries.all()}
    for given in targets:
        row = kept_targets.get(given.target.pk) or TargetEntry(report=report, target=given.target)
        changed = (row.value, row.date, row.source) != (given.value, given.date, single_line(given.source))
        if row.pk is None or changed:
            row.value, row.date, row.source = given.value, given.date, single_line(given.source)[:200]
            row._history_user = by  # type: ignore[attr-defined]
            row._change_reason = "saved with the report"  # type: ignore[attr-defined]
            row.save()
    kept_measures = {entry.measure_id: entry for entry in report.measure_entries.all()}
    for measure_given in measures:
        measure_row = kept_measures.get(measure_given.measure.pk) or MeasureEntry(
            report=report, measure=measure_given.measure
        )
        if measure_row.pk is None or measure_row.progress != measure_given.progress:
            measure_row.progress = measure_given.progress
            measure_row._history_user = by  # type: ignore[attr-defined]
            measure_row._change_reason = "saved with the report"  # type: ignore[attr-defined]
            measure_row.save()


def reported_progress(report: ProgressReport, measures: Sequence[MeasureInput]) -> int | None:
    """The project's progress the measures imply: the ledger's weighted roll-up, with the progress
    reported for a measure in place of its current one. ``None`` when no measure is reported."""
    given = {entry.measure.pk: entry.progress for entry in measures if entry.progress is not None}
    if not given:
        return None
    rows = report.project.measures.order_by().values_list("pk", "weight", "progress")
    rolled = weighted_progress((weight, given.get(pk, progress)) for pk, weight, progress in rows)
    return None if rolled is None else round(rolled)


@transaction.atomic
def entry_evidence_set(*, entry: TargetEntry, evidence: Evidence, by: User) -> TargetEntry:
    """Name ``evidence`` (a file kept on the same report) as the entry's: the lead unit's reform
    lead or clerk, while the report is a draft or returned."""
    report = ProgressReport.objects.select_for_update().get(pk=entry.report_id)
    _check_writable(report, by)
    if evidence.report_id != entry.report_id or evidence.archived_at is not None:
        raise ReportError(_("That file is not on this report."))
    entry.evidence = evidence
    entry._history_user = by  # type: ignore[attr-defined]
    entry._change_reason = "evidence"  # type: ignore[attr-defined]
    entry.save(update_fields=["evidence"])
    return entry


@transaction.atomic
def entry_evidence_add(*, entry: TargetEntry, by: User, upload: UploadedFile[bytes]) -> Evidence:
    """Keep ``upload`` as the evidence of a reported value (through ``evidence_add`` and its checks).

    A file the report keeps already (the same content, attached as general evidence, or for another
    target) is named again rather than refused as a copy.
    """
    if upload.size is None or upload.size <= max_upload_bytes():
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        kept = Evidence.objects.filter(
            report_id=entry.report_id, archived_at__isnull=True, sha256=digest.hexdigest()
        ).first()
        if kept is not None:
            entry_evidence_set(entry=entry, evidence=kept, by=by)
            return kept
    evidence = evidence_add(report=entry.report, by=by, upload=upload)
    entry_evidence_set(entry=entry, evidence=evidence, by=by)
    return evidence


def entries_apply(*, report: ProgressReport, by: User) -> bool:
    """Record the accepted report's figures in the ledger, as ``by`` (the accepting office).

    Each actual value becomes the target's value on its date; each measure's progress is set
    through ``measure_update``, which rolls the project's progress up from its measures. Returns
    whether any measure was reported (then the project's progress is the roll-up).
    """
    for entry in report.target_entries.select_related("target__project", "evidence"):
        if entry.value is None or entry.date is None:
            continue
        note = _("Progress report of %(unit)s, %(period)s") % {
            "unit": report.unit.name,
            "period": _chinese_date(report.period_start),
        }
        # the report's kept file is copied under the target, named as the clerk uploaded it
        kept = entry.evidence
        evidence = File(kept.file, name=kept.original_name) if kept is not None else None
        try:
            target_value_record(
                target=entry.target,
                by=by,
                date=entry.date,
                value=entry.value,
                note=note,
                source=entry.source,
                evidence=evidence,
            )
        except TargetValueRefused as exc:
            # e.g. the target already has a value on that date (another report, or the office):
            # replacing it would lose it without a trace, so the acceptance stops, undone whole
            raise ReportError(
                _("Target “%(target)s”: %(reason)s The report was not accepted; nothing was changed.")
                % {"target": entry.target.text, "reason": exc}
            ) from exc
    moved = False
    # each measure's project loaded afresh: measure_update compares the roll-up with its progress
    for measure_entry in report.measure_entries.select_related("measure"):
        if measure_entry.progress is None:
            continue
        measure_update(measure=measure_entry.measure, by=by, progress=measure_entry.progress)
        moved = True
    return moved
