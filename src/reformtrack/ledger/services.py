"""Writes to the ledger. Every write goes through a keyword-only function here, in one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import CharField, F, Max, Model
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from reformtrack.accounts.choices import Role
from reformtrack.accounts.permissions import can_edit_project, can_manage_programme, role_of
from reformtrack.core.text import multi_line, single_line
from reformtrack.ingest.model import Item, ParsedPlan

from .choices import ProjectStatus, UnitRole
from .clean import plan_cleaned
from .errors import ConcurrentEdit, DuplicateDocument, LedgerError, PlanImportError
from .models import (
    Chapter,
    Measure,
    MeasureUnit,
    Milestone,
    Plan,
    Project,
    ProjectUnit,
    SourceDocument,
    Target,
    TargetValue,
    Unit,
    UnitAlias,
)
from .selectors import project_progress
from .units import guess_unit_kind, normalise_unit_name

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _field_max_length(model: type[Unit | Plan | Project | Target | SourceDocument], name: str) -> int:
    field = model._meta.get_field(name)
    assert isinstance(field, CharField) and field.max_length is not None, f"{model.__name__}.{name}"
    return field.max_length


def _check_lengths(parsed: ParsedPlan, filename: str) -> None:
    """Refuse values the database would refuse, with a message instead of a DataError halfway."""
    limits: list[tuple[str, str, int]] = [
        ("document number", parsed.doc_number, _field_max_length(Plan, "doc_number")),
        ("file name", filename, _field_max_length(SourceDocument, "filename")),
        ("format", parsed.source_format, _field_max_length(SourceDocument, "source_format")),
        ("encoding", parsed.source_encoding, _field_max_length(SourceDocument, "source_encoding")),
    ]
    label_limit = _field_max_length(Project, "label")
    target_unit_limit = _field_max_length(Target, "unit")
    unit_limit = _field_max_length(Unit, "name")
    for item in parsed.items():
        limits.append(("item label", item.label, label_limit))
        limits.extend(("target unit", target.unit, target_unit_limit) for target in item.targets)
        for name in _unit_names_of(item):
            limits.append(("unit name", normalise_unit_name(name), unit_limit))
    for what, value, limit in limits:
        if len(value) > limit:
            raise PlanImportError(f"the {what} {value[:40]!r}… is longer than {limit} characters")
    # PostgreSQL cannot store NUL in text (SQLite can): refuse it the same way on both.
    if "\x00" in parsed.text or "\\u0000" in json.dumps(parsed.to_dict()):
        raise PlanImportError("the parsed text contains NUL characters (\\x00)")


def _unit_names_of(item: Item) -> Iterable[str]:
    yield from item.lead_units
    yield from item.co_units
    for measure in item.measures:
        yield from measure.lead_units
        yield from measure.co_units


def units_resolve(names: Iterable[str], *, by: User | None = None) -> dict[str, Unit]:
    """Map each printed unit name to its registry unit, creating the units not known yet.

    A name matches a unit when its normal form (see :func:`normalise_unit_name`) equals the unit's
    name or one of its aliases. New units get a kind guessed from the name. Call inside a transaction.
    The result is keyed by normal form; names that normalise to nothing are left out.
    """
    wanted = {normalise_unit_name(name) for name in names} - {""}
    found: dict[str, Unit] = {unit.name: unit for unit in Unit.objects.filter(name__in=wanted)}
    aliases = UnitAlias.objects.filter(name__in=wanted - found.keys()).select_related("unit")
    found.update({alias.name: alias.unit for alias in aliases})
    missing = sorted(wanted - found.keys())
    created = bulk_create_with_history(
        [Unit(name=name, kind=guess_unit_kind(name)) for name in missing], Unit, default_user=by
    )
    found.update({unit.name: unit for unit in created})
    return found


@dataclass
class _ItemRow:
    item: Item
    chapter: Chapter
    depth: int
    position: int
    parent: _ItemRow | None
    project: Project | None = None


def _role_links(lead: list[str], co: list[str], units: dict[str, Unit]) -> list[tuple[Unit, UnitRole, int]]:
    """(unit, role, position) for each distinct unit per role, in printed order."""
    links: list[tuple[Unit, UnitRole, int]] = []
    for role, names in ((UnitRole.LEAD, lead), (UnitRole.CO, co)):
        seen: set[int] = set()
        for name in names:
            unit = units.get(normalise_unit_name(name))
            if unit is None or unit.pk in seen:
                continue
            seen.add(unit.pk)
            links.append((unit, role, len(seen) - 1))
    return links


def plan_import(
    *,
    parsed: ParsedPlan,
    source_bytes: bytes,
    filename: str,
    replace: bool = False,
    by: User | None = None,
) -> Plan:
    """Store a parsed plan with its source document: plan, chapters, project tree, measures, units, targets.

    One transaction: on any error nothing is stored. A document already imported (same SHA-256) is
    refused with :class:`DuplicateDocument` unless ``replace``, which deletes the plan imported from it
    and stores the new one in its place, in the same transaction. Values the database cannot hold
    raise :class:`PlanImportError` before anything is written; a constraint that fails while writing
    rolls everything back and raises :class:`PlanImportError` too.
    """
    _check_lengths(parsed, filename)
    parsed = plan_cleaned(parsed)  # titles and names on one line, no stray control characters
    sha256 = hashlib.sha256(source_bytes).hexdigest()
    try:
        with transaction.atomic():
            existing = Plan.objects.select_for_update().filter(source__sha256=sha256).first()
            if existing is not None:
                if not replace:
                    raise DuplicateDocument(existing)
                existing._history_user = by  # type: ignore[attr-defined]
                existing.delete()

            plan = Plan(
                title=parsed.title.strip() or filename,
                doc_number=parsed.doc_number,
                issued=parsed.issued,
                period_start=parsed.period_start,
                period_end=parsed.period_end,
                preamble=parsed.preamble,
                warnings=list(parsed.warnings),
                created_by=by,
            )
            plan._history_user = by  # type: ignore[attr-defined]
            plan.save()
            SourceDocument.objects.create(
                plan=plan,
                filename=filename,
                sha256=sha256,
                size=len(source_bytes),
                content=source_bytes,
                text=parsed.text,
                source_format=parsed.source_format,
                source_encoding=parsed.source_encoding,
            )
            _store_tree(plan, parsed, by)
            _judge_plan(plan, by)
    except IntegrityError as exc:
        # a constraint the checks above do not foresee, or a concurrent import of the same document
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PlanImportError(f"the database refused the plan ({first_line})") from exc
    return plan


def _store_tree(plan: Plan, parsed: ParsedPlan, by: User | None) -> None:
    # Every row goes into its history too (who imported it, when), in the same few INSERTs.
    chapters = bulk_create_with_history(
        [
            Chapter(
                plan=plan,
                number=chapter.number,
                title=chapter.title,
                text=chapter.text,
                is_safeguards=chapter.is_safeguards,
                position=position,
            )
            for position, chapter in enumerate(parsed.chapters)
        ],
        Chapter,
        default_user=by,
    )

    rows: list[_ItemRow] = []

    def visit(item: Item, chapter: Chapter, depth: int, parent: _ItemRow | None) -> None:
        row = _ItemRow(item=item, chapter=chapter, depth=depth, position=len(rows), parent=parent)
        rows.append(row)
        for child in item.children:
            visit(child, chapter, depth + 1, row)

    for chapter_row, parsed_chapter in zip(chapters, parsed.chapters, strict=True):
        for item in parsed_chapter.items:
            visit(item, chapter_row, 1, None)

    # Parents before children, one INSERT per level: the children need their parent's id.
    for depth in sorted({row.depth for row in rows}):
        level_rows = [row for row in rows if row.depth == depth]
        projects = [
            Project(
                plan=plan,
                chapter=row.chapter,
                parent=row.parent.project if row.parent else None,
                number=row.item.number,
                label=row.item.label,
                title=row.item.title,
                text=row.item.text,
                level=depth,
                position=row.position,
                needs_review=row.item.needs_review,
                review_reasons=list(row.item.review_reasons),
                deadline=row.item.deadline,
                deadline_text=row.item.deadline_text,
                is_safeguard=row.chapter.is_safeguards,
            )
            for row in level_rows
        ]
        stored = bulk_create_with_history(projects, Project, default_user=by)
        for row, project in zip(level_rows, stored, strict=True):
            row.project = project

    units = units_resolve((name for row in rows for name in _unit_names_of(row.item)), by=by)

    project_units: list[ProjectUnit] = []
    targets: list[Target] = []
    measures: list[Measure] = []
    measure_links: list[list[tuple[Unit, UnitRole, int]]] = []
    for row in rows:
        assert row.project is not None
        project, item = row.project, row.item
        project_units.extend(
            ProjectUnit(project=project, unit=unit, role=role, position=position)
            for unit, role, position in _role_links(item.lead_units, item.co_units, units)
        )
        targets.extend(
            Target(
                project=project,
                text=target.text,
                subject=target.subject,
                min_value=target.min,
                max_value=target.max,
                unit=target.unit,
                deadline=target.deadline,
                position=position,
            )
            for position, target in enumerate(item.targets)
        )
        for position, measure in enumerate(item.measures):
            measures.append(
                Measure(
                    project=project,
                    text=measure.text,
                    position=position,
                    deadline=measure.deadline,
                    deadline_text=measure.deadline_text,
                )
            )
            measure_links.append(_role_links(measure.lead_units, measure.co_units, units))

    ProjectUnit.objects.bulk_create(project_units)
    bulk_create_with_history(targets, Target, default_user=by)
    stored_measures = bulk_create_with_history(measures, Measure, default_user=by)
    MeasureUnit.objects.bulk_create(
        MeasureUnit(measure=measure, unit=unit, role=role, position=position)
        for measure, links in zip(stored_measures, measure_links, strict=True)
        for unit, role, position in links
    )


# ---------------------------------------------------------------------------------------------------
# The programme: editing projects, assigning them, milestones, progress, target values, units.
# Every service checks its caller against accounts.permissions (PermissionDenied: a view's 403) and
# writes its history rows with ``by`` as the user.

# Fields of a project that whoever may edit it may change, and those only the coordinating office may.
PROJECT_EDIT_FIELDS = frozenset({"title", "text", "status", "progress", "deadline", "deadline_text"})
PROJECT_MANAGE_FIELDS = frozenset({"weight", "needs_review", "review_reasons", "is_safeguard"})
MILESTONE_FIELDS = frozenset({"date", "title", "done", "position"})
# Fields a project's status light depends on: changing one judges the project again.
LIGHT_FIELDS = frozenset({"status", "progress", "deadline"})
_REASON_LENGTH = 100  # django-simple-history's history_change_reason column


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _reason(text: str) -> str:
    return text if len(text) <= _REASON_LENGTH else text[: _REASON_LENGTH - 1] + "…"


def _record_history(instance: Model, by: User | None, reason: str = "") -> None:
    """Write the history row of a change made with ``QuerySet.update`` (which sends no signals)."""
    type(instance).history.bulk_history_create(  # type: ignore[attr-defined]
        [instance], update=True, default_user=by, default_change_reason=_reason(reason)
    )


def _clean_texts(changes: dict[str, Any], *, single: tuple[str, ...], multi: tuple[str, ...] = ()) -> None:
    """One-line fields on one line (and stripped), running texts without stray control characters."""
    for name in set(single) & changes.keys():
        if changes[name] is not None:  # None stays for the model to accept or refuse
            changes[name] = single_line(changes[name])
    for name in set(multi) & changes.keys():
        if changes[name] is not None:
            changes[name] = multi_line(changes[name])


def _check_project_changes(changes: dict[str, Any]) -> None:
    unknown = set(changes) - PROJECT_EDIT_FIELDS - PROJECT_MANAGE_FIELDS
    if unknown:
        raise TypeError(f"project_update() cannot change {', '.join(sorted(unknown))}")
    _clean_texts(changes, single=("title", "deadline_text"), multi=("text",))
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
    last = (
        Project.history.filter(id=project_id)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first()
    )
    return ConcurrentEdit(current, last.history_user if last else None, last.history_date if last else None)


@transaction.atomic
def project_update(*, project: Project, by: User, version: int, **changes: Any) -> Project:
    """Change a project's fields, refusing to overwrite a save the user has not seen.

    ``version`` is the project's version the user started from. The write is one
    ``UPDATE … WHERE version = <version>`` that also increments the version: if someone saved in
    between, it matches no row, nothing is written and :class:`ConcurrentEdit` says who saved first.
    Fields in ``PROJECT_EDIT_FIELDS`` need :func:`can_edit_project`; those in
    ``PROJECT_MANAGE_FIELDS`` the coordinating office; fields passed unchanged need nothing more
    than the edit right. Raises ``PermissionDenied`` (403) or :class:`LedgerError` for bad values.
    Returns the project as saved (``project`` itself, refreshed).
    """
    _require(can_edit_project(by, project))
    _check_project_changes(changes)
    changed = {name: value for name, value in changes.items() if getattr(project, name) != value}
    if changed.keys() & PROJECT_MANAGE_FIELDS:
        _require(can_manage_programme(by))
    if not changed:
        if not Project.objects.filter(pk=project.pk, version=version).exists():
            raise _concurrent_edit(project.pk)
        return project
    updated = Project.objects.filter(pk=project.pk, version=version).update(
        **changed, version=F("version") + 1
    )
    if not updated:
        raise _concurrent_edit(project.pk)
    project.refresh_from_db()
    _record_history(project, by, "changed " + ", ".join(sorted(changed)))
    if changed.keys() & LIGHT_FIELDS:
        _refresh_light(project, by)
    return project


def _refresh_light(project: Project, by: User) -> None:
    """Judge the project's status light again (reformtrack.status) after a change it depends on."""
    # imported here: the status app builds on the ledger, not the other way round
    from reformtrack.status.services import project_light_refresh

    project_light_refresh(project=project, by=by)


