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
from reformtrack.core.text import multi_line, single_line
from reformtrack.core.versioned import last_save, versioned_update
from reformtrack.jobs.choices import JobKind
from reformtrack.jobs.services import job_create, job_enqueue, job_progress
from reformtrack.ledger.models import Measure, Project, Unit
from reformtrack.ledger.services import project_update
from reformtrack.reporting.signals import send_after_commit

from .choices import (
    EDITABLE_BULLETIN,
    NEXT_GRADE,
    OPEN_STATUSES,
    BulletinStatus,
    ExtensionStatus,
    IssuingOffice,
    OrderGrade,
    OrderStatus,
    SequenceKind,
)
from .errors import ConcurrentBulletinEdit, SupervisionError
from .models import Bulletin, ExtensionRequest, SupervisionOrder, SupervisionSequence
from .permissions import (
    can_decide_extensions,
    can_issue_orders,
    can_respond_order,
    can_write_bulletins,
    lead_unit_of,
    unit_takes_part,
)
from .signals import bulletin_issued, extension_event, order_event

if TYPE_CHECKING:
    from collections.abc import Sequence

    from django.contrib.auth.models import User

    from reformtrack.jobs.models import Job

# How long a unit has to answer an escalated order.
ESCALATION_RESPONSE_DAYS = 7


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _text(value: str, message: str, *, one_line: bool = False) -> str:
    """``value`` stripped, refused when empty: a title on one line, a text without stray controls."""
    value = single_line(value) if one_line else multi_line(value).strip()
    if not value:
        raise SupervisionError(message)
    return value


def next_number(kind: str, year: int) -> int:
    """Give out the next sequence number of ``kind`` (orders, bulletins) in ``year``; call inside a
    transaction.

    The year's row is created if missing (a conflict-ignoring insert, so two first numbers of a year
    do not collide) and then locked with ``SELECT … FOR UPDATE``: concurrent issuers queue on the
    lock and each gets its own number. The unique constraints on (year, sequence) are the backstop.
    """
    SupervisionSequence.objects.bulk_create(
        [SupervisionSequence(kind=kind, year=year, last=0)], ignore_conflicts=True
    )
    row = SupervisionSequence.objects.select_for_update().get(kind=kind, year=year)
    row.last += 1
    row.save(update_fields=["last"])
    return row.last


