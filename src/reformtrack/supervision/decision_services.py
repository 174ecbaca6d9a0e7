"""Writes of the decisions (表扬与问责决定): record, answer, follow up, close, revoke.

Each service is typed, keyword-only and atomic, checks its caller itself (``PermissionDenied``)
and leaves a history row naming who acted. A decision is never deleted: a mistaken one is revoked
with a reason, and it no longer counts in the appraisal (:func:`.selectors.decision_points`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.accounts.choices import Role
from reformtrack.accounts.permissions import role_of
from reformtrack.core.text import multi_line

from .choices import OPEN_DECISIONS, DecisionKind, DecisionStatus, IssuingOffice, SequenceKind
from .decision_models import POINT_LIMITS, DecisionFilePurpose
from .errors import SupervisionError
from .models import Decision, DecisionAttachment, DecisionFollowup
from .permissions import can_answer_decision, can_record_decisions
from .services import next_number
from .services_answer import checked_files

if TYPE_CHECKING:
    from collections.abc import Sequence

    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import UploadedFile

    from reformtrack.ledger.models import Project, Unit
    from reformtrack.reporting.evidence_services import CheckedFile

    from .selectors import AccountabilityRecord


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _text(value: str, message: str) -> str:
    value = multi_line(value).strip()
    if not value:
        raise SupervisionError(message)
    return value


def _save(decision: Decision | DecisionFollowup, by: User, reason: str) -> None:
    decision._history_user = by  # type: ignore[union-attr]
    decision._change_reason = reason  # type: ignore[union-attr]
    decision.save()


def _store_files(decision: Decision, files: list[CheckedFile], purpose: str, by: User) -> None:
    for file in files:
        attachment = DecisionAttachment(
            decision=decision,
            purpose=purpose,
            original_name=file.name,
            content_type=file.kind.mime,
            size=len(file.content),
            sha256=file.sha256,
            uploaded_by=by,
        )
        attachment.file.save(f"{file.sha256}.{file.kind.extension}", ContentFile(file.content), save=False)
        attachment._history_user = by  # type: ignore[attr-defined]
        attachment.save()


def record_snapshot(record: AccountabilityRecord, as_of: dt.date) -> dict[str, Any]:
    """The accountability record as stored with a decision: what it listed that day, in words and
    dates, so that the evidence stays as it was when the projects and orders move on."""
    return {
        "as_of": as_of.isoformat(),
        "overdue_projects": [
            {
                "id": project.pk,
                "label": project.label,
                "title": project.title,
                "deadline": project.deadline.isoformat() if project.deadline else "",
            }
            for project in record.overdue_projects
        ],
        "unanswered_orders": [
            {
                "id": order.pk,
                "number": order.number,
                "project": str(order.project),
                "response_due": order.response_due.isoformat(),
            }
            for order in record.unanswered_orders
        ],
    }


def check_points(kind: str, points: Decimal) -> Decimal:
    """``points`` if within the limits of ``kind`` (:data:`POINT_LIMITS`), else ``SupervisionError``."""
    low, high = POINT_LIMITS[kind]
    if not low <= points <= high:
        raise SupervisionError(
            _("The appraisal points of this kind of decision lie between %(low)s and %(high)s.")
            % {"low": low, "high": high}
        )
    return points


@transaction.atomic
def decision_record(
    *,
    by: User,
    kind: str,
    unit: Unit,
    reason: str,
    points: Decimal,
    projects: Sequence[Project] = (),
    evidence: str = "",
    record: AccountabilityRecord | None = None,
    deadline: dt.date | None = None,
    uploads: Sequence[UploadedFile[bytes]] = (),
) -> Decision:
    """Record a decision about ``unit`` with the next number of the year (罗督决〔2014〕3号).

    The supervision office or the coordinating office only; the issuing office follows the role.
    ``record`` is the accountability record it comes from (stored as a snapshot), ``None`` for a
    decision by hand. ``points`` is its effect on the appraisal within the kind's limits; a
    rectification (责令整改) needs a ``deadline`` from today on. The files back the decision and
    meet the evidence rules (refused: nothing is written).
    """
    _require(can_record_decisions(by))
    if kind not in DecisionKind.values:
        raise SupervisionError(_("Unknown kind of decision %(kind)r.") % {"kind": kind})
    reason = _text(reason, _("A decision needs a reason."))
    points = check_points(kind, points)
    today = timezone.localdate()
    if kind == DecisionKind.RECTIFICATION:
        if deadline is None or deadline < today:
            raise SupervisionError(_("A rectification needs a deadline from today on."))
    else:
        deadline = None
    files = checked_files(uploads)
    decision = Decision(
        year=today.year,
        sequence=next_number(SequenceKind.DECISION, today.year),
        kind=kind,
        unit=unit,
        issuing_office=(
            IssuingOffice.SUPERVISION if role_of(by) == Role.SUPERVISION else IssuingOffice.COORDINATING
        ),
        reason=reason,
        evidence=multi_line(evidence).strip(),
        record={} if record is None else record_snapshot(record, today),
        points=points,
        deadline=deadline,
        decided_by=by,
        decided_on=today,
    )
    _save(decision, by, "issued")
    if projects:
        decision.projects.set(projects)
    _store_files(decision, files, DecisionFilePurpose.EVIDENCE, by)
    return decision


def _locked(decision: Decision) -> Decision:
    """The decision as stored now, locked for the rest of the transaction."""
    return Decision.objects.select_for_update().get(pk=decision.pk)


def _refuse_unless_open(decision: Decision) -> None:
    if decision.status not in OPEN_DECISIONS:
        raise SupervisionError(
            _("This decision is %(status)s; it cannot be changed that way.")
            % {"status": decision.get_status_display()}
        )


@transaction.atomic
def decision_answer(
    *, by: User, decision: Decision, text: str, uploads: Sequence[UploadedFile[bytes]] = ()
) -> Decision:
    """The unit's reform lead or clerk answers a decision about their unit, once, with files
    backing the answer if it has them (checked like an order's answer)."""
    _require(can_answer_decision(by, decision))
    text = _text(text, _("An answer needs a text."))
    files = checked_files(uploads)
    decision = _locked(decision)
    if decision.status != DecisionStatus.ISSUED:
        raise SupervisionError(
            _("This decision is %(status)s; it takes no answer.") % {"status": decision.get_status_display()}
        )
    decision.answer = text
    decision.answered_by = by
    decision.answered_at = timezone.now()
    decision.status = DecisionStatus.ANSWERED
    _save(decision, by, "answered")
    _store_files(decision, files, DecisionFilePurpose.ANSWER, by)
    return decision


@transaction.atomic
def followup_add(*, by: User, decision: Decision, note: str) -> DecisionFollowup:
    """The offices note how an open rectification goes (跟踪督查)."""
    _require(can_record_decisions(by))
    note = _text(note, _("A follow-up needs a note."))
    decision = _locked(decision)
    if decision.kind != DecisionKind.RECTIFICATION:
        raise SupervisionError(_("Only a rectification is followed up."))
    _refuse_unless_open(decision)
    followup = DecisionFollowup(decision=decision, note=note, written_by=by)
    _save(followup, by, "created")
    return followup


@transaction.atomic
def rectification_close(*, by: User, decision: Decision, note: str) -> Decision:
    """The offices verify an open rectification as done and close it (整改销号), with a note saying
    what they checked; the note is kept as the last follow-up."""
    _require(can_record_decisions(by))
    note = _text(note, _("Say what was verified."))
    decision = _locked(decision)
    if decision.kind != DecisionKind.RECTIFICATION:
        raise SupervisionError(_("Only a rectification is closed."))
    _refuse_unless_open(decision)
    _save(DecisionFollowup(decision=decision, note=note, closes=True, written_by=by), by, "created")
    decision.status = DecisionStatus.CLOSED
    decision.closed_by = by
    decision.closed_at = timezone.now()
    _save(decision, by, "closed")
    return decision


@transaction.atomic
def decision_revoke(*, by: User, decision: Decision, reason: str) -> Decision:
    """The offices revoke a decision made in error, with a reason; it stays on record, no longer
    counts in the appraisal and takes no answer or follow-up."""
    _require(can_record_decisions(by))
    reason = _text(reason, _("Say why the decision is revoked."))
    decision = _locked(decision)
    if decision.status == DecisionStatus.REVOKED:
        raise SupervisionError(_("This decision is revoked already."))
    decision.status = DecisionStatus.REVOKED
    decision.revoked_by = by
    decision.revoked_at = timezone.now()
    decision.revoke_reason = reason
    # the history shows what was typed (core/change_reasons.py): the reason says why it was revoked
    _save(decision, by, reason[:100])
    return decision