def _judge_plan(plan: Plan, by: User | None) -> None:
    """Give a newly imported plan's projects and measures their first lights, so that no page shows
    them as not assessed until the next scheduled run."""
    from django.utils import timezone

    from reformtrack.status.choices import LightCause
    from reformtrack.status.services import lights_recompute

    lights_recompute(plans=[plan], today=timezone.localdate(), by=by, cause=LightCause.IMPORT)


def _bump(project: Project, by: User, reason: str, **changes: Any) -> Project:
    """Write changes (possibly none) to a project with a new version and a history row."""
    Project.objects.filter(pk=project.pk).update(**changes, version=F("version") + 1)
    project.refresh_from_db()
    _record_history(project, by, reason)
    return project


def _distinct(units: Iterable[Unit]) -> list[Unit]:
    seen: set[int] = set()
    result: list[Unit] = []
    for unit in units:
        if unit.pk not in seen:
            seen.add(unit.pk)
            result.append(unit)
    return result


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
    _refresh_light(project, by)
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
        _refresh_light(milestone.project, by)
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone, by: User) -> None:
    """Delete a milestone (whoever may edit its project); its history keeps it, with ``by``."""
    _require(can_edit_project(by, milestone.project))
    project = milestone.project
    milestone._history_user = by  # type: ignore[attr-defined]
    milestone.delete()
    _refresh_light(project, by)


