"""Writes of pre-decision studies: start, edit, submit, accept, return.

Every write checks its caller against :mod:`reformtrack.studies.permissions` (``PermissionDenied``),
refuses what the study's status does not allow (:class:`StudyError`), and is version-checked
(``core.versioned``): a save that started from an older version raises
:class:`ConcurrentStudyEdit`, naming who saved first, and writes nothing. The options, the
consultation record and the files are written by :mod:`reformtrack.studies.services_entries`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.core.text import multi_line, single_line
from reformtrack.core.versioned import last_save, versioned_update

from .choices import StudyStatus
from .errors import ConcurrentStudyEdit, StudyError
from .models import Study
from .permissions import can_edit_study, can_review_study, can_start_study, can_view_study

if TYPE_CHECKING:
    from collections.abc import Sequence

    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Project

__all__ = [
    "check_editable",
    "study_accept",
    "study_return",
    "study_start",
    "study_submit",
    "study_update",
    "versioned_write",
]

_REASON_LENGTH = 100  # django-simple-history's history_change_reason column


def check_editable(study: Study, by: User) -> None:
    """Refuse (``PermissionDenied``) a user who may not write the study, and (``StudyError``) a
    study whose status does not let them write it now."""
    if not can_view_study(by, study) or not can_start_study(by, study.project):
        raise PermissionDenied
    if not can_edit_study(by, study):
        raise StudyError(
            _("This study is %(status)s; it cannot be changed now.") % {"status": study.get_status_display()}
        )


def versioned_write(
    obj: models.Model,
    *,
    by: User,
    version: int,
    reason: str,
    queryset: models.QuerySet[Any] | None = None,
    **changes: object,
) -> None:
    """One ``UPDATE … WHERE version = …`` of ``obj`` bumping its version, and a history row naming
    ``by`` and ``reason``; a stale version raises :class:`ConcurrentStudyEdit`."""
    model = type(obj)
    rows = queryset if queryset is not None else model._default_manager.all()
    if not versioned_update(rows, pk=obj.pk, version=version, **changes):
        raise ConcurrentStudyEdit(*last_save(model, obj.pk))
    obj.refresh_from_db()
    obj._history_user = by  # type: ignore[attr-defined]
    obj._change_reason = reason[:_REASON_LENGTH]  # type: ignore[attr-defined]
    model.history.bulk_history_create(  # type: ignore[attr-defined]
        [obj], update=True, default_user=by, default_change_reason=reason[:_REASON_LENGTH]
    )


@transaction.atomic
def study_start(*, project: Project, by: User) -> Study:
    """Open the project's study as a draft (the office, or the lead unit's reform lead or clerk).

    A project has one study: when it has one already, that one is returned unchanged."""
    if not can_start_study(by, project):
        raise PermissionDenied
    found = Study.objects.filter(project=project).first()
    if found is not None:
        return found
    study = Study(project=project, created_by=by)
    study._history_user = by  # type: ignore[attr-defined]
    study._change_reason = "created"  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            study.save()
    except IntegrityError:  # a colleague opened it at the same moment
        return Study.objects.get(project=project)
    return study


def _max_length(field: str) -> int:
    return int(getattr(Study._meta.get_field(field), "max_length", 0) or 0)


_KEEP: Any = object()  # a field not given to study_update keeps its value


@transaction.atomic
def study_update(
    *,
    study: Study,
    by: User,
    version: int,
    background: str = _KEEP,
    decision_text: str = _KEEP,
    decision_date: dt.date | None = _KEEP,
    decision_body: str = _KEEP,
    decision_number: str = _KEEP,
    decision_title: str = _KEEP,
) -> Study:
    """Save the study's background and decision (text, date, deciding body or meeting, the
    decision document's number and title); a field not given keeps its value. ``version`` is the
    one the form was opened at."""
    check_editable(study, by)
    texts = {"background": background, "decision_text": decision_text}
    lines = {
        "decision_body": decision_body,
        "decision_number": decision_number,
        "decision_title": decision_title,
    }
    changes: dict[str, object] = {name: multi_line(v).strip() for name, v in texts.items() if v is not _KEEP}
    changes |= {name: single_line(v)[: _max_length(name)] for name, v in lines.items() if v is not _KEEP}
    if decision_date is not _KEEP:
        changes["decision_date"] = decision_date
    versioned_write(
        study,
        by=by,
        version=version,
        reason="edited",
        queryset=Study.objects.filter(status=study.status),  # a status moved on meanwhile is stale too
        **changes,
    )
    return study


def _missing_for_submission(study: Study) -> list[str]:
    missing = []
    if not study.background.strip():
        missing.append(_("the background"))
    if not study.options.filter(archived_at__isnull=True).exists():
        missing.append(_("at least one option considered"))
    if not study.consultations.filter(archived_at__isnull=True).exists():
        missing.append(_("at least one consultation"))
    if not study.decision_text.strip():
        missing.append(_("the decision"))
    return missing


@transaction.atomic
def study_submit(*, study: Study, by: User, version: int) -> Study:
    """Send the study to the coordinating office. It needs its background, an option considered,
    a consultation and the decision; a lead unit may change it no more until it comes back."""
    check_editable(study, by)
    if study.status == StudyStatus.SUBMITTED:
        raise StudyError(_("This study is submitted already."))
    missing = _missing_for_submission(study)
    if missing:
        raise StudyError(
            _("The study cannot be submitted without %(missing)s.") % {"missing": "、".join(missing)}
        )
    reason = "resubmitted" if study.status == StudyStatus.RETURNED else "submitted"
    versioned_write(
        study,
        by=by,
        version=version,
        reason=reason,
        queryset=Study.objects.filter(status=study.status),
        status=StudyStatus.SUBMITTED,
        submitted_by=by,
        submitted_at=timezone.now(),
    )
    return study


def _review(study: Study, by: User, version: int, reason: str, **changes: object) -> Study:
    if not can_view_study(by, study) or not can_review_study(by):
        raise PermissionDenied
    submitted: Sequence[str] = (StudyStatus.SUBMITTED,)
    if study.status not in submitted:
        raise StudyError(
            _("This study is %(status)s; only a submitted study is accepted or returned.")
            % {"status": study.get_status_display()}
        )
    versioned_write(
        study,
        by=by,
        version=version,
        reason=reason,
        queryset=Study.objects.filter(status__in=submitted),
        reviewed_by=by,
        reviewed_at=timezone.now(),
        **changes,
    )
    return study


@transaction.atomic
def study_accept(*, study: Study, by: User, version: int) -> Study:
    """The coordinating office accepts a submitted study; it is closed to edits from then on."""
    return _review(study, by, version, "accepted", status=StudyStatus.ACCEPTED, return_comment="")


@transaction.atomic
def study_return(*, study: Study, by: User, version: int, comment: str) -> Study:
    """The coordinating office sends a submitted study back to the lead unit with a comment saying
    what to change."""
    comment = multi_line(comment).strip()
    if not comment:
        raise StudyError(_("Say why the study is returned."))
    return _review(study, by, version, "returned", status=StudyStatus.RETURNED, return_comment=comment)
