"""Reads of the import wizard: a user's drafts, and one draft laid out for review.

A draft is only ever found through its owner, so another user asking for it gets nothing (the
views answer 404). Laying out a draft costs a fixed number of queries whatever its size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from reformtrack.ingest.model import Chapter, Item, ParsedPlan
from reformtrack.ledger.models import Plan, Unit
from reformtrack.ledger.selectors import plan_by_sha256
from reformtrack.ledger.selectors_units import units_find
from reformtrack.ledger.units import normalise_unit_name

from .models import ImportDraft, ImportUpload
from .parsed import apply_edits, item_at, parsed_from_dict, unit_names, walk_refs

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser


def upload_of(user: AbstractBaseUser | AnonymousUser, pk: int) -> ImportUpload | None:
    """The user's upload ``pk`` with its job, without the document bytes; None if not theirs."""
    if not user.is_authenticated:
        return None
    return (
        ImportUpload.objects.filter(owner_id=user.pk, pk=pk)
        .select_related("job")
        .defer("content", "job__result")
        .first()
    )


def drafts_of(user: AbstractBaseUser | AnonymousUser) -> QuerySet[ImportDraft]:
    """The user's drafts, newest first, without the document, the parsed plan or the text."""
    if not user.is_authenticated:
        return ImportDraft.objects.none()
    return ImportDraft.objects.filter(owner_id=user.pk).defer("content", "parsed", "text", "edits")


def draft_siblings(draft: ImportDraft) -> list[ImportDraft]:
    """The owner's other drafts of the same document holding several plans, in the document's
    order, without their contents; none (and no query) for a draft that is a whole document."""
    if not draft.part:
        return []
    siblings = ImportDraft.objects.filter(owner_id=draft.owner_id, sha256=draft.sha256, part__gt=0)
    return list(siblings.exclude(pk=draft.pk).order_by("part").only("pk", "part", "filename", "owner_id"))


def draft_of(user: AbstractBaseUser | AnonymousUser, pk: int) -> ImportDraft | None:
    """The user's draft ``pk`` without its document bytes, or None if it is not theirs or not there."""
    if not user.is_authenticated:
        return None
    return ImportDraft.objects.filter(owner_id=user.pk, pk=pk).defer("content").first()


@dataclass
class ItemRow:
    """An item of the draft as shown: corrected, with what the importer found next to it."""

    ref: str
    item: Item
    original: Item
    depth: int
    edited: frozenset[str]

    @property
    def target_lines(self) -> str:
        """The targets as the edit form shows them: one per line."""
        return "\n".join(target.text for target in self.item.targets)


@dataclass
class ChapterRow:
    """A chapter and its items (all levels, depth first)."""

    position: int
    chapter: Chapter
    rows: list[ItemRow] = field(default_factory=list)


@dataclass
class UnitRow:
    """A unit name the draft prints and what the registry makes of it.

    ``unit`` is the registry unit the name already matches (by name or alias); ``merged_into``
    the unit the owner merged it with; neither means the import will create a new unit.
    """

    name: str
    unit: Unit | None = None
    merged_into: Unit | None = None

    @property
    def is_new(self) -> bool:
        """Whether the import would add this name to the registry as a unit of its own."""
        return self.unit is None and self.merged_into is None


@dataclass
class DraftReview:
    """Everything the review page shows about a draft."""

    draft: ImportDraft
    plan: ParsedPlan
    original_title: str
    chapters: list[ChapterRow]
    units: list[UnitRow]
    registry: list[Unit]
    duplicate_of: Plan | None

    @property
    def rows(self) -> list[ItemRow]:
        """Every item, depth first, in printed order."""
        return [row for chapter in self.chapters for row in chapter.rows]

    @property
    def flagged(self) -> list[ItemRow]:
        """The items still marked for a person to check."""
        return [row for row in self.rows if row.item.needs_review]

    @property
    def known_units(self) -> list[UnitRow]:
        """The names the registry already knows, by name or alias."""
        return [row for row in self.units if row.unit is not None]

    @property
    def unmatched_units(self) -> list[UnitRow]:
        """The names the registry does not know: new units unless merged with a registry unit."""
        return [row for row in self.units if row.unit is None]

    @property
    def new_units(self) -> list[UnitRow]:
        """The names the import would add to the registry as units of their own."""
        return [row for row in self.units if row.is_new]


def draft_parsed(draft: ImportDraft) -> ParsedPlan:
    """The draft's plan with the owner's corrections applied, as it would be imported."""
    return apply_edits(parsed_from_dict(draft.parsed, text=draft.text), draft.edits)


def draft_review(draft: ImportDraft) -> DraftReview:
    """The draft laid out for the review page, in five queries whatever its size."""
    original = parsed_from_dict(draft.parsed)
    plan = apply_edits(original, draft.edits)
    item_edits = draft.edits.get("items") or {}

    chapters = [ChapterRow(position, chapter) for position, chapter in enumerate(plan.chapters, start=1)]
    for ref, item in walk_refs(plan):
        found = item_at(original, ref)
        assert found is not None  # the corrections never add or remove items
        chapters[int(ref.split("-")[0]) - 1].rows.append(
            ItemRow(
                ref=ref,
                item=item,
                original=found,
                depth=ref.count("-"),
                edited=frozenset(item_edits.get(ref) or {}),
            )
        )

    names = [name for name in dict.fromkeys(normalise_unit_name(n) for n in unit_names(plan)) if name]
    known = units_find(names)
    registry = list(Unit.objects.filter(archived_at__isnull=True).only("pk", "name").order_by("name"))
    by_pk = {unit.pk: unit for unit in registry}
    merges: dict[str, int] = draft.edits.get("units") or {}
    units = [
        UnitRow(
            name=name,
            unit=known.get(name),
            merged_into=by_pk.get(merges[name]) if name in merges and name not in known else None,
        )
        for name in names
    ]
    return DraftReview(
        draft=draft,
        plan=plan,
        original_title=original.title,
        chapters=chapters,
        units=units,
        registry=registry,
        duplicate_of=plan_by_sha256(draft.sha256, draft.part),
    )