@transaction.atomic
def measure_update(
    *, measure: Measure, by: User, progress: int | None = None, weight: Decimal | None = None
) -> Measure:
    """Report a measure's progress (whoever may edit the project) or set its weight (the office).

    The project's progress becomes the weighted mean of its measures' (a new version and history
    row of the project): measures roll up into their project.
    """
    project = measure.project
    _require(can_edit_project(by, project))
    if weight is not None:
        _require(can_manage_programme(by))
        if weight < 0:
            raise LedgerError(_("A weight cannot be negative."))
        measure.weight = weight
    if progress is not None:
        if not 0 <= progress <= 100:
            raise LedgerError(_("Progress is a percentage from 0 to 100."))
        measure.progress = progress
    measure._history_user = by  # type: ignore[attr-defined]
    measure.save()
    rolled = project_progress(project)
    if rolled is not None and round(rolled) != project.progress:
        _bump(project, by, "progress from measures", progress=round(rolled))
    if progress is not None:
        _refresh_light(project, by)
    return measure


@transaction.atomic
def target_value_record(
    *, target: Target, by: User, date: dt.date, value: Decimal, note: str = ""
) -> TargetValue:
    """Record the actual value of a target on a date (replacing that date's value, if any)."""
    _require(can_edit_project(by, target.project))
    existing = TargetValue.objects.filter(target=target, date=date).first()
    row = existing or TargetValue(target=target, date=date)
    row.value = value
    row.note = multi_line(note).strip()
    row._history_user = by  # type: ignore[attr-defined]
    row.save()
    return row


