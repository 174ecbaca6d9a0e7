"""Writes of the case library. Every write goes through a keyword-only function here, in one transaction.

A case moves draft → submitted → approved, or submitted → returned → submitted again; the office
marks an approved case for publication (or takes the mark off) and archives any case. Every write
after the first names the case's ``version`` the user started from and is one ``UPDATE … WHERE
version = …`` (:mod:`reformtrack.core.versioned`): of two people acting at once, one wins and the
other gets :class:`~.errors.ConcurrentCaseEdit`. Who may do what is asked of :mod:`.permissions`
here, so no path skips the rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.core.text import multi_line, single_line
from reformtrack.core.versioned import last_save, versioned_update
from reformtrack.ledger.models import Project
from reformtrack.ledger.permissions import can_view_project

from .choices import UNIT_EDITABLE, CaseStatus
from .errors import CaseError, ConcurrentCaseEdit
from .figures import freeze_figures
from .models import Case
from .permissions import (
    can_archive_case,
    can_edit_case,
    can_review_case,
    can_submit_case,
    can_view_case,
    drafting_unit,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = [
    "case_approve",
    "case_archive",
    "case_create",
    "case_publish",
    "case_return",
    "case_submit",
    "case_update",
]

TEXTS = ("summary", "background", "actions", "results", "lessons")
LINES = ("title", "keywords")
_REASON_LENGTH = 100  # django-simple-history's history_change_reason column
# History reasons are codes (core/change_reasons.py words them in the reader's language): "edited",
# "submitted", "returned", "approved", "published"; "changed published" and "changed archived_at"
# name the field that changed.


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _require_visible(by: User, case: Case) -> None:
    if not can_view_case(by, case):
        raise Http404("no such case")


def _texts(fields: dict[str, Any]) -> dict[str, str]:
    """The case's texts made safe to store; a title is required."""
    unknown = set(fields) - set(TEXTS) - set(LINES)
    if unknown:
        raise TypeError(f"not a field of a case: {sorted(unknown)}")
    clean = {name: single_line(value) for name, value in fields.items() if name in LINES}
    clean.update({name: multi_line(value).strip() for name, value in fields.items() if name in TEXTS})
    if "title" in clean and not clean["title"]:
        raise CaseError(_("A case needs a title."))
    return clean


def _others(by: User, project: Project, others: Iterable[Project]) -> list[Project]:
    """The other projects of a case: ones the user may see, the case's own project left out."""
    chosen = [other for other in others if other.pk != project.pk]
    for other in chosen:
        _require(can_view_project(by, other))
    return chosen


def _write(case: Case, *, by: User, version: int, reason: str, **changes: Any) -> Case:
    """One ``UPDATE … WHERE version = …`` with the version bumped and a history row; refused if stale."""
    changes["updated_at"] = timezone.now()
    if not versioned_update(Case.objects.all(), pk=case.pk, version=version, **changes):
        raise ConcurrentCaseEdit(Case.objects.get(pk=case.pk), *last_save(Case, case.pk))
    case.refresh_from_db()
    Case.history.bulk_history_create(
        [case], update=True, default_user=by, default_change_reason=reason[:_REASON_LENGTH]
    )
    return case


def _require_status(case: Case, version: int, *allowed: str) -> None:
    """The case is in one of ``allowed``; a case moved on by someone else is a concurrent edit."""
    if case.status in allowed and case.archived_at is None:
        return
    if case.version != version:
        raise ConcurrentCaseEdit(case, *last_save(Case, case.pk))
    raise CaseError(
        _("The case is %(status)s; that cannot be done now.") % {"status": case.get_status_display()}
    )


@transaction.atomic
def case_create(*, project: Project, by: User, other_projects: Iterable[Project] = (), **texts: str) -> Case:
    """A new draft case about ``project``, written by its lead unit's reform lead or clerk; the texts
    are ``title`` (required), ``summary``, ``background``, ``actions``, ``results``, ``lessons`` and
    ``keywords``."""
    if not can_view_project(by, project):
        raise Http404("no such project")
    unit = drafting_unit(by, project)
    _require(unit is not None)
    clean = _texts({"title": "", **texts})
    case = Case(project=project, unit=unit, created_by=by, **clean)
    case.save()
    case.history.filter(history_type="+").update(history_user=by)
    case.other_projects.set(_others(by, project, other_projects))
    return case


@transaction.atomic
def case_update(
    *, case: Case, by: User, version: int, other_projects: Iterable[Project] | None = None, **texts: str
) -> Case:
    """Change the case's texts (and, given, its other projects): its unit while it is a draft or
    returned, the office until it approves it."""
    _require_visible(by, case)
    if not can_edit_case(by, case):
        if case.version != version and case.archived_at is None:
            raise ConcurrentCaseEdit(case, *last_save(Case, case.pk))
        raise PermissionDenied
    case = _write(case, by=by, version=version, reason="edited", **_texts(texts))
    if other_projects is not None:
        # the projects the user cannot see are not theirs to take off (a form never offers them)
        hidden = [other for other in case.other_projects.all() if not can_view_project(by, other)]
        case.other_projects.set([*_others(by, case.project, other_projects), *hidden])
    return case


@transaction.atomic
def case_submit(*, case: Case, by: User, version: int) -> Case:
    """The lead unit sends its draft (or the returned case, fixed) to the office."""
    _require_visible(by, case)
    _require_status(case, version, *UNIT_EDITABLE)
    _require(can_submit_case(by, case))
    return _write(
        case,
        by=by,
        version=version,
        reason="submitted",
        status=CaseStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )


@transaction.atomic
def case_return(*, case: Case, by: User, version: int, comment: str) -> Case:
    """The office sends a submitted case back to its unit, saying what to change."""
    _require_visible(by, case)
    _require(can_review_case(by))
    _require_status(case, version, CaseStatus.SUBMITTED)
    comment = multi_line(comment).strip()
    if not comment:
        raise CaseError(_("Say what the unit should change."))
    return _write(
        case, by=by, version=version, reason="returned", status=CaseStatus.RETURNED, return_comment=comment
    )


@transaction.atomic
def case_approve(*, case: Case, by: User, version: int) -> Case:
    """The office approves a submitted case; its figures are frozen as the ledger has them now."""
    _require_visible(by, case)
    _require(can_review_case(by))
    _require_status(case, version, CaseStatus.SUBMITTED)
    now = timezone.now()
    case = _write(
        case,
        by=by,
        version=version,
        reason="approved",
        status=CaseStatus.APPROVED,
        approved_at=now,
        approved_by=by,
        return_comment="",
    )
    freeze_figures(case, today=timezone.localdate(now))
    return case


@transaction.atomic
def case_publish(*, case: Case, by: User, version: int, published: bool = True) -> Case:
    """The office marks an approved case for publication on the public portal, or takes the mark off."""
    _require_visible(by, case)
    _require(can_review_case(by))
    _require_status(case, version, CaseStatus.APPROVED)
    reason = "published" if published else "changed published"
    return _write(case, by=by, version=version, reason=reason, published=published)


@transaction.atomic
def case_archive(*, case: Case, by: User, version: int) -> Case:
    """The office takes the case out of the library (archived, never deleted; no longer published)."""
    _require_visible(by, case)
    _require(can_archive_case(by))
    if case.archived_at is not None:
        raise CaseError(_("The case is archived already."))
    return _write(
        case,
        by=by,
        version=version,
        reason="changed archived_at",
        archived_at=timezone.now(),
        published=False,
    )