def next_order_number(year: int) -> int:
    """The next supervision order number of ``year`` (see :func:`next_number`)."""
    return next_number(SequenceKind.ORDER, year)


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
    issuing office follows the issuer's role. ``measure`` must belong to ``project``, and ``unit``
    must take part in the project (:func:`unit_takes_part`): its people could not see the project
    otherwise.
    """
    _require(can_issue_orders(by))
    if measure is not None and measure.project_id != project.pk:
        raise SupervisionError(_("The measure does not belong to the project."))
    if not unit_takes_part(unit, project):
        raise SupervisionError(
            _("%(unit)s is not a lead unit or co-unit of this project; an order goes to a unit on it.")
            % {"unit": unit.name}
        )
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
    if escalated_from is None:  # an escalation announces itself, naming this order
        send_after_commit(order_event, sender=SupervisionOrder, order=order, event="issued", by=by)
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
    send_after_commit(order_event, sender=SupervisionOrder, order=order, event="answered", by=by)
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
    send_after_commit(order_event, sender=SupervisionOrder, order=order, event="closed", by=by)
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
    successor = order_issue(
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
    kwargs = {"order": order, "event": "escalated", "by": by, "successor": successor}
    send_after_commit(order_event, sender=SupervisionOrder, **kwargs)
    return successor


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
    send_after_commit(extension_event, sender=ExtensionRequest, request=request, event="requested", by=by)
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
    comment = multi_line(comment).strip()
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
    send_after_commit(extension_event, sender=ExtensionRequest, request=request, event="decided", by=by)
    return request


# --- bulletins (通报) ------------------------------------------------------------------------------

_REASON_LENGTH = 100  # django-simple-history's history_change_reason column


def _bulletin_write(
    bulletin: Bulletin,
    *,
    by: User | None,
    version: int,
    allowed: Sequence[str],
    reason: str,
    **changes: object,
) -> Bulletin:
    """One ``UPDATE … WHERE version = … AND status IN …`` bumping the version, and a history row.

    When no row matches, the bulletin's status moved on (``SupervisionError`` says how) or someone
    saved in between (``ConcurrentBulletinEdit`` names them); nothing is written either way.
    """
    if not versioned_update(
        Bulletin.objects.filter(status__in=allowed), pk=bulletin.pk, version=version, **changes
    ):
        current = Bulletin.objects.get(pk=bulletin.pk)
        if current.status not in allowed:
            raise SupervisionError(
                _("This bulletin is %(status)s; it cannot be changed that way.")
                % {"status": current.get_status_display()}
            )
        raise ConcurrentBulletinEdit(current, *last_save(Bulletin, bulletin.pk))
    bulletin.refresh_from_db()
    # simple-history prefers what an earlier save left on the instance over the defaults given here
    bulletin._history_user = by  # type: ignore[attr-defined]
    bulletin._change_reason = reason[:_REASON_LENGTH]  # type: ignore[attr-defined]
    Bulletin.history.bulk_history_create(
        [bulletin], update=True, default_user=by, default_change_reason=reason[:_REASON_LENGTH]
    )
    return bulletin


@transaction.atomic
def bulletin_create(*, by: User, title: str, period_start: dt.date, period_end: dt.date) -> Bulletin:
    """Start a bulletin of the period: stored as being generated, its sections gathered by a
    background job (:func:`bulletin_generate` through ``tasks.generate_bulletin``) whose page shows
    the progress. The two offices only."""
    _require(can_write_bulletins(by))
    title = _text(title, _("A bulletin needs a title."), one_line=True)
    if period_end < period_start:
        raise SupervisionError(_("The period ends before it starts."))
    job = job_create(kind=JobKind.BULLETIN, owner=by, message=_("Waiting for a worker…"))
    bulletin = Bulletin(
        title=title[:200], period_start=period_start, period_end=period_end, created_by=by, job=job
    )
    bulletin._history_user = by  # type: ignore[attr-defined]
    bulletin._change_reason = "created"  # type: ignore[attr-defined]
    bulletin.save()
    job.params = {"bulletin_id": bulletin.pk, "next_url": bulletin.get_absolute_url()}
    job.save(update_fields=["params"])
    job_enqueue(job=job)
    return bulletin


@transaction.atomic
def bulletin_regenerate(*, by: User, bulletin: Bulletin, version: int) -> Bulletin:
    """Gather a draft again from the data (its edits are replaced), or retry a generation whose job
    failed; a new job does it. The two offices only."""
    from reformtrack.jobs.choices import JobStatus

    _require(can_write_bulletins(by))
    stuck = bulletin.status == BulletinStatus.GENERATING and (
        bulletin.job is None or bulletin.job.status == JobStatus.FAILED
    )
    if bulletin.status != BulletinStatus.DRAFT and not stuck:
        raise SupervisionError(_("Only a draft, or a bulletin whose generation failed, is gathered again."))
    job = job_create(
        kind=JobKind.BULLETIN,
        owner=by,
        params={"bulletin_id": bulletin.pk, "next_url": bulletin.get_absolute_url()},
        message=_("Waiting for a worker…"),
    )
    bulletin = _bulletin_write(
        bulletin,
        by=by,
        version=version,
        allowed=(bulletin.status,),
        reason="regenerate",
        status=BulletinStatus.GENERATING,
        job=job,
    )
    job_enqueue(job=job)
    return bulletin


def bulletin_generate(
    *, bulletin: Bulletin, job: Job | None = None, today: dt.date | None = None
) -> Bulletin:
    """Gather the bulletin's sections from the data and store them as its draft.

    The sections are read outside any transaction, so that the job's progress (one step a section)
    shows while they are gathered; they are then written in one versioned ``UPDATE``. A bulletin
    issued in the meantime is left alone (``SupervisionError``). Called by the background task and
    by the benchmark; no user is checked here (:func:`bulletin_create` checked who asked).
    """
    from .bulletin import bulletin_sections

    def progress(done: int, total: int, heading: str) -> None:
        if job is not None:
            job_progress(job=job, done=done, total=total, message=heading)

    sections = bulletin_sections(
        start=bulletin.period_start, end=bulletin.period_end, today=today, progress=progress
    )
    with transaction.atomic():
        return _bulletin_write(
            bulletin,
            by=None,
            version=Bulletin.objects.values_list("version", flat=True).get(pk=bulletin.pk),
            allowed=(BulletinStatus.GENERATING, BulletinStatus.DRAFT),
            reason="generated",
            sections=[section.to_dict() for section in sections],
            status=BulletinStatus.DRAFT,
            generated_at=timezone.now(),
        )


@transaction.atomic
def bulletin_edit(
    *, by: User, bulletin: Bulletin, version: int, title: str, texts: Sequence[tuple[str, list[str]]]
) -> Bulletin:
    """Change a draft's title and each section's heading and paragraphs (the tables stay as
    generated). ``version`` is the one the form was opened at: a stale save raises
    ``ConcurrentBulletinEdit`` naming who saved first."""
    _require(can_write_bulletins(by))
    title = _text(title, _("A bulletin needs a title."), one_line=True)
    sections = list(bulletin.sections)
    if len(texts) != len(sections):
        raise SupervisionError(_("The sections do not match the bulletin; open it again."))
    edited = []
    for section, (heading, paragraphs) in zip(sections, texts, strict=True):
        heading = _text(heading, _("Every section needs a heading."), one_line=True)
        kept = [multi_line(text).strip() for text in paragraphs if multi_line(text).strip()]
        edited.append({**section, "heading": heading, "paragraphs": kept})
    return _bulletin_write(
        bulletin,
        by=by,
        version=version,
        allowed=EDITABLE_BULLETIN,
        reason="edited",
        title=title[:200],
        sections=edited,
    )


@transaction.atomic
def bulletin_issue(*, by: User, bulletin: Bulletin, version: int) -> Bulletin:
    """Issue a draft with the next bulletin number of the year (督查通报〔2014〕3号); it is no longer
    editable. The number is taken under the year's row lock like an order's."""
    _require(can_write_bulletins(by))
    if bulletin.status not in EDITABLE_BULLETIN:
        raise SupervisionError(_("Only a draft can be issued."))
    year = timezone.localdate().year
    send_after_commit(bulletin_issued, sender=Bulletin, bulletin=bulletin, by=by)  # sent if it commits
    return _bulletin_write(
        bulletin,
        by=by,
        version=version,
        allowed=EDITABLE_BULLETIN,
        reason="issued",
        status=BulletinStatus.ISSUED,
        year=year,
        sequence=next_number(SequenceKind.BULLETIN, year),
        issued_at=timezone.now(),
        issued_by=by,
    )


@transaction.atomic
def bulletin_publish(*, by: User, bulletin: Bulletin) -> Bulletin:
    """Publish an issued bulletin: every signed-in user, units included, may read it from now on."""
    _require(can_write_bulletins(by))
    if bulletin.status != BulletinStatus.ISSUED:
        raise SupervisionError(_("Only an issued bulletin can be published."))
    return _bulletin_write(
        bulletin,
        by=by,
        version=bulletin.version,
        allowed=(BulletinStatus.ISSUED,),
        reason="published",
        status=BulletinStatus.PUBLISHED,
        published_at=timezone.now(),
        published_by=by,
    )
