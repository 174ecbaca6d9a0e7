"""The public summary (对外公开摘要) of a progress report: the lead unit writes it, the office
approves it, and only then does the portal show it, and only for an accepted report. Changing an
approved summary withdraws the approval, so what is public is always what the office approved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.core.text import single_line

from .choices import ReportStatus
from .errors import ReportError
from .models import ProgressReport
from .permissions import can_review, can_write_report

if TYPE_CHECKING:
    from django.contrib.auth.models import User

SUMMARY_LENGTH = 500


@transaction.atomic
def public_summary_save(*, by: User, report: ProgressReport, text: str) -> ProgressReport:
    """The lead unit's (or the office's) public summary of ``report``; a change needs a new approval."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if not (can_review(by) or can_write_report(by, report)):
        raise PermissionDenied
    text = text.strip()
    if len(text) > SUMMARY_LENGTH:
        raise ReportError(_("A public summary has at most %(n)s characters.") % {"n": SUMMARY_LENGTH})
    if text == report.public_summary:
        return report
    report.public_summary = text
    report.public_summary_approved_at, report.public_summary_approved_by = None, None
    report._history_user = by  # type: ignore[attr-defined]
    report._change_reason = "public summary written"  # type: ignore[attr-defined]
    report.save(update_fields=["public_summary", "public_summary_approved_at", "public_summary_approved_by"])
    return report


@transaction.atomic
def public_summary_approve(*, by: User, report: ProgressReport, approve: bool = True) -> ProgressReport:
    """The office approves ``report``'s public summary for the portal (or withdraws the approval)."""
    if not can_review(by):
        raise PermissionDenied
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if approve:
        if not single_line(report.public_summary):
            raise ReportError(_("There is no public summary to approve."))
        if report.status != ReportStatus.ACCEPTED:
            raise ReportError(_("Only an accepted report's summary can be published."))
        report.public_summary_approved_at, report.public_summary_approved_by = timezone.now(), by
    else:
        report.public_summary_approved_at, report.public_summary_approved_by = None, None
    report._history_user = by  # type: ignore[attr-defined]
    reason = "public summary approved" if approve else "public summary withdrawn"
    report._change_reason = reason  # type: ignore[attr-defined]
    report.save(update_fields=["public_summary_approved_at", "public_summary_approved_by"])
    return report
