"""Writes of the appraisal: schemes, bonus claims, computing, publishing and closing a year's
appraisal, appeals and their decisions. Each is one transaction that checks its caller (``by``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from reformtrack.core.versioned import versioned_update
from reformtrack.ingest.filetypes import zip_unpacked_size
from reformtrack.ledger.models import Unit
from reformtrack.reporting.evidence import ACCEPTED, ZIPPED_OFFICE, accepted_kind
from reformtrack.reporting.evidence_services import max_upload_bytes

from .choices import AppealStatus, RunStatus
from .components import default_weights, offered
from .errors import AppraisalError
from .models import Adjustment, Appeal, BonusClaim, Result, Run, Scheme
from .permissions import can_appeal, can_manage_appraisal, can_view_result
from .selectors import rank, score_units

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import UploadedFile

_MB = 1024 * 1024


def _office(by: User) -> None:
    if not can_manage_appraisal(by):
        raise PermissionDenied


def scheme_create(*, year: int, by: User) -> Scheme:
    """Start the scheme of ``year`` with the default weights (the office)."""
    _office(by)
    with transaction.atomic():
        if Scheme.objects.filter(year=year).exists():
            raise AppraisalError(_("The scheme of %(year)d exists already.") % {"year": year})
        scheme = Scheme(year=year, weights=default_weights(), created_by=by)
        scheme._history_user = by  # type: ignore[attr-defined]
        scheme.save()
    return scheme


def scheme_update(
    *, scheme: Scheme, weights: dict[str, int], bonus_cap: Decimal, appeal_days: int, version: int, by: User
) -> Scheme:
    """Set the components' weights (0 turns one off), the bonus cap and the appeal window. Refused
    once the year's appraisal is published, and when someone saved the scheme in between."""
    _office(by)
    keys = {component.key for component in offered()}
    if set(weights) - keys:
        raise AppraisalError(_("A component that is not offered cannot be turned on."))
    with transaction.atomic():
        if Run.objects.filter(scheme=scheme).exclude(status=RunStatus.COMPUTED).exists():
            raise AppraisalError(_("The appraisal of this year is published; its scheme is fixed."))
        changed = versioned_update(
            Scheme.objects.all(),
            pk=scheme.pk,
            version=version,
            weights={key: weights.get(key, 0) for key in keys},
            bonus_cap=bonus_cap,
            appeal_days=appeal_days,
        )
        if not changed:
            raise AppraisalError(_("Someone saved the scheme after you opened it; open it again."))
        scheme.refresh_from_db()
        Scheme.history.bulk_history_create([scheme], update=True, default_user=by)  # the UPDATE wrote none
    return scheme


def bonus_claim_add(
    *, year: int, unit: Unit, description: str, points: Decimal, evidence: str, approved: bool, by: User
) -> BonusClaim:
    """List a reform achievement of a unit for the year's bonus points (the office)."""
    _office(by)
    if points <= 0:
        raise AppraisalError(_("Points must be more than zero."))
    with transaction.atomic():
        claim = BonusClaim(
            year=year,
            unit=unit,
            description=description.strip(),
            points=points,
            evidence=evidence.strip(),
            approved=approved,
            created_by=by,
        )
        claim._history_user = by  # type: ignore[attr-defined]
        claim.save()
    return claim


def bonus_claim_approve(*, claim: BonusClaim, approved: bool, by: User) -> BonusClaim:
    """Count a listed achievement in the bonus, or stop counting it (the office)."""
    _office(by)
    with transaction.atomic():
        claim.approved = approved
        claim._history_user = by  # type: ignore[attr-defined]
        claim.save(update_fields=["approved"])
    return claim


def _as_of(year: int) -> dt.date:
    return min(timezone.localdate(), dt.date(year, 12, 31))


def appraisal_compute(*, scheme: Scheme, by: User, as_of: dt.date | None = None) -> Run:
    """Compute the year's appraisal from its data and freeze every unit's result (the office).

    The data each score comes from are stored with it, so a published score never moves. A
    computed appraisal is computed again from fresh data; a published one is refused.
    """
    _office(by)
    as_of = as_of or _as_of(scheme.year)
    with transaction.atomic():
        run = Run.objects.select_for_update().filter(year=scheme.year).first()
        if run is not None and run.status != RunStatus.COMPUTED:
            raise AppraisalError(
                _("The appraisal of %(year)d is published; it is not computed again.") % {"year": scheme.year}
            )
        scores = score_units(year=scheme.year, as_of=as_of, weights=scheme.weights, cap=scheme.bonus_cap)
        if run is None:
            run = Run(scheme=scheme, year=scheme.year)
        else:
            for old in run.results.all():
                old._history_user = by  # type: ignore[attr-defined]
                old.delete()
        run.weights, run.bonus_cap, run.as_of = dict(scheme.weights), scheme.bonus_cap, as_of
        run.computed_at, run.computed_by = timezone.now(), by
        run._history_user = by  # type: ignore[attr-defined]
        run.save()
        results = [
            Result(
                run=run,
                unit_id=score.unit_id,
                group=score.group,
                components=score.components,
                bonus_claimed=score.bonus_claimed,
                bonus=score.bonus,
                bonus_items=score.bonus_items,
                total=score.total,
                rank=score.rank,
            )
            for score in scores
        ]
        bulk_create_with_history(results, Result, batch_size=500, default_user=by)
    return run


