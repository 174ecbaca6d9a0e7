"""Plan amendments (方案调整): the coordinating office adds, changes, splits, merges and drops the
chapters, projects, measures, targets and unit assignments of a plan, one decision at a time.

A decision is an :class:`~.models_amend.Amendment` (numbered per plan, with reason, date, decider and
document number), opened by :func:`amendment_open`; every service below takes it and writes one
:class:`~.models_amend.AmendmentChange` per object it touches, with the object's state before and
after. Nothing is deleted: a drop archives (``archived_at``) and keeps reports, orders, evidence and
history attached. :func:`amendment_revert` undoes an amendment as a new one.

Every service is keyword-only and atomic, checks that ``by`` is the coordinating office
(:class:`~.errors.NotCoordinatingOffice`, a ``LedgerError`` and a ``PermissionDenied``) and raises a
:class:`~.errors.LedgerError` with a message for a user when the change cannot be made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.accounts.permissions import can_manage_programme
from reformtrack.core.text import multi_line, single_line

from .errors import AmendmentRefused, NotCoordinatingOffice
from .models import Chapter, Measure, Plan, Project, Unit
from .models_amend import Amendment, ChangeKind
from .services_amend_base import (
    after_subtree,
    lock_amendment,
    next_position,
    record,
    require_live,
    require_reason,
    save_with_history,
    set_units,
    shift_positions,
    subtree,
)
from .services_amend_core import announce, change_object, conflict, drop_object, state, undo_change
from .services_amend_parts import (
    chapter_add,
    chapter_change,
    chapter_drop,
    measure_add,
    measure_change,
    measure_drop,
    target_add,
    target_change,
    target_drop,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = [
    "amendment_open",
    "amendment_revert",
    "chapter_add",
    "chapter_change",
    "chapter_drop",
    "measure_add",
    "measure_change",
    "measure_drop",
    "project_add",
    "project_change",
    "project_drop",
    "project_merge",
    "project_split",
    "target_add",
    "target_change",
    "target_drop",
]


@transaction.atomic
def amendment_open(
    *,
    plan: Plan,
    by: User,
    title: str,
    reason: str,
    decided_on: dt.date,
    decided_by: str = "",
    doc_number: str = "",
) -> Amendment:
    """Open the plan's next amendment (numbered 1, 2, 3 … per plan, under a lock of the plan's row)."""
    if not can_manage_programme(by):
        raise NotCoordinatingOffice
    title = single_line(title)
    if not title:
        raise AmendmentRefused(_("An amendment needs a title."))
    reason = multi_line(reason).strip()
    if not reason:
        raise AmendmentRefused(_("Give a reason for the amendment."))
    if decided_on is None:
        raise AmendmentRefused(_("Give the day the amendment was decided."))
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    last = Amendment.objects.filter(plan=plan).aggregate(last=Max("number"))["last"]
    amendment = Amendment(
        plan=plan,
        number=(last or 0) + 1,
        title=title,
        reason=reason,
        decided_on=decided_on,
        decided_by=single_line(decided_by),
        doc_number=single_line(doc_number),
        created_by=by,
    )
    save_with_history(amendment, by, "opened")
    return amendment


def _insert_position(plan: Plan, chapter: Chapter, parent: Project | None, after: Project | None) -> int:
    """Where a new project goes in the plan's printed order: after ``after`` and its sub-projects, else
    at the end of ``parent``'s sub-projects, else at the end of the chapter. Later rows make room."""
    rows = Project.all_objects.filter(plan=plan)
    if after is not None:
        following = rows.filter(after_subtree(after))
    elif parent is not None:
        following = rows.filter(after_subtree(parent))
    else:
        following = rows.filter(chapter__position__gt=chapter.position)
    first = following.order_by("position").first()
    if first is None:
        return next_position(rows)
    shift_positions(rows, first.position)
    return first.position


def _check_place(
    chapter: Chapter, parent: Project | None, after: Project | None, amendment: Amendment
) -> None:
    require_live(chapter, amendment)
    for anchor in (parent, after):
        if anchor is not None:
            require_live(anchor, amendment)
            if anchor.chapter_id != chapter.pk:
                raise AmendmentRefused(_("%(what)s is not in this chapter.") % {"what": str(anchor)[:40]})
    if after is not None and after.parent_id != (parent.pk if parent else None):
        raise AmendmentRefused(_("A new project follows a project of the same parent."))


