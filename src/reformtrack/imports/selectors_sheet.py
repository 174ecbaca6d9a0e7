"""Reads of a ledger (台账) draft: its column mapping and its rows as they will be stored, each with
its problems (an unreadable deadline, a project number twice, a unit the registry does not know).

The rows come from the draft's stored sheet state, so the preview reads no file; it costs a fixed
number of queries whatever the sheet's size (the registry, and the unit names found).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from reformtrack.ingest.sheet_plan import split_units
from reformtrack.ledger.models import Unit
from reformtrack.ledger.selectors_units import units_find
from reformtrack.ledger.units import normalise_unit_name

from .models import ImportDraft
from .sheet import FIELD_LABELS, FIXABLE, fixes_of, mapping_of

SHOWN_ROWS = 300  # other rows shown besides those that must be (see PreviewRow.must_show)
SHOWN_FIELDS = ("chapter", "project", "measure", "lead_units", "co_units", "deadline")
_PROBLEM_FIELDS = {"deadline": "deadline", "duplicate": "project", "no_project": "project"}


@dataclass
class Column:
    """One column of the sheet: its heading, the field it is read as, the field the reader found."""

    index: int
    heading: str
    field: str
    detected: str

    @property
    def label(self) -> str:
        """The field's words."""
        return str(FIELD_LABELS.get(self.field, self.field))


@dataclass
class UnitCell:
    """A unit named in a row and what the registry makes of it: a unit it already is (by name or
    alias), the unit the owner merged it into, or a new unit (with the likeliest registry unit)."""

    name: str
    unit: Unit | None = None
    merged_into: Unit | None = None
    suggestion: Unit | None = None
    first_row: int = 0  # the row that offers the merge of a new unit (the first naming it)

    @property
    def is_new(self) -> bool:
        """Whether the import would create this unit."""
        return self.unit is None and self.merged_into is None


@dataclass
class PreviewRow:
    """One row as it will be stored, with its problems worded and the field each asks to fix."""

    row: int
    values: dict[str, str]
    problems: list[str] = field(default_factory=list)
    fix_fields: list[str] = field(default_factory=list)
    units: list[UnitCell] = field(default_factory=list)
    fixed: dict[str, str] = field(default_factory=dict)

    @property
    def new_units(self) -> list[UnitCell]:
        """The units of the row the import would create."""
        return [cell for cell in self.units if cell.is_new]

    @property
    def in_trouble(self) -> bool:
        """Whether the row has a problem or names a unit the registry does not know."""
        return bool(self.problems or self.new_units)

    @property
    def must_show(self) -> bool:
        """Whether the preview shows the row whatever its length: a problem, a fix, or the first
        row naming a new unit (where its merge is offered)."""
        return bool(self.problems or self.fixed or any(c.first_row == self.row for c in self.new_units))


@dataclass
class SheetPreview:
    """Everything the spreadsheet page shows of a draft."""

    draft: ImportDraft
    columns: list[Column]
    rows: list[PreviewRow]
    total_rows: int
    problem_rows: int  # rows with a problem that stops the import
    registry: list[Unit]
    field_choices: list[tuple[str, str]]

    @property
    def has_chapters(self) -> bool:
        """Whether a column is read as the chapter (else the preview leaves that column out)."""
        return any(column.field == "chapter" for column in self.columns)


def _problem_text(code: str, value: str) -> str:
    if code == "deadline":
        return _("Unreadable deadline “%(value)s”: write it like 2014年底前 or 2014年6月30日.") % {
            "value": value
        }
    if code == "duplicate":
        return _("The project number %(value)s appears twice: correct the project's number.") % {
            "value": value
        }
    if code == "no_project":
        return _("The row names no project.")
    return _("The row cannot be imported (%(code)s).") % {"code": code}


def _unit_cells(
    values: dict[str, str], known: dict[str, Unit], merges: dict[str, Unit], suggest: dict[str, Unit | None]
) -> list[UnitCell]:
    cells: list[UnitCell] = []
    for name in ("lead_units", "co_units"):
        for part in split_units(values.get(name, "")):
            normal = normalise_unit_name(part)
            if normal and all(cell.name != normal for cell in cells):
                unit = known.get(normal)
                cells.append(
                    UnitCell(
                        normal,
                        unit=unit,
                        merged_into=merges.get(normal) if unit is None else None,
                        suggestion=suggest.get(normal),
                    )
                )
    return cells


def sheet_preview(draft: ImportDraft) -> SheetPreview:
    """The draft's sheet laid out for the spreadsheet page: its columns and its rows."""
    state: dict[str, Any] = draft.sheet or {}
    mapping, detected = mapping_of(state), mapping_of(state, "detected")
    headings: list[str] = state.get("headings") or []
    columns = [
        Column(index, heading, mapping.get(index, ""), detected.get(index, ""))
        for index, heading in enumerate(headings)
    ]
    stored: list[dict[str, Any]] = state.get("rows") or []
    problems: dict[int, list[dict[str, Any]]] = {}
    for problem in state.get("problems") or []:
        problems.setdefault(int(problem["row"]), []).append(problem)

    names = {
        normalise_unit_name(part)
        for row in stored
        for name in ("lead_units", "co_units")
        for part in split_units(row["values"].get(name, ""))
    } - {""}
    known = units_find(names)
    registry = list(Unit.objects.filter(archived_at__isnull=True).only("pk", "name").order_by("name"))
    by_pk = {unit.pk: unit for unit in registry}
    by_name = {unit.name: unit for unit in registry}
    merges = {
        str(name): by_pk[int(pk)] for name, pk in (draft.edits.get("units") or {}).items() if int(pk) in by_pk
    }
    suggest: dict[str, Unit | None] = {}
    for name in names - known.keys():
        close = difflib.get_close_matches(name, list(by_name), n=1, cutoff=0.6)
        suggest[name] = by_name[close[0]] if close else None

    fixes = fixes_of(state)
    rows: list[PreviewRow] = []
    shown_others = 0
    first_rows: dict[str, int] = {}
    for stored_row in stored:
        number = int(stored_row["row"])
        values = {key: str(value) for key, value in stored_row["values"].items()}
        found = problems.get(number, [])
        row = PreviewRow(
            row=number,
            values=values,
            problems=[_problem_text(p["code"], p.get("value", "")) for p in found],
            fix_fields=[f for f in FIXABLE if f in {_PROBLEM_FIELDS.get(p["code"]) for p in found}],
            units=_unit_cells(values, known, merges, suggest),
            fixed=fixes.get(number, {}),
        )
        for cell in row.new_units:
            cell.first_row = first_rows.setdefault(cell.name, number)
        if row.must_show:
            rows.append(row)
        elif shown_others < SHOWN_ROWS:
            shown_others += 1
            rows.append(row)
    return SheetPreview(
        draft=draft,
        columns=columns,
        rows=rows,
        total_rows=len(stored),
        problem_rows=len(problems),
        registry=registry,
        field_choices=[(key, str(label)) for key, label in FIELD_LABELS.items()],
    )