def appraisal_publish(*, run: Run, by: User) -> Run:
    """Publish the appraisal: units see their results and may appeal for the scheme's days (the office)."""
    _office(by)
    with transaction.atomic():
        run = Run.objects.select_for_update().select_related("scheme").get(pk=run.pk)
        if run.status != RunStatus.COMPUTED:
            raise AppraisalError(_("The appraisal is published already."))
        run.status, run.published_at, run.published_by = RunStatus.PUBLISHED, timezone.now(), by
        run.appeal_until = timezone.localdate() + dt.timedelta(days=run.scheme.appeal_days)
        run._history_user = by  # type: ignore[attr-defined]
        run.save()
    return run


def appraisal_close(*, run: Run, by: User) -> Run:
    """Close the appraisal once every appeal is decided: the results are final (the office)."""
    _office(by)
    with transaction.atomic():
        run = Run.objects.select_for_update().get(pk=run.pk)
        if run.status != RunStatus.PUBLISHED:
            raise AppraisalError(_("Only a published appraisal is closed."))
        if Appeal.objects.filter(result__run=run, status=AppealStatus.PENDING).exists():
            raise AppraisalError(_("Appeals are waiting for a decision; decide them first."))
        run.status = RunStatus.CLOSED
        run._history_user = by  # type: ignore[attr-defined]
        run.save()
    return run


def _attachment_content(upload: UploadedFile[bytes]) -> tuple[bytes, str, str]:
    """The upload's bytes, MIME type and extension, checked by the evidence files' rules."""
    name = upload.name or ""
    limit = max_upload_bytes()
    content = bytes(upload.read(limit + 1))
    if len(content) > limit:
        raise AppraisalError(
            _("%(name)s is larger than the limit of %(mb)d MB.") % {"name": name, "mb": limit // _MB}
        )
    if not content:
        raise AppraisalError(_("%(name)s is empty.") % {"name": name})
    kind = accepted_kind(content)
    if kind is None:
        raise AppraisalError(
            _("%(name)s is not a file we keep; accepted: %(types)s.") % {"name": name, "types": ACCEPTED}
        )
    if kind.mime in ZIPPED_OFFICE:
        try:
            unpacked = zip_unpacked_size(content)
        except zipfile.BadZipFile as exc:
            raise AppraisalError(_("%(name)s is damaged and cannot be opened.") % {"name": name}) from exc
        if unpacked > int(settings.REPORT_MAX_UNPACKED_MB) * _MB:
            raise AppraisalError(_("%(name)s would unpack to more than the limit.") % {"name": name})
    return content, kind.mime, kind.extension


def appeal_submit(
    *, result: Result, reasons: str, by: User, attachment: UploadedFile[bytes] | None = None
) -> Appeal:
    """A unit objects to its result with reasons and, if it has one, an attachment (the unit's reform
    lead or clerk, within the appeal window, one appeal waiting at a time)."""
    if not can_view_result(by, result):
        raise Http404("no such result")
    if not can_appeal(by, result):
        raise PermissionDenied
    if not reasons.strip():
        raise AppraisalError(_("Give the reasons of the appeal."))
    appeal = Appeal(result=result, reasons=reasons.strip(), submitted_by=by)
    if attachment is not None:
        content, mime, extension = _attachment_content(attachment)
        appeal.attachment_name, appeal.attachment_type = (attachment.name or "")[:255], mime
        appeal.attachment.save(
            f"{hashlib.sha256(content).hexdigest()}.{extension}", ContentFile(content), save=False
        )
    appeal._history_user = by  # type: ignore[attr-defined]
    with transaction.atomic():
        appeal.save()
    return appeal


def appeal_decide(*, appeal: Appeal, upheld: bool, points: Decimal, reason: str, by: User) -> Appeal:
    """The office decides an appeal with its reason; an upheld appeal changes the score by ``points``
    (an :class:`Adjustment` with the totals before and after) and the group is ranked again."""
    _office(by)
    if not reason.strip():
        raise AppraisalError(_("Give the reason of the decision."))
    if upheld and not points:
        raise AppraisalError(_("An upheld appeal changes the score: give the points."))
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().select_related("result__run").get(pk=appeal.pk)
        if appeal.status != AppealStatus.PENDING:
            raise AppraisalError(_("The appeal is decided already."))
        appeal.status = AppealStatus.UPHELD if upheld else AppealStatus.REJECTED
        appeal.decided_by, appeal.decided_at, appeal.decision_reason = by, timezone.now(), reason.strip()
        appeal._history_user = by  # type: ignore[attr-defined]
        appeal.save()
        if upheld:
            _adjust(appeal=appeal, points=points, reason=reason.strip(), by=by)
    return appeal


def _adjust(*, appeal: Appeal, points: Decimal, reason: str, by: User) -> None:
    result = Result.objects.select_for_update().get(pk=appeal.result_id)
    before = result.total
    result.adjustment += points
    result.total += points
    adjustment = Adjustment(
        result=result,
        appeal=appeal,
        points=points,
        total_before=before,
        total_after=result.total,
        reason=reason,
        by=by,
    )
    adjustment._history_user = by  # type: ignore[attr-defined]
    adjustment.save()
    result._history_user = by  # type: ignore[attr-defined]
    result.save(update_fields=["adjustment", "total"])
    group = list(Result.objects.select_for_update().filter(run_id=result.run_id, group=result.group))
    old = {member.pk: member.rank for member in group}
    rank(group)
    for member in group:
        if member.rank != old[member.pk]:
            member._history_user = by  # type: ignore[attr-defined]
            member.save(update_fields=["rank"])
