"""Writes of the supervision app: typed, keyword-only, atomic, permission-checked, with history."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.accounts.choices import Role
from reformtrack.accounts.permissions import role_of
from reformtrack.ledger.models import Measure, Project, Unit
from reformtrack.ledger.services import project_update

from .choices import NEXT_GRADE, OPEN_STATUSES, ExtensionStatus, IssuingOffice, OrderGrade, OrderStatus
from .errors import SupervisionError
from .models import ExtensionRequest, SupervisionOrder, SupervisionSequence
from .permissions import (
    can_decide_extensions,
    can_issue_orders,
    can_respond_order,
    lead_unit_of,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# How long a unit has to answer an escalated order.
ESCALATION_RESPONSE_DAYS = 7


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _text(value: str, message: str) -> str:
    value = value.strip()
    if not value:
        raise SupervisionError(message)
    return value


def next_order_number(year: int) -> int:
    """Give out the next sequence number of ``year``; call inside a transaction.

    The year's row is created if missing (a conflict-ignoring insert, so two first orders of a year
    do not collide) and then locked with ``SELECT … FOR UPDATE``: concurrent issuers queue on the
    lock and each gets its own number. The unique constraint on (year, sequence) is the backstop.
    """
    SupervisionSequence.objects.bulk_create([SupervisionSequence(year=year, last=0)], ignore_conflicts=True)
    row = SupervisionSequence.objects.select_for_update().get(year=year)
    row.last += 1
    row.save(update_fields=["last"])
    return row.last


def _save(instance: SupervisionOrder | ExtensionRequest, by: User, reason: str) -> None:
    instance._history_user = by  # type: ignore[union-attr]
    instance._change_reason = reason  # type: ignore[union-attr]
    instance.save()


@transaction.atomic
def order_issue(
    *,
    by: User,
    unit: Unit,
    project: Project,
    measure: Measure | None = None,
    reason: str,
    requirements: str,
    response_due: dt.date,
    grade: str,
    escalated_from: SupervisionOrder | None = None,
) -> SupervisionOrder:
    """Issue a supervision order (督办单) with the next number of the year.

    The coordinating office or the supervision office only (``PermissionDenied`` otherwise); the
    issuing office follows the issuer's role. ``measure`` must belong to ``project``.
    """
    _require(can_issue_orders(by))
    if measure is not None and measure.project_id != project.pk:
        raise SupervisionError(_("The measure does not belong to the project."))
    if grade not in OrderGrade.values:
        raise SupervisionError(_("Unknown grade %(grade)r.") % {"grade": grade})
    reason = _text(reason, _("An order needs a reason."))
    requirements = _text(requirements, _("An order needs requirements."))
    year = timezone.localdate().year
    order = SupervisionOrder(
        year=year,
        sequence=next_order_number(year),
        issued_by=by,
        issuing_office=(
            IssuingOffice.SUPERVISION if role_of(by) == Role.SUPERVISION else IssuingOffice.COORDINATING
        ),
        unit=unit,
        project=project,
        measure=measure,
        reason=reason,
        requirements=requirements,
        response_due=response_due,
        grade=grade,
        escalated_from=escalated_from,
    )
    _save(order, by, "issued")
    return order


def _locked(order: SupervisionOrder) -> SupervisionOrder:
    """The order as stored now, locked for the rest of the transaction (two offices acting at once)."""
    return SupervisionOrder.objects.select_for_update().get(pk=order.pk)


@transaction.atomic
def order_respond(*, by: User, order: SupervisionOrder, text: str) -> SupervisionOrder:
    """The addressed unit's reform lead or clerk answers an issued order."""
    _require(can_respond_order(by, order))
    text = _text(text, _("A response needs a text."))
    order = _locked(order)
    if order.status != OrderStatus.ISSUED:
        raise SupervisionError(
            _("This order is %(status)s; it takes no response.") % {"status": order.get_status_display()}
        )
    order.response = text
    order.responded_by = by
    order.responded_at = timezone.now()
    order.status = OrderStatus.ANSWERED
    _save(order, by, "answered")
    return order


