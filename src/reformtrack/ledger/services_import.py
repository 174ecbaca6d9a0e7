"""Writes of plans: importing a parsed plan (or replacing one), resolving unit names, deleting a plan.

A plan holding work people did (see :mod:`reformtrack.ledger.work`) is neither replaced nor deleted:
:class:`~reformtrack.ledger.errors.PlanHasWork` says what it holds, and nothing changes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import CharField, ProtectedError
from simple_history.utils import bulk_create_with_history

from reformtrack.accounts.permissions import can_manage_programme
from reformtrack.ingest.model import Item, ParsedDocument, ParsedPlan
from reformtrack.ingest.model import Target as ParsedTarget

from .achievement import infer_form
from .choices import UnitRole
from .clean import plan_cleaned
from .errors import DuplicateDocument, PlanHasWork, PlanImportError, WorkProtected
from .models import (
    Chapter,
    Measure,
    MeasureUnit,
    Plan,
    Project,
    ProjectUnit,
    SourceDocument,
    Target,
    Unit,
)
from .models_chapter_targets import ChapterTarget
from .reasons import stored_reasons
from .selectors_units import units_find
from .services_base import _require
from .signals import plan_imported
from .units import guess_unit_kind, normalise_unit_name
from .work import describe_protected, plan_work_counts

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
    for chapter in parsed.chapters:
        limits.extend(("target unit", target.unit, target_unit_limit) for target in chapter.targets)
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

    A name matches a unit as :func:`.selectors_units.units_find` says: its normal form (see
    :func:`normalise_unit_name`) equals the unit's name or one of its aliases, or names a unit
    merged into it. New units get a kind guessed from the name. Call inside a transaction.
    The result is keyed by normal form; names that normalise to nothing are left out.
    """
    wanted = {normalise_unit_name(name) for name in names} - {""}
    found = units_find(wanted)
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
    part: int = 0,
) -> Plan:
    """Store a parsed plan with its source document: plan, chapters, project tree, measures, units, targets.

    One transaction: on any error nothing is stored. A document already imported (same SHA-256) is
    refused with :class:`DuplicateDocument` unless ``replace``, which deletes the plan imported from it
    and stores the new one in its place, in the same transaction; a plan holding work people did
    is not replaced (:class:`PlanHasWork`, nothing changed). Values the database cannot hold
    raise :class:`PlanImportError` before anything is written; a constraint that fails while writing
    rolls everything back and raises :class:`PlanImportError` too. The stored plan is announced in
    the same transaction (:data:`.signals.plan_imported`: the status app gives it its first lights).

    ``part`` is the plan's place in a document holding several (1, 2, …; 0 for a document that is
    one plan): each part of the same document is a plan of its own, refused or replaced alone.
    """
    _check_lengths(parsed, filename)
    parsed = plan_cleaned(parsed)  # titles and names on one line, no stray control characters
    sha256 = hashlib.sha256(source_bytes).hexdigest()
    try:
        with transaction.atomic():
            existing = (
                Plan.objects.select_for_update().filter(source__sha256=sha256, source__part=part).first()
            )
            if existing is not None:
                if not replace:
                    raise DuplicateDocument(existing)
                _delete_plan(existing, by)
            plan = _plan_create(parsed, by=by, filename=filename)
            SourceDocument.objects.create(
                plan=plan,
                filename=filename,
                sha256=sha256,
                part=part,
                size=len(source_bytes),
                content=source_bytes,
                text=parsed.text,
                source_format=parsed.source_format,
                source_encoding=parsed.source_encoding,
            )
            _store_tree(plan, parsed, by)
            # the status app gives the projects and measures their first lights, so that no page
            # shows them as not assessed until the next scheduled run
            plan_imported.send(sender=Plan, plan=plan, by=by)
    except IntegrityError as exc:
        # a constraint the checks above do not foresee, or a concurrent import of the same document
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PlanImportError(f"the database refused the plan ({first_line})") from exc
    return plan


def document_import(
    *,
    document: ParsedDocument,
    source_bytes: bytes,
    filename: str,
    replace: bool = False,
    by: User | None = None,
) -> list[Plan]:
    """Store every plan of a parsed document (:func:`plan_import` each, ``part`` 1, 2, … for a
    document holding several, 0 for one plan), all in one transaction: all plans or none."""
    if not document.is_bundle:
        plan = document.plans[0]
        return [
            plan_import(parsed=plan, source_bytes=source_bytes, filename=filename, replace=replace, by=by)
        ]
    with transaction.atomic():
        return [
            plan_import(
                parsed=plan, source_bytes=source_bytes, filename=filename, replace=replace, by=by, part=number
            )
            for number, plan in enumerate(document.plans, start=1)
        ]


