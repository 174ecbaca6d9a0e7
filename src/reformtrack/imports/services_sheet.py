"""Writes of a ledger (台账) draft: make it from a spreadsheet, change its column mapping, fix a row.

A spreadsheet's draft is made even when rows have problems (an unreadable deadline, a project
number twice): the wizard shows each row's problem, and :func:`~reformtrack.imports.services.
draft_confirm` refuses until none is left. A new mapping or a row fix reads the stored upload again
(the bytes stay with the draft) and replaces the parsed plan; nothing reaches the ledger.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from reformtrack.core.text import single_line
from reformtrack.ingest import IngestError
from reformtrack.ingest.sheet_header import CORE_FIELDS, FIELDS

from .errors import DraftError, ingest_words
from .services import _check_may_import, _check_owner, _locked, draft_from_parsed
from .sheet import FIELD_LABELS, FIXABLE, fixes_of, mapping_of, sheet_state

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .models import ImportDraft

FIX_MAX = 1000  # characters of one fixed cell


def draft_from_sheet(
    *, owner: User, filename: str, content: bytes, revises_id: int | None = None
) -> tuple[ImportDraft, bool]:
    """Read a ledger spreadsheet and keep it as a draft of ``owner``, problems of rows and all.

    Returns ``(draft, created)`` as :func:`~reformtrack.imports.services.draft_from_parsed`. Raises
    :class:`~reformtrack.ingest.IngestError` when there is no ledger to show (no header, formula
    cells, an empty sheet); nothing is stored then.
    """
    from reformtrack.ingest.pipeline import preview_sheet

    _check_may_import(owner)
    ledger, parsed, problems = preview_sheet(content, filename)
    return draft_from_parsed(
        owner=owner,
        filename=filename,
        content=content,
        parsed=parsed,
        revises_id=revises_id,
        sheet=sheet_state(ledger, problems),
    )


def check_sheet_mapping(mapping: Mapping[int, str]) -> None:
    """Refuse, in the user's words, a mapping a ledger cannot be read with (:class:`DraftError`):
    an unknown field, a field chosen for two columns, no project or measure column."""
    used = [name for name in mapping.values() if name]
    unknown = sorted(set(used) - FIELDS.keys())
    if unknown:
        raise DraftError(_("Unknown column meaning: %(names)s.") % {"names": "、".join(unknown)})
    for name in dict.fromkeys(used):
        if used.count(name) > 1:
            raise DraftError(
                _("“%(field)s” is chosen for %(count)d columns; choose it for one column only.")
                % {"field": FIELD_LABELS[name], "count": used.count(name)}
            )
    if not any(name in used for name in CORE_FIELDS):
        raise DraftError(
            _(
                "No column holds the project titles: choose “%(project)s” or “%(measure)s” for one"
                " column, or the ledger cannot be read."
            )
            % {"project": FIELD_LABELS["project"], "measure": FIELD_LABELS["measure"]}
        )


def _reread(locked: ImportDraft, mapping: dict[int, str], fixes: dict[int, dict[str, str]]) -> None:
    """Read the draft's stored spreadsheet again with ``mapping`` and ``fixes``; replace its plan."""
    from reformtrack.ingest.pipeline import preview_sheet

    try:
        ledger, parsed, problems = preview_sheet(bytes(locked.content), locked.filename, mapping, fixes)
    except IngestError as exc:
        raise DraftError(
            _("The ledger cannot be read this way: %(error)s") % {"error": ingest_words(exc)}
        ) from exc
    detected = mapping_of(locked.sheet, "detected")
    changed = mapping != mapping_of(locked.sheet)
    locked.parsed = parsed.to_dict()
    locked.text = parsed.text
    locked.sheet = sheet_state(ledger, problems, fixes=fixes, detected=detected or None)
    if changed:
        # the items may be others now: corrections by item no longer fit; unit merges and the
        # plan's title are by name and stay
        edits: dict[str, Any] = dict(locked.edits)
        edits.pop("items", None)
        locked.edits = edits
    locked.save(update_fields=["parsed", "text", "sheet", "edits", "updated_at"])


def draft_remap(*, draft: ImportDraft, by: User, mapping: Mapping[int, str]) -> ImportDraft:
    """Read the draft's spreadsheet again with the owner's column ``mapping`` (column → field).

    Raises :class:`DraftError` for a draft that is not a spreadsheet's, a mapping the ledger cannot
    be read with (see :func:`check_sheet_mapping`) or a sheet that does not read with it; the draft
    then stays as it was. Corrections of items are dropped when the mapping changes.
    """
    _check_owner(draft, by)
    chosen = {int(column): str(name) for column, name in mapping.items()}
    check_sheet_mapping(chosen)
    with transaction.atomic():
        locked = _locked(draft)
        if not locked.sheet:
            raise DraftError(_("this draft is not a spreadsheet's"))
        width = len(locked.sheet.get("headings") or [])
        if any(column < 0 or column >= width for column in chosen):
            raise DraftError(_("the spreadsheet has no such column"))
        _reread(locked, chosen, fixes_of(locked.sheet))
    draft.refresh_from_db()
    return draft


def draft_fix_row(*, draft: ImportDraft, by: User, row: int, values: Mapping[str, str]) -> ImportDraft:
    """Replace cells of one spreadsheet row (its project or deadline) and read the sheet again.

    An empty text empties the cell; the file itself is not changed. Raises :class:`DraftError` for
    a row the sheet does not have or a field that cannot be fixed here.
    """
    _check_owner(draft, by)
    fixed = {name: single_line(str(text))[:FIX_MAX].strip() for name, text in values.items()}
    if not fixed or any(name not in FIXABLE for name in fixed):
        raise DraftError(_("only a row's project and deadline can be corrected here"))
    with transaction.atomic():
        locked = _locked(draft)
        if not any(stored["row"] == row for stored in locked.sheet.get("rows") or []):
            raise DraftError(_("the spreadsheet has no row %(row)d") % {"row": row})
        fixes = fixes_of(locked.sheet)
        fixes[row] = {**fixes.get(row, {}), **fixed}
        _reread(locked, mapping_of(locked.sheet), fixes)
    draft.refresh_from_db()
    return draft