@transaction.atomic
def project_add(
    *,
    amendment: Amendment,
    by: User,
    chapter: Chapter,
    title: str,
    parent: Project | None = None,
    after: Project | None = None,
    label: str = "",
    text: str = "",
    deadline: dt.date | None = None,
    deadline_text: str = "",
    lead_units: Iterable[Unit] = (),
    co_units: Iterable[Unit] = (),
    reason: str = "",
) -> Project:
    """Add a project to the plan: after ``after`` (a project of the same parent), else at the end of
    ``parent``'s sub-projects or of ``chapter``. The positions of later projects shift down."""
    amendment = lock_amendment(amendment, by)
    _check_place(chapter, parent, after, amendment)
    title = single_line(title)
    if not title:
        raise AmendmentRefused(_("A project needs a title."))
    plan = amendment.plan
    position = _insert_position(plan, chapter, parent, after)
    # numbered after its siblings, as printed numbers run per chapter and per parent project
    siblings = Project.all_objects.filter(chapter=chapter, parent=parent)
    number = (siblings.aggregate(last=Max("number"))["last"] or 0) + 1
    project = Project(
        plan=plan,
        chapter=chapter,
        parent=parent,
        level=parent.level + 1 if parent else 1,
        position=position,
        number=number,
        label=single_line(label),
        title=title,
        text=multi_line(text),
        deadline=deadline,
        deadline_text=single_line(deadline_text),
    )
    reason = single_line(reason) or amendment.reason
    save_with_history(project, by, reason)
    set_units(project, lead_units, co_units)
    record(amendment, kind=ChangeKind.ADD, obj=project, before={}, after=state(project), reason=reason)
    announce([project], by)
    return project


@transaction.atomic
def project_change(
    *,
    amendment: Amendment,
    by: User,
    project: Project,
    reason: str = "",
    expected_version: int | None = None,
    **changes: Any,
) -> Project:
    """Change a project's title, label, text, deadline, deadline text, lead units or co-units
    (``lead_units`` and ``co_units`` are lists of units, in printed order).

    ``expected_version`` is the project's version the user started from (by default the one
    ``project`` was read at): if someone saved it since, :class:`~.errors.ConcurrentEdit` and nothing
    is stored. Nothing differing from the project as stored writes nothing.
    """
    amendment = lock_amendment(amendment, by)
    require_live(project, amendment)
    change_object(amendment, by, project, changes, single_line(reason) or amendment.reason, expected_version)
    project.refresh_from_db()
    return project


@transaction.atomic
def project_drop(
    *, amendment: Amendment, by: User, project: Project, reason: str, expected_version: int | None = None
) -> Project:
    """Drop (archive) a project with its sub-projects, measures and targets; its reports, orders,
    evidence and history stay, reachable from them. ``expected_version`` as in :func:`project_change`."""
    amendment = lock_amendment(amendment, by)
    require_live(project, amendment)
    reason = require_reason(reason)
    if expected_version is not None and expected_version != Project.all_objects.get(pk=project.pk).version:
        raise conflict(project.pk)
    drop_object(amendment, by, project, reason)
    project.refresh_from_db()
    return project


@transaction.atomic
def project_split(
    *,
    amendment: Amendment,
    by: User,
    project: Project,
    titles: Sequence[str],
    reason: str,
    measures: Mapping[int, int] | None = None,
) -> list[Project]:
    """Split a project into new ones titled ``titles`` (at least two), in its place, each with its
    deadline and units; the project itself is dropped with its measures and targets (its reports and
    orders stay with it). Returns the new projects.

    ``measures`` carries the project's measures over: measure id → the index (from 0) in ``titles``
    of the new project that takes it on, added there as a new measure with its text, deadline and
    units, in the project's order. A measure not named is dropped with the project (the office
    decided it is not continued). Targets are not carried over: a target's actual values belong to
    the project it was set for, so a new project's targets are added to it by a change of their own.
    """
    reason = require_reason(reason)
    titles = [single_line(title) for title in titles if single_line(title)]
    if len(titles) < 2:
        raise AmendmentRefused(_("A project is split into at least two projects."))
    carried = dict(measures or {})
    if any(not 0 <= index < len(titles) for index in carried.values()):
        raise AmendmentRefused(_("A measure is given to a new project that is not among the new projects."))
    amendment = lock_amendment(amendment, by)
    require_live(project, amendment)
    units = state(project)
    created: list[Project] = []
    anchor = project
    for title in titles:
        anchor = project_add(
            amendment=amendment,
            by=by,
            chapter=project.chapter,
            parent=project.parent,
            after=anchor,
            title=title,
            deadline=project.deadline,
            deadline_text=project.deadline_text,
            lead_units=_ordered_units(units["lead_units"]),
            co_units=_ordered_units(units["co_units"]),
            reason=reason,
        )
        created.append(anchor)
    for measure in project.measures.order_by("position").prefetch_related("measure_units"):
        if measure.pk in carried:
            _copy_measure(amendment, by, measure, created[carried[measure.pk]], reason)
    project.refresh_from_db()
    project_drop(amendment=amendment, by=by, project=project, reason=reason)
    return created