@transaction.atomic
def order_close(*, by: User, order: SupervisionOrder) -> SupervisionOrder:
    """Close out (销号) an open order: the issuing side (coordinating or supervision office)."""
    _require(can_issue_orders(by))
    order = _locked(order)
    if order.status not in OPEN_STATUSES:
        raise SupervisionError(
            _("This order is %(status)s already.") % {"status": order.get_status_display()}
        )
    order.status = OrderStatus.CLOSED
    order.closed_by = by
    order.closed_at = timezone.now()
    _save(order, by, "closed")
    return order


@transaction.atomic
def order_escalate(*, by: User, order: SupervisionOrder, reason: str) -> SupervisionOrder:
    """Escalate an open order: it is marked escalated and a new order of the next grade refers to it.

    The new order keeps the unit, project, measure and requirements, gives ``reason`` as its reason
    and is due :data:`ESCALATION_RESPONSE_DAYS` days from today. A red order cannot go higher.
    Returns the new order.
    """
    _require(can_issue_orders(by))
    reason = _text(reason, _("An escalation needs a reason."))
    order = _locked(order)
    if order.status not in OPEN_STATUSES:
        raise SupervisionError(
            _("This order is %(status)s already.") % {"status": order.get_status_display()}
        )
    grade = NEXT_GRADE.get(OrderGrade(order.grade))
    if grade is None:
        raise SupervisionError(_("A red order cannot be escalated further."))
    order.status = OrderStatus.ESCALATED
    _save(order, by, "escalated")
    return order_issue(
        by=by,
        unit=order.unit,
        project=order.project,
        measure=order.measure,
        reason=reason,
        requirements=order.requirements,
        response_due=timezone.localdate() + dt.timedelta(days=ESCALATION_RESPONSE_DAYS),
        grade=grade,
        escalated_from=order,
    )


@transaction.atomic
def extension_request(
    *,
    by: User,
    project: Project,
    measure: Measure | None = None,
    requested_deadline: dt.date,
    reasons: str,
) -> ExtensionRequest:
    """A lead unit's reform lead or clerk asks for a later deadline of a project or one of its measures."""
    unit = lead_unit_of(by, project)
    _require(unit is not None)
    assert unit is not None
    if measure is not None and measure.project_id != project.pk:
        raise SupervisionError(_("The measure does not belong to the project."))
    reasons = _text(reasons, _("An extension request needs reasons."))
    original = measure.deadline if measure is not None else project.deadline
    if original is not None and requested_deadline <= original:
        raise SupervisionError(_("The requested deadline must be later than the current one."))
    request = ExtensionRequest(
        project=project,
        measure=measure,
        unit=unit,
        requested_by=by,
        original_deadline=original,
        requested_deadline=requested_deadline,
        reasons=reasons,
    )
    _save(request, by, "requested")
    return request


@transaction.atomic
def extension_decide(*, by: User, request: ExtensionRequest, approve: bool, comment: str) -> ExtensionRequest:
    """The coordinating office approves or rejects a pending request.

    On approval the deadline moves: a project's through the ledger's ``project_update`` (a new
    version and history row of the project); a measure's by saving the measure with its history
    (the ledger has no service for a measure's deadline). The request keeps the original date.
    """
    _require(can_decide_extensions(by))
    request = (
        ExtensionRequest.objects.select_for_update(of=("self",))
        .select_related("project", "measure")
        .get(pk=request.pk)
    )
    if request.status != ExtensionStatus.PENDING:
        raise SupervisionError(_("This request is decided already."))
    comment = comment.strip()
    if not approve and not comment:
        raise SupervisionError(_("Say why the request is rejected."))
    request.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REJECTED
    request.decided_by = by
    request.decided_at = timezone.now()
    request.decision_comment = comment
    _save(request, by, request.status)
    if approve:
        new = request.requested_deadline
        printed = _("%(date)s (extended)") % {"date": new.isoformat()}
        if request.measure is not None:
            measure = request.measure
            measure.deadline = new
            measure.deadline_text = printed
            measure._history_user = by  # type: ignore[attr-defined]
            measure._change_reason = "deadline extended"  # type: ignore[attr-defined]
            measure.save(update_fields=["deadline", "deadline_text"])
        else:
            project = request.project
            project_update(
                project=project, by=by, version=project.version, deadline=new, deadline_text=printed
            )
    return request