@transaction.atomic
def unit_members_set(*, unit: Unit, by: User, members: Iterable[Unit]) -> Unit:
    """Record which units a collective unit (各相关街道办事处) stands for (the office only)."""
    _require(can_manage_programme(by))
    wanted = _distinct(members)
    if any(member.pk == unit.pk for member in wanted):
        raise LedgerError(_("A unit cannot be a member of itself."))
    unit.members.set(wanted)
    _record_history(unit, by, "members: " + ("、".join(member.name for member in wanted) or "-"))
    return unit


def _move_links(model: type[ProjectUnit] | type[MeasureUnit], owner: str, source: Unit, into: Unit) -> None:
    """Point source's links at ``into``; where ``into`` already has the same link, drop source's."""
    taken = set(model.objects.filter(unit=into).values_list(f"{owner}_id", "role"))
    links = model.objects.filter(unit=source).values_list("pk", f"{owner}_id", "role")
    duplicate = [pk for pk, owner_id, role in links if (owner_id, role) in taken]
    model.objects.filter(pk__in=duplicate).delete()
    model.objects.filter(unit=source).update(unit=into)


@transaction.atomic
def unit_merge(*, source: Unit, into: Unit, by: User) -> Unit:
    """Merge ``source`` into ``into``: one unit registered twice (区发展和改革局 and 区发改局).

    The coordinating office only. Every link moves to ``into``: project and measure roles (a role
    ``into`` already has is kept once), aliases, people, collective memberships both ways, and any
    other row pointing at the unit; ``into`` takes source's reform lead if it has none. Source's
    name becomes an alias of ``into``, so the next import of a plan printing it finds ``into``.
    Source is deleted (its history keeps it, with ``by``).
    """
    _require(can_manage_programme(by))
    if source.pk == into.pk:
        raise LedgerError(_("A unit cannot be merged into itself."))
    _move_links(ProjectUnit, "project", source, into)
    _move_links(MeasureUnit, "measure", source, into)
    UnitAlias.objects.filter(unit=source).update(unit=into)
    UnitAlias.objects.update_or_create(name=source.name, defaults={"unit": into})
    into.members.add(*source.members.exclude(pk=into.pk))
    for collective in source.collectives.exclude(pk=into.pk):
        collective.members.add(into)
    handled = {"project_units", "measure_units", "aliases", "members", "collectives"}
    for relation in Unit._meta.related_objects:
        # profiles and any later table with a foreign key to a unit (the import wizard's, say)
        if relation.one_to_many and relation.get_accessor_name() not in handled:
            field_name = relation.field.name
            relation.related_model._default_manager.filter(**{field_name: source}).update(
                **{field_name: into}
            )
    if into.reform_lead_id is None and source.reform_lead_id is not None:
        into.reform_lead_id = source.reform_lead_id
    into._history_user = by  # type: ignore[attr-defined]
    into._change_reason = _reason(f"merged {source.name} into it")  # type: ignore[attr-defined]
    into.save()
    source._history_user = by  # type: ignore[attr-defined]
    source._change_reason = _reason(f"merged into {into.name}")  # type: ignore[attr-defined]
    source.delete()
    return into
