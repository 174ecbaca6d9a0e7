"""Writes to the ledger. Every write goes through a keyword-only function here, in one transaction.

The plans' writes (import, replace, delete) live in :mod:`.services_import` and the unit registry's
(members, merge) in :mod:`.services_units`; their public functions are importable from here too.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from reformtrack.accounts.choices import Role
from reformtrack.accounts.permissions import can_manage_programme, role_of
from reformtrack.core.text import multi_line, single_line
from reformtrack.core.versioned import last_save, versioned_update

from .choices import ProjectStatus, UnitRole
from .errors import ConcurrentEdit, LedgerError
from .gate import ensure_may_start, starts
from .models import Measure, Milestone, Project, ProjectUnit, Unit
from .permissions import can_edit_project, can_move_progress
from .selectors import project_progress
from .services_base import _distinct, _record_history, _require
from .services_import import document_import, plan_delete, plan_import, units_resolve
from .services_planning import chapter_weights_set, check_start_date, measure_start_set, project_weights_set
from .services_tags import project_tags_set, tag_create, tag_update
from .services_targets import target_update, target_value_record
from .services_units import unit_alias_add, unit_alias_remove, unit_members_set, unit_merge, unit_rename
from .signals import project_changed

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.contrib.auth.models import User

__all__ = [
    "LIGHT_FIELDS",
    "MILESTONE_FIELDS",
    "PROJECT_EDIT_FIELDS",
    "PROJECT_MANAGE_FIELDS",
    "PROJECT_PROGRESS_FIELDS",
    "chapter_weights_set",
    "document_import",
    "measure_start_set",
    "measure_update",
    "milestone_create",
    "milestone_delete",
    "milestone_update",
    "plan_delete",
    "plan_import",
    "project_assign",
    "project_tags_set",
    "project_update",
    "project_weights_set",
    "tag_create",
    "tag_update",
    "target_update",
    "target_value_record",
    "unit_alias_add",
    "unit_alias_remove",
    "unit_members_set",
    "unit_merge",
    "unit_rename",
    "units_resolve",
]

# ---------------------------------------------------------------------------------------------------
# The programme: editing projects, assigning them, milestones, progress, target values, units.
# Every service checks its caller against the permissions (PermissionDenied: a view's 403) and
# writes its history rows with ``by`` as the user.

# Fields of a project that whoever may edit it may change; those that say how far it is (moved only
# by the coordinating office, or by a report the office accepts: see can_move_progress); and those
# only the coordinating office may change.
PROJECT_EDIT_FIELDS = frozenset({"title", "text"})
PROJECT_PROGRESS_FIELDS = frozenset({"status", "progress", "progress_note", "deadline", "deadline_text"})
PROJECT_MANAGE_FIELDS = frozenset({"weight", "needs_review", "review_reasons", "is_safeguard", "start_date"})
MILESTONE_FIELDS = frozenset({"date", "title", "done", "position"})
# Fields a project's status light depends on: changing one judges the project again.
LIGHT_FIELDS = frozenset({"status", "progress", "deadline"})


def _clean_texts(changes: dict[str, Any], *, single: tuple[str, ...], multi: tuple[str, ...] = ()) -> None:
    """One-line fields on one line (and stripped), running texts without stray control characters."""
    for name in set(single) & changes.keys():
        if changes[name] is not None:  # None stays for the model to accept or refuse
            changes[name] = single_line(changes[name])
    for name in set(multi) & changes.keys():
        if changes[name] is not None:
            changes[name] = multi_line(changes[name])


def _check_project_changes(changes: dict[str, Any]) -> None:
    unknown = set(changes) - PROJECT_EDIT_FIELDS - PROJECT_PROGRESS_FIELDS - PROJECT_MANAGE_FIELDS
    if unknown:
        raise TypeError(f"project_update() cannot change {', '.join(sorted(unknown))}")
    _clean_texts(changes, single=("title", "deadline_text"), multi=("text", "progress_note"))
    if "title" in changes and not changes["title"]:
        raise LedgerError(_("A project needs a title."))
    if "progress" in changes and not 0 <= int(changes["progress"]) <= 100:
        raise LedgerError(_("Progress is a percentage from 0 to 100."))
    if "status" in changes and changes["status"] not in ProjectStatus.values:
        raise LedgerError(_("Unknown status %(status)r.") % {"status": changes["status"]})
    if "weight" in changes and Decimal(changes["weight"]) < 0:
        raise LedgerError(_("A weight cannot be negative."))


def _concurrent_edit(project_id: int) -> ConcurrentEdit:
    current = Project.objects.select_related("leader").get(pk=project_id)
    return ConcurrentEdit(current, *last_save(Project, project_id))


@transaction.atomic
def project_update(
    *, project: Project, by: User, version: int, announce: bool = True, **changes: Any
) -> Project:
    """Change a project's fields, refusing to overwrite a save the user has not seen.

    ``version`` is the project's version the user started from. The write is one
    ``UPDATE … WHERE version = <version>`` that also increments the version: if someone saved in
    between, it matches no row, nothing is written and :class:`ConcurrentEdit` says who saved first.
    Fields in ``PROJECT_EDIT_FIELDS`` need :func:`can_edit_project`; those in
    ``PROJECT_PROGRESS_FIELDS`` (progress, status, deadline) :func:`can_move_progress` too, so a
    lead unit cannot mark its own project done and skip review (its accepted reports move them:
    ``report_accept`` calls this as the accepting office); those in ``PROJECT_MANAGE_FIELDS`` the
    coordinating office. Fields passed unchanged need nothing more than the edit right.
    A change of progress, status or deadline sends :data:`.signals.project_changed` (the status app
    judges the light again), unless ``announce`` is false: for a caller from an app above the ledger
    that answers the change itself (``report_accept`` judges the light once, as its acceptance).
    Raises ``PermissionDenied`` (403) or :class:`LedgerError` for bad values.
    Returns the project as saved (``project`` itself, refreshed).
    """
    _require(can_edit_project(by, project))
    _check_project_changes(changes)
    changed = {name: value for name, value in changes.items() if getattr(project, name) != value}
    if changed.keys() & {"start_date", "deadline"}:
        check_start_date(
            project.plan,
            changes.get("start_date", project.start_date),
            changes.get("deadline", project.deadline),
        )
    if changed.keys() & PROJECT_PROGRESS_FIELDS:
        _require(can_move_progress(by, project))
    if starts(status=changed.get("status"), progress=changed.get("progress")):
        ensure_may_start(project)
    if changed.keys() & PROJECT_MANAGE_FIELDS:
        _require(can_manage_programme(by))
    if not changed:
        if not Project.objects.filter(pk=project.pk, version=version).exists():
            raise _concurrent_edit(project.pk)
        return project
    if not versioned_update(Project.objects.all(), pk=project.pk, version=version, **changed):
        raise _concurrent_edit(project.pk)
    project.refresh_from_db()
    _record_history(project, by, "changed " + ", ".join(sorted(changed)))
    if announce and changed.keys() & LIGHT_FIELDS:
        _announce(project, by)
    return project


def _announce(project: Project, by: User) -> None:
    """Tell the apps built on the ledger that something the project's light depends on changed
    (:data:`.signals.project_changed`; the status app judges the light again)."""
    project_changed.send(sender=Project, project=project, by=by)


def _bump(project: Project, by: User, reason: str, **changes: Any) -> Project:
    """Write changes (possibly none) to a project with a new version and a history row."""
    Project.objects.filter(pk=project.pk).update(**changes, version=F("version") + 1)
    project.refresh_from_db()
    _record_history(project, by, reason)
    return project


@transaction.atomic
def project_assign(
    *,
    project: Project,
    by: User,
    leader: User | None,
    lead_units: Iterable[Unit],
    co_units: Iterable[Unit],
) -> Project:
    """Set the project's leader in charge (区领导) and its lead and co-units, in the order given.

    The coordinating office only. ``leader`` must be a district leader (or ``None``); a unit named
    both lead and co-unit is a lead unit. The project gets a new version and a history row naming
    the assignment, so a form opened before it cannot overwrite it unseen.
    """
    _require(can_manage_programme(by))
    if leader is not None and role_of(leader) != Role.LEADER:
        raise LedgerError(_("%(name)s is not a district leader.") % {"name": leader.get_username()})
    lead = _distinct(lead_units)
    co = [unit for unit in _distinct(co_units) if unit.pk not in {u.pk for u in lead}]
    ProjectUnit.objects.filter(project=project).delete()
    ProjectUnit.objects.bulk_create(
        [
            ProjectUnit(project=project, unit=unit, role=UnitRole.LEAD, position=i)
            for i, unit in enumerate(lead)
        ]
        + [ProjectUnit(project=project, unit=unit, role=UnitRole.CO, position=i) for i, unit in enumerate(co)]
    )
    reason = "assigned: leader {}; lead {}; co {}".format(
        leader.get_username() if leader else "-",
        "、".join(unit.name for unit in lead) or "-",
        "、".join(unit.name for unit in co) or "-",
    )
    return _bump(project, by, reason, leader=leader)


@transaction.atomic
def milestone_create(
    *, project: Project, by: User, date: dt.date, title: str, done: bool = False, position: int | None = None
) -> Milestone:
    """Add a milestone to a project's roadmap (whoever may edit the project); last unless ``position``."""
    _require(can_edit_project(by, project))
    title = single_line(title)
    if not title:
        raise LedgerError(_("A milestone needs a title."))
    if position is None:
        last = Milestone.objects.filter(project=project).aggregate(last=Max("position"))["last"]
        position = 0 if last is None else last + 1
    milestone = Milestone(project=project, date=date, title=title, done=done, position=position)
    milestone._history_user = by  # type: ignore[attr-defined]
    milestone.save()
    _announce(project, by)
    return milestone