def _copy_measure(amendment: Amendment, by: User, measure: Measure, into: Project, reason: str) -> None:
    """The measure added to ``into`` as a new measure: its text, deadline and units."""
    measure_units = state(measure)
    measure_add(
        amendment=amendment,
        by=by,
        project=into,
        text=measure.text,
        deadline=measure.deadline,
        deadline_text=measure.deadline_text,
        lead_units=_ordered_units(measure_units["lead_units"]),
        co_units=_ordered_units(measure_units["co_units"]),
        reason=reason,
    )


@transaction.atomic
def project_merge(
    *, amendment: Amendment, by: User, projects: Sequence[Project], into: Project, reason: str
) -> Project:
    """Merge ``projects`` into ``into``: their measures are added to it as new measures, their units
    join its units, and they are dropped (their reports and orders stay with them)."""
    reason = require_reason(reason)
    amendment = lock_amendment(amendment, by)
    require_live(into, amendment)
    merged = [p for p in projects if p.pk != into.pk]
    if not merged:
        raise AmendmentRefused(_("Name the projects to merge into this one."))
    into_units = state(into)
    lead, co = list(into_units["lead_units"]), list(into_units["co_units"])
    for project in merged:
        require_live(project, amendment)
        if into.pk in {row.pk for row in subtree(project)}:
            # dropping it would drop ``into`` with its subtree
            raise AmendmentRefused(_("A project cannot be merged into one of its own sub-projects."))
        for measure in project.measures.order_by("position").prefetch_related("measure_units"):
            _copy_measure(amendment, by, measure, into, reason)
        units = state(project)
        lead += [pk for pk in units["lead_units"] if pk not in lead]
        co += [pk for pk in units["co_units"] if pk not in co and pk not in lead]
    into.refresh_from_db()
    change_object(
        amendment,
        by,
        into,
        {"lead_units": _ordered_units(lead), "co_units": _ordered_units(co)},
        reason,
    )
    for project in merged:
        project.refresh_from_db()
        drop_object(amendment, by, project, reason)
    into.refresh_from_db()
    return into


def _ordered_units(ids: list[int]) -> list[Unit]:
    found = Unit.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


@transaction.atomic
def amendment_revert(
    *,
    amendment: Amendment,
    by: User,
    reason: str,
    decided_on: dt.date,
    title: str = "",
    decided_by: str = "",
    doc_number: str = "",
) -> Amendment:
    """Revert an applied amendment: a new amendment of the plan undoing each of its changes in
    reverse order (a drop restored, an addition dropped, a change put back); the reverted one is
    marked reverted and takes no more changes. A change made again since by a later amendment is
    refused (revert that one first) and nothing is stored."""
    if not can_manage_programme(by):
        raise NotCoordinatingOffice
    reverted = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if reverted.reverted_at is not None:
        raise AmendmentRefused(
            _("Amendment %(number)s has been reverted already.") % {"number": reverted.number}
        )
    reason = require_reason(reason)
    revert = amendment_open(
        plan=reverted.plan,
        by=by,
        title=title or _("Revert of amendment %(number)s") % {"number": reverted.number},
        reason=reason,
        decided_on=decided_on,
        decided_by=decided_by,
        doc_number=doc_number,
    )
    revert.reverts = reverted
    save_with_history(revert, by, "reverts")
    for change in reverted.changes.select_related("amendment").order_by("-position"):
        undo_change(revert, by, change, reason)
    reverted.reverted_at = timezone.now()
    save_with_history(reverted, by, "reverted")
    return revert
