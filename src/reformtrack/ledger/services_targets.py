"""Writes of a target's actual values (实际值) and its baseline and form: the coordinating office's.

A lead unit's values reach the ledger through its progress report, when the office accepts it (the
reporting app calls :func:`target_value_record` as the accepting office), as progress does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.core.text import multi_line, single_line
from reformtrack.ingest.filetypes import DOCX, EVIDENCE_TYPES, XLSX, evidence_kind, zip_unpacked_size

from . import achievement
from .choices import TargetForm
from .errors import StartHeld, TargetValueRefused
from .gate import ensure_may_start
from .models import Target, TargetValue
from .permissions import can_edit_project, can_move_progress
from .services_base import _require
from .signals import project_changed

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.core.files import File

__all__ = ["target_update", "target_value_record"]

_MB = 1024 * 1024
# DecimalField(max_digits=18, decimal_places=4): what a value may be at most
_LARGEST = Decimal("1e14")
_WHOLE_UNITS = frozenset({achievement.COUNT})


def _number(target: Target, value: Decimal | int | float | str) -> Decimal:
    """The value as a number in the target's unit, or a clear refusal."""
    if isinstance(value, str):
        parsed = achievement.parse_value(value, target.unit)
    else:
        try:
            parsed = Decimal(str(value))
        except InvalidOperation:
            parsed = None
    if parsed is None or not parsed.is_finite():
        raise TargetValueRefused(_("“%(value)s” is not a number.") % {"value": str(value)[:40]})
    if abs(parsed) >= _LARGEST:
        raise TargetValueRefused(_("%(value)s is too large a value.") % {"value": parsed})
    if achievement.kind_of(target.unit) in _WHOLE_UNITS and parsed != parsed.to_integral_value():
        raise TargetValueRefused(
            _("%(value)s is not a whole number; this target counts %(unit)s.")
            % {"value": parsed, "unit": target.unit}
        )
    return parsed.quantize(Decimal("0.0001"))


def _check_date(target: Target, date: dt.date) -> None:
    plan = target.project.plan
    first, last = plan.period_start, plan.period_end
    if (first and date.year < first) or (last and date.year > last):
        raise TargetValueRefused(
            _("%(date)s is outside the plan's years (%(first)s–%(last)s).")
            % {"date": date.isoformat(), "first": first or "…", "last": last or "…"}
        )


def _evidence(upload: File[bytes]) -> tuple[str, bytes, str, str]:
    """The upload's name, content, recognised MIME type and extension, or a clear refusal."""
    name = (upload.name or "file").replace("\\", "/").rsplit("/", 1)[-1][:255] or "file"
    limit = int(settings.REPORT_MAX_UPLOAD_MB) * _MB
    if (upload.size or 0) > limit:
        raise TargetValueRefused(_("%(name)s is larger than %(mb)d MB.") % {"name": name, "mb": limit // _MB})
    upload.seek(0)
    content = upload.read(limit + 1)
    if not content:
        raise TargetValueRefused(_("%(name)s is empty.") % {"name": name})
    if len(content) > limit:
        raise TargetValueRefused(_("%(name)s is larger than %(mb)d MB.") % {"name": name, "mb": limit // _MB})
    kind = evidence_kind(content)
    if kind is None:
        raise TargetValueRefused(
            _(
                "%(name)s is not a file type we accept (judged by its content, not its name); "
                "accepted: %(types)s."
            )
            % {"name": name, "types": ", ".join(EVIDENCE_TYPES.values())}
        )
    if kind.mime in (DOCX, XLSX) and zip_unpacked_size(content) > int(settings.REPORT_MAX_UNPACKED_MB) * _MB:
        raise TargetValueRefused(_("%(name)s unpacks to more than we read.") % {"name": name})
    return name, content, kind.mime, kind.extension


@transaction.atomic
def target_value_record(
    *,
    target: Target,
    date: dt.date,
    value: Decimal | int | float | str,
    by: User,
    note: str = "",
    source: str = "",
    evidence: File[bytes] | None = None,
) -> TargetValue:
    """Record a target's actual value as of a date, with its source and an evidence file.

    The coordinating office (:func:`can_move_progress`), as for progress; a lead unit's values come
    through its accepted report. ``value`` is a number or text as typed (``3000万`` for a target in
    亿元 is 0.3; the target's unit may follow the figure). ``evidence`` is an uploaded file or any
    Django ``File`` named as the user knows it (a report's kept file:
    ``File(evidence.file, name=evidence.original_name)``); its bytes are copied under the target. Refused with
    :class:`~.errors.TargetValueRefused`, storing nothing: a value that is not a number (or not whole
    for a count), a date outside the plan's years, a date that has a value already (values are
    history: a wrong one is corrected by the office in the admin, with its history), an evidence file
    of a type we do not keep (judged by its content), empty or too large. The project's light is
    judged again (:data:`.signals.project_changed`): a target behind its path makes it yellow.
    """
    project = target.project
    _require(can_edit_project(by, project) and can_move_progress(by, project))
    try:
        ensure_may_start(project)
    except StartHeld as exc:  # the value page shows a TargetValueRefused's message
        raise TargetValueRefused(str(exc)) from exc
    number = _number(target, value)
    _check_date(target, date)
    if TargetValue.objects.filter(target=target, date=date).exists():
        raise TargetValueRefused(
            _("A value as of %(date)s is already recorded for this target.") % {"date": date.isoformat()}
        )
    row = TargetValue(
        target=target,
        date=date,
        value=number,
        note=multi_line(note).strip(),
        source=single_line(source)[:200],
        entered_by=by,
        entered_at=timezone.now(),
    )
    if evidence is not None:
        name, content, mime, extension = _evidence(evidence)
        row.evidence_name, row.evidence_type = name, mime
        row.evidence.save(
            f"{hashlib.sha256(content).hexdigest()}.{extension}", ContentFile(content), save=False
        )
    row._history_user = by  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:  # the same date, entered at the same moment by a colleague
        if row.evidence:
            row.evidence.delete(save=False)
        raise TargetValueRefused(
            _("A value as of %(date)s is already recorded for this target.") % {"date": date.isoformat()}
        ) from exc
    project_changed.send(sender=type(project), project=project, by=by)
    return row


@transaction.atomic
def target_update(
    *,
    target: Target,
    by: User,
    form: str,
    baseline: Decimal | str | None,
    baseline_date: dt.date | None,
) -> Target:
    """Set how a target's figure is read and where it starts from (the coordinating office).

    A baseline is a number (typed as for a value) with its date; a change from the baseline
    (``decrease``, ``increase``) is computed only once it has one.
    """
    project = target.project
    _require(can_edit_project(by, project) and can_move_progress(by, project))
    if form not in TargetForm.values:
        raise TargetValueRefused(_("Unknown form %(form)r.") % {"form": form})
    number = None if baseline in (None, "") else _number(target, baseline)
    if number is not None and baseline_date is None:
        raise TargetValueRefused(_("A baseline needs the date it was measured on."))
    target.form, target.baseline, target.baseline_date = (
        form,
        number,
        baseline_date if number is not None else None,
    )
    target._history_user = by  # type: ignore[attr-defined]
    target.save(update_fields=["form", "baseline", "baseline_date"])
    project_changed.send(sender=type(project), project=project, by=by)
    return target
