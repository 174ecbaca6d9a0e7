"""Writes of the import wizard: create a draft, correct it, confirm it into the ledger, discard it.

Until :func:`draft_confirm` nothing is written to the ledger; the confirmation is one transaction
(unit aliases, the plan through :func:`reformtrack.ledger.services.plan_import`, the draft's removal).
Every service checks its caller: only the coordinating office imports (``PermissionDenied``), and
only a draft's owner changes it (:class:`DraftError`).
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history

from reformtrack.accounts.permissions import can_manage_programme
from reformtrack.core.text import single_line
from reformtrack.ingest import IngestError
from reformtrack.ledger.models import Unit, UnitAlias
from reformtrack.ledger.selectors_units import units_find
from reformtrack.ledger.services import plan_import
from reformtrack.ledger.units import normalise_unit_name

from .errors import DraftError
from .models import ImportDraft
from .parsed import apply_edits, item_at, parsed_from_dict, unit_names

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ingest.model import ParsedDocument, ParsedPlan
    from reformtrack.ledger.models import Plan

UNIT_NAME_MAX = 200  # Unit.name and UnitAlias.name


def _check_may_import(by: User) -> None:
    if not can_manage_programme(by):
        raise PermissionDenied("only the coordinating office imports plans")


def _check_owner(draft: ImportDraft, by: User) -> None:
    _check_may_import(by)
    if draft.owner_id != by.pk:
        raise DraftError(_("this draft belongs to someone else"))


def draft_create(
    *, owner: User, filename: str, content: bytes, revises: Plan | None = None
) -> tuple[ImportDraft, bool]:
    """Parse a plan document at once and keep it as a draft of ``owner``; nothing reaches the ledger.

    A document holding several plans becomes one draft per plan (:func:`drafts_from_document`);
    the first is returned. For scripts and tests: the web starts a background job instead
    (:func:`reformtrack.imports.uploads.upload_start`). Returns ``(draft, created)`` as
    :func:`draft_from_parsed`. Bad input raises :class:`~reformtrack.ingest.IngestError` with the
    importer's one-line message and stores nothing.
    """
    from reformtrack.ingest import parse_bytes, parse_document_bytes

    _check_may_import(owner)
    try:
        if revises is None:
            document = parse_document_bytes(content, filename)
            drafts = drafts_from_document(owner=owner, filename=filename, content=content, document=document)
            return drafts[0]
        parsed = parse_bytes(content, filename)
    except IngestError:
        raise
    except Exception as exc:
        # ingest promises IngestError for bad input; anything else is a bug, but the form still
        # shows one line the user can report instead of a server error.
        raise IngestError(
            _("%(file)s: the importer failed (%(error)s); please report this")
            % {"file": filename, "error": f"{type(exc).__name__}: {exc}"}
        ) from exc
    return draft_from_parsed(
        owner=owner,
        filename=filename,
        content=content,
        parsed=parsed,
        revises_id=revises.pk if revises is not None else None,
    )


def drafts_from_document(
    *, owner: User, filename: str, content: bytes, document: ParsedDocument
) -> list[tuple[ImportDraft, bool]]:
    """Keep each plan of a parsed document as a draft of ``owner``: one draft for a document that
    is one plan, else one per plan (``part`` 1, 2, …), so that the owner checks, confirms or
    discards each on its own. All drafts or none; each pair as :func:`draft_from_parsed` gives."""
    if not document.is_bundle:
        return [draft_from_parsed(owner=owner, filename=filename, content=content, parsed=document.plans[0])]
    with transaction.atomic():
        return [
            draft_from_parsed(owner=owner, filename=filename, content=content, parsed=plan, part=number)
            for number, plan in enumerate(document.plans, start=1)
        ]


def draft_from_parsed(
    *,
    owner: User,
    filename: str,
    content: bytes,
    parsed: ParsedPlan,
    revises_id: int | None = None,
    sheet: dict[str, Any] | None = None,
    part: int = 0,
) -> tuple[ImportDraft, bool]:
    """Keep a parsed plan document as a draft of ``owner`` (a revised document of the plan
    ``revises_id``, if given; ``sheet`` is what a ledger spreadsheet's draft keeps of its sheet).

    Returns ``(draft, created)``: the owner uploading the same document again (same SHA-256) gets
    their existing draft back, corrections and all, with ``created`` false. A plan the database
    cannot hold (NUL characters) raises :class:`~reformtrack.ingest.IngestError`; nothing is stored.
    """
    _check_may_import(owner)
    data = parsed.to_dict()
    # PostgreSQL cannot store NUL in text or jsonb (SQLite can): refuse it the same way on both.
    if "\x00" in parsed.text or "\\u0000" in json.dumps(data):
        raise IngestError(_("%(file)s: the parsed text contains NUL characters (\\x00)") % {"file": filename})
    sha256 = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        existing = ImportDraft.objects.filter(owner_id=owner.pk, sha256=sha256, part=part).first()
        if existing is not None:
            return existing, False
        draft = ImportDraft.objects.create(
            owner_id=owner.pk,
            filename=filename[:255],
            sha256=sha256,
            part=part,
            size=len(content),
            content=content,
            parsed=data,
            text=parsed.text,
            edits={},
            revises_id=revises_id,
            sheet=sheet or {},
        )
    return draft, True


def split_unit_names(text: str) -> list[str]:
    """Unit names typed in one field, separated by 、，,；; or new lines, in the normal form."""
    for separator in "，,；;\n\r":
        text = text.replace(separator, "、")
    names: list[str] = []
    for part in text.split("、"):
        name = normalise_unit_name(part)
        if name and name not in names:
            names.append(name)
    return names


def _check_unit_names(names: list[str]) -> list[str]:
    normal = [normalise_unit_name(name) for name in names]
    for name in normal:
        if not name:
            raise DraftError(_("a unit needs a name"))
        if len(name) > UNIT_NAME_MAX:
            raise DraftError(
                _("the unit name %(name)s… is longer than %(limit)d characters")
                % {"name": name[:40], "limit": UNIT_NAME_MAX}
            )
    return list(dict.fromkeys(normal))


def _locked(draft: ImportDraft) -> ImportDraft:
    locked = ImportDraft.objects.select_for_update().filter(pk=draft.pk).first()
    if locked is None:
        raise DraftError(_("this draft has been confirmed or discarded meanwhile"))
    return locked


def draft_edit(
    *,
    draft: ImportDraft,
    by: User,
    ref: str,
    title: str | None = None,
    lead_units: list[str] | None = None,
    co_units: list[str] | None = None,
    targets: list[str] | None = None,
    reviewed: bool | None = None,
) -> ImportDraft:
    """Correct one item of the draft: its title, lead units, co-units or targets (one text each).

    Arguments left ``None`` stay as they are; a value equal to what the importer found removes
    the correction. ``reviewed`` marks the item as checked, which clears its review flag on
    import. Targets are read again the way the importer reads them (see
    :func:`~reformtrack.imports.parsed.targets_from_lines`). Raises :class:`DraftError` for an
    unknown item, an empty title or a unit name the ledger cannot hold.
    """
    _check_owner(draft, by)
    changes: dict[str, Any] = {}
    if title is not None:
        title = " ".join(single_line(title).split())
        if not title:
            raise DraftError(_("a project needs a title"))
        changes["title"] = title
    if lead_units is not None:
        changes["lead_units"] = _check_unit_names(lead_units)
    if co_units is not None:
        changes["co_units"] = _check_unit_names(co_units)
    if targets is not None:
        changes["targets"] = [single_line(line) for line in targets if single_line(line)]
    if reviewed is not None:
        changes["reviewed"] = reviewed

    with transaction.atomic():
        locked = _locked(draft)
        original = item_at(parsed_from_dict(locked.parsed), ref)
        if original is None:
            raise DraftError(_("the draft has no item %(ref)s") % {"ref": ref})
        found = {
            "title": original.title,
            "lead_units": original.lead_units,
            "co_units": original.co_units,
            "targets": [target.text for target in original.targets],
            "reviewed": False,
        }
        edits = dict(locked.edits)
        items = dict(edits.get("items") or {})
        item = dict(items.get(ref) or {})
        for key, value in changes.items():
            if value == found[key]:
                item.pop(key, None)
            else:
                item[key] = value
        if item:
            items[ref] = item
        else:
            items.pop(ref, None)
        edits["items"] = items
        locked.edits = edits
        locked.save(update_fields=["edits", "updated_at"])
    draft.edits = locked.edits
    return draft


def draft_retitle(*, draft: ImportDraft, by: User, title: str) -> ImportDraft:
    """Correct the plan's title; the title the importer found removes the correction."""
    _check_owner(draft, by)
    title = " ".join(single_line(title).split())
    if not title:
        raise DraftError(_("a plan needs a title"))
    with transaction.atomic():
        locked = _locked(draft)
        edits = dict(locked.edits)
        if title == locked.parsed.get("title"):
            edits.pop("plan", None)
        else:
            edits["plan"] = {"title": title}
        locked.edits = edits
        locked.save(update_fields=["edits", "updated_at"])
    draft.edits = locked.edits
    return draft


def draft_merge_unit(*, draft: ImportDraft, by: User, name: str, into: Unit | None) -> ImportDraft:
    """Take the parsed unit name ``name`` as another name of the registry unit ``into``.

    On confirmation the name becomes an alias of ``into`` (so this and every later plan printing
    it links to that unit) instead of a new unit. ``into=None`` undoes the merge. Raises
    :class:`DraftError` when the draft does not print the name.
    """
    _check_owner(draft, by)
    normal = normalise_unit_name(name)
    with transaction.atomic():
        locked = _locked(draft)
        edited = apply_edits(parsed_from_dict(locked.parsed), locked.edits)
        if normal not in {normalise_unit_name(n) for n in unit_names(edited)}:
            raise DraftError(_("the draft names no unit %(name)s") % {"name": normal})
        edits = dict(locked.edits)
        units = dict(edits.get("units") or {})
        if into is None or into.name == normal:
            units.pop(normal, None)
        else:
            units[normal] = into.pk
        edits["units"] = units
        locked.edits = edits
        locked.save(update_fields=["edits", "updated_at"])
    draft.edits = locked.edits
    return draft


def draft_discard(*, draft: ImportDraft, by: User) -> None:
    """Delete the draft and its document; the ledger is not touched."""
    _check_owner(draft, by)
    ImportDraft.objects.filter(pk=draft.pk).delete()


def _add_aliases(merges: dict[str, int], by: User) -> None:
    """Make every merged name an alias of its unit, or refuse if the registry has moved on."""
    units = Unit.objects.in_bulk(set(merges.values()))
    known = units_find(merges)  # what each name finds now: a unit's name, an alias, a merged unit's
    names = set(Unit.objects.filter(name__in=merges, archived_at__isnull=True).values_list("name", flat=True))
    new: list[UnitAlias] = []
    for name, unit_id in sorted(merges.items()):
        unit = units.get(unit_id)
        if unit is None:
            raise DraftError(
                _("the unit chosen for %(name)s no longer exists; choose again") % {"name": name}
            )
        if unit.archived_at is not None:
            raise DraftError(
                _("%(unit)s has been merged into another unit meanwhile; choose again") % {"unit": unit.name}
            )
        found = known.get(name)
        if found is None:
            new.append(UnitAlias(unit=unit, name=name))
        elif found.pk != unit.pk:
            if name in names:
                raise DraftError(
                    _("%(name)s is a unit of its own now; merge it with %(unit)s in the unit registry")
                    % {"name": name, "unit": unit.name}
                )
            raise DraftError(
                _("%(name)s has become another name of a different unit meanwhile; choose again")
                % {"name": name}
            )
    bulk_create_with_history(new, UnitAlias, default_user=by, default_change_reason="alias added on import")


def draft_confirm(*, draft: ImportDraft, by: User) -> Plan:
    """Store the corrected draft in the ledger and delete the draft, in one transaction.

    The parsed plan with every correction applied goes through
    :func:`~reformtrack.ledger.services.plan_import` (so the same document is refused a second
    time with :class:`~reformtrack.ledger.errors.DuplicateDocument`); merged unit names become
    aliases first. A spreadsheet's draft with rows still in trouble is refused. On any error nothing
    is stored and the draft stays.
    """
    _check_owner(draft, by)
    if draft.revises_id is not None:
        raise DraftError(_("this draft is a revised document of a stored plan; apply it as an amendment"))
    if draft.progress_of_id is not None:
        raise DraftError(_("this draft is a progress update of a stored plan; apply it as one"))
    with transaction.atomic():
        locked = _locked(draft)
        troubled = {problem["row"] for problem in (locked.sheet or {}).get("problems") or []}
        if troubled:
            raise DraftError(
                ngettext(
                    "%(count)d row of the spreadsheet still has a problem; correct it in the preview first",
                    "%(count)d rows of the spreadsheet still have problems;"
                    " correct them in the preview first",
                    len(troubled),
                )
                % {"count": len(troubled)}
            )
        parsed = apply_edits(parsed_from_dict(locked.parsed, text=locked.text), locked.edits)
        _add_aliases({str(name): int(pk) for name, pk in (locked.edits.get("units") or {}).items()}, by)
        plan = plan_import(
            parsed=parsed,
            source_bytes=bytes(locked.content),
            filename=locked.filename,
            by=by,
            part=locked.part,
        )
        locked.delete()
    return plan