def _plan_create(parsed: ParsedPlan, *, by: User | None, filename: str) -> Plan:
    plan = Plan(
        title=parsed.title.strip() or filename,
        doc_number=parsed.doc_number,
        issued=parsed.issued,
        period_start=parsed.period_start,
        period_end=parsed.period_end,
        preamble=parsed.preamble,
        warnings=[note.to_dict() for note in parsed.warnings],
        created_by=by,
    )
    plan._history_user = by  # type: ignore[attr-defined]
    plan.save()
    return plan


def _store_tree(plan: Plan, parsed: ParsedPlan, by: User | None) -> None:
    """Store the plan's chapters (with the targets of their own text), its project tree and what
    each project holds (units, targets, measures). Every row goes into its history too (who
    imported it, when), in the same few INSERTs."""
    chapters = _store_chapters(plan, parsed, by)
    rows = _item_rows(chapters, parsed)
    _store_projects(plan, rows, by)
    units = units_resolve((name for row in rows for name in _unit_names_of(row.item)), by=by)
    _store_contents(rows, units, by)


def _store_chapters(plan: Plan, parsed: ParsedPlan, by: User | None) -> list[Chapter]:
    chapters: list[Chapter] = bulk_create_with_history(
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
    bulk_create_with_history(
        [
            ChapterTarget(chapter=row, sentence=target.sentence, **_target_fields(target, position))
            for row, chapter in zip(chapters, parsed.chapters, strict=True)
            for position, target in enumerate(chapter.targets)
        ],
        ChapterTarget,
        default_user=by,
    )
    return chapters


def _target_fields(target: ParsedTarget, position: int) -> dict[str, Any]:
    """The columns a project's and a chapter's stored target share, from the parsed target."""
    return {
        "text": target.text,
        "subject": target.subject,
        "min_value": target.min,
        "max_value": target.max,
        "unit": target.unit,
        "deadline": target.deadline,
        "position": position,
        "form": infer_form(target.text, target.min, target.max, target.unit),
    }


def _item_rows(chapters: list[Chapter], parsed: ParsedPlan) -> list[_ItemRow]:
    """Every item of the plan in document order (its position), with its chapter, depth and parent."""
    rows: list[_ItemRow] = []

    def visit(item: Item, chapter: Chapter, depth: int, parent: _ItemRow | None) -> None:
        row = _ItemRow(item=item, chapter=chapter, depth=depth, position=len(rows), parent=parent)
        rows.append(row)
        for child in item.children:
            visit(child, chapter, depth + 1, row)

    for chapter_row, parsed_chapter in zip(chapters, parsed.chapters, strict=True):
        for item in parsed_chapter.items:
            visit(item, chapter_row, 1, None)
    return rows


def _store_projects(plan: Plan, rows: list[_ItemRow], by: User | None) -> None:
    """A project per row, set on the row. Parents before children, one INSERT per level: the
    children need their parent's id."""
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
                review_reasons=stored_reasons(row.item.review_reasons),
                deadline=row.item.deadline,
                deadline_text=row.item.deadline_text,
                is_safeguard=row.chapter.is_safeguards,
            )
            for row in level_rows
        ]
        stored = bulk_create_with_history(projects, Project, default_user=by)
        for row, project in zip(level_rows, stored, strict=True):
            row.project = project


def _store_contents(rows: list[_ItemRow], units: dict[str, Unit], by: User | None) -> None:
    """Each project's units, targets and measures (with their units), one INSERT per kind."""
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
            Target(project=project, **_target_fields(target, position))
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


def _delete_plan(plan: Plan, by: User | None) -> None:
    """Delete a plan that holds no work (else :class:`PlanHasWork`); call inside a transaction.

    The count comes first, for a message that says what would be lost; the foreign keys'
    ``PROTECT`` backs it up for any work the count does not know of.
    """
    work = plan_work_counts(plan)
    if work:
        raise PlanHasWork(plan, work)
    plan._history_user = by  # type: ignore[attr-defined]
    try:
        plan.delete()
    except ProtectedError as exc:
        raise WorkProtected(describe_protected(exc)) from exc


@transaction.atomic
def plan_delete(*, plan: Plan, by: User) -> None:
    """Delete a plan with its chapters, project tree and import records (the coordinating office).

    Refused with :class:`PlanHasWork` when the plan holds work people did (reporting cycles,
    reports, orders …): until a reviewed amendment path exists, that work is never deleted.
    """
    _require(can_manage_programme(by))
    _delete_plan(Plan.objects.select_for_update().get(pk=plan.pk), by)
