"""Applying a revised document (调整方案): the accepted changes of its difference as one amendment.

The difference is worked out again inside the transaction, with the plan locked, from the plan as it
stands (:func:`.selectors_revision.plan_revision`); the caller names the changes to apply by their
keys. Every write goes through the amendment services (:mod:`.services_amend`), so each change is
recorded with its reason and history, a drop archives, and the reports, orders, evidence, lights and
history of the matched projects stay with them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from reformtrack.ingest.model import Chapter as ParsedChapter
from reformtrack.ingest.model import Item, ParsedPlan

from .achievement import infer_form
from .clean import plan_cleaned
from .errors import AmendmentRefused
from .models import Chapter, Plan, Project, Target, Unit
from .models_amend import Amendment
from .revision import Change, ChangeKind, ParsedEntry, Revision
from .selectors_revision import plan_revision
from .services_amend import (
    amendment_open,
    chapter_add,
    measure_add,
    project_add,
    project_change,
    project_drop,
    target_add,
    target_drop,
)
from .services_import import units_resolve
from .units import normalise_unit_name

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass
class _Applying:
    """What one application knows as it goes: the amendment, the units by name, the stored
    project of every parsed ref (matched or added) and the chapters by number."""

    amendment: Amendment
    by: User
    units: dict[str, Unit]
    chapters: dict[int, Chapter]
    projects: dict[str, Project] = field(default_factory=dict)

    def unit_list(self, names: list[str]) -> list[Unit]:
        found = (self.units.get(normalise_unit_name(name)) for name in names)
        return [unit for unit in found if unit is not None]


@transaction.atomic
def revision_apply(
    *,
    plan: Plan,
    changes_accepted: Collection[str],
    parsed: ParsedPlan,
    by: User,
    title: str,
    reason: str,
    decided_on: dt.date,
    decided_by: str = "",
    doc_number: str = "",
    expected_keys: Collection[str] | None = None,
) -> Amendment:
    """Apply the accepted changes (their keys, :attr:`.revision.Change.key`) of the revised document
    ``parsed`` to ``plan``, as one amendment with ``title``, ``reason`` and the decision's record.

    ``expected_keys``: the keys of the difference the office looked at; if the difference is not that
    any more (the plan was amended meanwhile), :class:`AmendmentRefused` and nothing is stored. So is
    an accepted key the difference does not have, no change accepted, a project added under one whose
    addition was rejected, and a project moved to another chapter (amend it by hand). Unit names
    unknown to the registry become units, as on import.
    """
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    parsed = plan_cleaned(parsed)
    revision = plan_revision(plan, parsed)
    changes = _accepted(revision, set(changes_accepted), expected_keys)
    amendment = amendment_open(
        plan=plan,
        by=by,
        title=title,
        reason=reason,
        decided_on=decided_on,
        decided_by=decided_by,
        doc_number=doc_number,
    )
    names = (
        name
        for change in changes
        if change.parsed is not None
        for item in [change.parsed.item]
        for name in _unit_names(item)
    )
    state = _Applying(
        amendment=amendment,
        by=by,
        units=units_resolve(names, by=by),
        chapters={chapter.number: chapter for chapter in Chapter.objects.filter(plan=plan)},
    )
    state.projects = {
        entry.ref: project
        for project in Project.objects.filter(pk__in=revision.matched)
        for entry in [revision.matched[project.pk]]
    }
    chapter_titles = {chapter.number: chapter for chapter in parsed.chapters}
    for change in changes:
        if change.kind not in (ChangeKind.ADDED, ChangeKind.DROPPED):
            _change(state, change)
    for change in changes:
        if change.kind is ChangeKind.ADDED:
            assert change.parsed is not None
            _add(state, change.parsed, chapter_titles)
    for change in changes:
        if change.kind is ChangeKind.DROPPED:
            assert change.stored is not None
            project = Project.all_objects.get(pk=change.stored.id)
            if project.archived_at is None:  # not archived with a dropped parent already
                project_drop(amendment=amendment, by=by, project=project, reason=amendment.reason)
    return amendment


def _unit_names(item: Item) -> list[str]:
    names = [*item.lead_units, *item.co_units]
    for measure in item.measures:
        names.extend([*measure.lead_units, *measure.co_units])
    return names


def _accepted(revision: Revision, accepted: set[str], expected: Collection[str] | None) -> list[Change]:
    keys = revision.by_key()
    if expected is not None and set(expected) != set(keys):
        raise AmendmentRefused(
            _("The plan has changed since the difference was shown; look at the difference again.")
        )
    unknown = sorted(accepted - set(keys))
    if unknown:
        raise AmendmentRefused(_("The difference has no change %(key)s.") % {"key": unknown[0]})
    if not accepted:
        raise AmendmentRefused(_("No change is accepted; nothing to apply."))
    return [change for change in revision.changes if change.key in accepted]


def _change(state: _Applying, change: Change) -> None:
    """One change of a matched project."""
    assert change.stored is not None and change.parsed is not None
    project = Project.objects.get(pk=change.stored.id)
    item = change.parsed.item
    kind = change.kind
    if kind is ChangeKind.TARGETS_CHANGED:
        _targets(state, project, item)
        return
    fields: dict[str, Any]
    if kind is ChangeKind.RETITLED:
        fields = {"title": item.title}
    elif kind is ChangeKind.RENUMBERED:
        if change.stored.chapter != change.parsed.chapter:
            raise AmendmentRefused(
                _("%(title)s moves to another chapter: reject that change and move it by hand.")
                % {"title": project.title[:40]}
            )
        fields = {"label": item.label}
    elif kind is ChangeKind.UNITS_CHANGED:
        fields = {"lead_units": state.unit_list(item.lead_units), "co_units": state.unit_list(item.co_units)}
    else:  # the deadline moved
        fields = {"deadline": item.deadline, "deadline_text": item.deadline_text}
    project_change(amendment=state.amendment, by=state.by, project=project, **fields)


def _targets(state: _Applying, project: Project, item: Item) -> None:
    """Targets the document no longer has are dropped (their actual values stay), new ones added."""
    wanted = [target.text for target in item.targets]
    kept: set[str] = set()
    for stored in Target.objects.filter(project=project).order_by("position"):
        if stored.text in wanted and stored.text not in kept:
            kept.add(stored.text)
        else:
            target_drop(amendment=state.amendment, by=state.by, target=stored, reason=state.amendment.reason)
    for target in item.targets:
        if target.text not in kept:
            kept.add(target.text)
            target_add(
                amendment=state.amendment,
                by=state.by,
                project=project,
                text=target.text,
                subject=target.subject,
                min_value=target.min,
                max_value=target.max,
                unit=target.unit,
                deadline=target.deadline,
                form=infer_form(target.text, target.min, target.max, target.unit),
            )


def _add(state: _Applying, entry: ParsedEntry, chapter_titles: dict[int, ParsedChapter]) -> None:
    """An added project, after its previous sibling in the document, with its measures and targets."""
    parent: Project | None = None
    if entry.parent_ref is not None:
        parent = state.projects.get(entry.parent_ref)
        if parent is None:
            raise AmendmentRefused(
                _("%(title)s is added under a project whose addition was rejected.")
                % {"title": entry.item.title[:40]}
            )
    chapter = parent.chapter if parent is not None else _chapter(state, entry, chapter_titles)
    after = _previous_sibling(state, entry, chapter, parent)
    item = entry.item
    project = project_add(
        amendment=state.amendment,
        by=state.by,
        chapter=chapter,
        title=item.title,
        parent=parent,
        after=after,
        label=item.label,
        text=item.text,
        deadline=item.deadline,
        deadline_text=item.deadline_text,
        lead_units=state.unit_list(item.lead_units),
        co_units=state.unit_list(item.co_units),
    )
    state.projects[entry.ref] = project
    for measure in item.measures:
        measure_add(
            amendment=state.amendment,
            by=state.by,
            project=project,
            text=measure.text,
            deadline=measure.deadline,
            deadline_text=measure.deadline_text,
            lead_units=state.unit_list(measure.lead_units),
            co_units=state.unit_list(measure.co_units),
        )
    for target in item.targets:
        target_add(
            amendment=state.amendment,
            by=state.by,
            project=project,
            text=target.text,
            subject=target.subject,
            min_value=target.min,
            max_value=target.max,
            unit=target.unit,
            deadline=target.deadline,
            form=infer_form(target.text, target.min, target.max, target.unit),
        )


def _chapter(state: _Applying, entry: ParsedEntry, chapter_titles: dict[int, ParsedChapter]) -> Chapter:
    """The stored chapter of the entry's number; a chapter the plan has not got yet is added."""
    chapter = state.chapters.get(entry.chapter)
    if chapter is None or chapter.archived_at is not None:
        parsed_chapter = chapter_titles[entry.chapter]
        chapter = chapter_add(
            amendment=state.amendment, by=state.by, title=parsed_chapter.title, text=parsed_chapter.text
        )
        state.chapters[entry.chapter] = chapter
    return chapter


def _previous_sibling(
    state: _Applying, entry: ParsedEntry, chapter: Chapter, parent: Project | None
) -> Project | None:
    """The project printed just before the entry under the same parent, if it is stored there."""
    prefix, _sep, position = entry.ref.rpartition("-")
    if int(position) <= 1:
        return None
    known = state.projects.get(f"{prefix}-{int(position) - 1}")
    # read again: an addition before it has moved its position since
    before = Project.objects.filter(pk=known.pk).first() if known is not None else None
    if before is None:
        return None
    parent_id = parent.pk if parent is not None else None
    if before.chapter_id != chapter.pk or before.parent_id != parent_id:
        return None
    return before