@transaction.atomic
def milestone_update(*, milestone: Milestone, by: User, **changes: Any) -> Milestone:
    """Change a milestone's date, title, done flag or position (whoever may edit its project)."""
    _require(can_edit_project(by, milestone.project))
    unknown = set(changes) - MILESTONE_FIELDS
    if unknown:
        raise TypeError(f"milestone_update() cannot change {', '.join(sorted(unknown))}")
    _clean_texts(changes, single=("title",))
    if "title" in changes and not changes["title"]:
        raise LedgerError(_("A milestone needs a title."))
    for name, value in changes.items():
        setattr(milestone, name, value)
    milestone._history_user = by  # type: ignore[attr-defined]
    milestone.save()
    if changes.keys() & {"date", "done"}:
        _announce(milestone.project, by)
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone, by: User) -> None:
    """Delete a milestone (whoever may edit its project); its history keeps it, with ``by``."""
    _require(can_edit_project(by, milestone.project))
    project = milestone.project
    milestone._history_user = by  # type: ignore[attr-defined]
    milestone.delete()
    _announce(project, by)


@transaction.atomic
def measure_update(
    *, measure: Measure, by: User, progress: int | None = None, weight: Decimal | None = None
) -> Measure:
    """Set a measure's progress or its weight: the coordinating office (see :func:`can_move_progress`).

    The project's progress becomes the weighted mean of its measures' (a new version and history
    row of the project): measures roll up into their project. A lead unit moves progress through
    its reports, which count once the office accepts them.
    """
    project = measure.project
    _require(can_edit_project(by, project))
    if weight is not None:
        _require(can_manage_programme(by))
        if weight < 0:
            raise LedgerError(_("A weight cannot be negative."))
        measure.weight = weight
    if progress is not None:
        _require(can_move_progress(by, project))
        if not 0 <= progress <= 100:
            raise LedgerError(_("Progress is a percentage from 0 to 100."))
        if starts(progress=progress):
            ensure_may_start(project)
        measure.progress = progress
    measure._history_user = by  # type: ignore[attr-defined]
    measure.save()
    rolled = project_progress(project)
    if rolled is not None and round(rolled) != project.progress:
        _bump(project, by, "progress from measures", progress=round(rolled))
    if progress is not None:
        _announce(project, by)
    return measure
