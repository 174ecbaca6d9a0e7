"""A ledger (台账) draft's spreadsheet state: what is kept of the sheet, and the words for its fields.

A draft made from a spreadsheet keeps, next to its parsed plan, the sheet as the wizard shows it
(:attr:`~reformtrack.imports.models.ImportDraft.sheet`): the column headings, the mapping found and
the one in use, the rows as read through it, each row's problems (as codes, worded when shown) and
the owner's row fixes. The uploaded bytes stay with the draft, so a new mapping or a fix reads the
file again through :func:`reformtrack.ingest.pipeline.preview_sheet`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from reformtrack.ingest.sheet_plan import LedgerSheet, RowProblem

# the fields a column can hold (ingest.sheet_header.FIELDS), worded for the mapping's selects
FIELD_LABELS: dict[str, Promise] = {
    "": _("— not imported —"),
    "number": _("Number (序号)"),
    "chapter": _("Chapter / area"),
    "project": _("Project (重点任务)"),
    "measure": _("Measure (具体举措)"),
    "lead_units": _("Lead units"),
    "co_units": _("Co-units"),
    "targets": _("Targets"),
    "deadline": _("Deadline"),
    "progress": _("Progress (进展情况)"),
    "status": _("Completion (完成情况)"),
    "percent": _("Percent done"),
    "flags": _("Flags"),
    "note": _("Note (备注)"),
}
# the fields a person may fix in one row of the preview
FIXABLE = ("project", "deadline")


def mapping_of(state: Mapping[str, Any], key: str = "mapping") -> dict[int, str]:
    """A stored mapping (JSON keys are text) as column index → field."""
    return {int(column): str(name) for column, name in (state.get(key) or {}).items()}


def fixes_of(state: Mapping[str, Any]) -> dict[int, dict[str, str]]:
    """The stored row fixes as row number → field → text."""
    return {int(row): dict(values) for row, values in (state.get("fixes") or {}).items()}


def sheet_state(
    ledger: LedgerSheet,
    problems: list[RowProblem],
    *,
    fixes: Mapping[int, Mapping[str, str]] | None = None,
    detected: Mapping[int, str] | None = None,
) -> dict[str, Any]:
    """What a draft keeps of a ledger read: headings, mappings, rows, problems and fixes."""
    return {
        "headings": list(ledger.header.headings),
        "detected": {str(k): v for k, v in (detected or ledger.header.mapping).items()},
        "mapping": {str(k): v for k, v in ledger.mapping.items()},
        "rows": [{"row": row.row, "values": row.values} for row in ledger.rows],
        "problems": [{"row": p.row, "code": p.code, "value": p.value} for p in problems],
        "fixes": {str(row): dict(values) for row, values in (fixes or {}).items()},
    }
