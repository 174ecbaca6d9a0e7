"""Reading django-simple-history's records as a page shows them: who changed which field, from what to what.

Each record is compared with the record before it of the same object by simple-history's own
``HistoricalRecord.diff_against``; the fields are named by their ``verbose_name`` (translated) and the
values shown by their display: a choice by its label, a foreign key by the name of what it points at, a
flag as yes/no. The cost is one query per source plus one per model that foreign keys point at,
whatever the length of the history: the records of a source are read at once and paired in memory
(``prev_record`` would cost a query per record), and the objects the foreign keys name are read together.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext as _

from .change_reasons import change_reason_text

# Bookkeeping every history page leaves out: the primary key, the optimistic-lock counter, the order.
SKIPPED_FIELDS = frozenset({"id", "version", "position"})

RawChange = tuple[models.Field[Any, Any], Any, Any]  # a field, its old and its new value, not yet shown

_KINDS = {"+": "created", "~": "changed", "-": "deleted"}
_LONGEST_VALUE = 300
_LONGEST_SUBJECT = 40


@dataclass
class Change:
    """One field changed by one saved record, as shown: the field's name, the old and the new value."""

    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    """One record of the history: who saved what, when."""

    when: dt.datetime
    who: str
    kind: str  # "created", "changed", "deleted"
    subject: str  # what the record is about: "milestone: 完成方案制定"
    label: str = ""  # the kind of object: project, milestone, measure, target
    reason: str = ""  # the service's note when no field shows the change (an assignment of units)
    changes: list[Change] = field(default_factory=list)


@dataclass(frozen=True)
class HistorySource:
    """The historical records of one kind of object, what to call that kind, and fields left out."""

    records: models.QuerySet[Any]
    label: str
    skip: frozenset[str] = frozenset()


def person_name(user: Any) -> str:
    """A person as the pages name them: the full name, else the user name."""
    return str(user.get_full_name() or user.get_username())


def records_of(obj: models.Model, *, limit: int | None = None) -> list[Any]:
    """An object's historical records, newest first, each with the user who saved it.

    For the pages that list the saves of one object (a report's versions, an order's, a bulletin's, a
    plan's light rules) rather than their field-by-field changes.
    """
    records = obj.history.select_related("history_user").order_by(  # type: ignore[attr-defined]
        "-history_date", "-history_id"
    )
    return list(records if limit is None else records[:limit])


def history_entries(sources: Iterable[HistorySource], *, limit: int | None = None) -> list[HistoryEntry]:
    """The entries of every source, newest first, an import's run of created objects merged into one.

    A created object's entry names it and lists no fields; a save that changed nothing shown and gave no
    reason is left out.
    """
    entries: list[HistoryEntry] = []
    pending: list[tuple[HistoryEntry, list[RawChange]]] = []
    for source in sources:
        for entry, raw in _source_entries(source):
            entries.append(entry)
            pending.append((entry, raw))
    names = _related_names(raw for _, raw in pending)
    for entry, raw in pending:
        entry.changes = [
            Change(
                field=str(model_field.verbose_name),
                old=display_value(model_field, old, names),
                new=display_value(model_field, new, names),
            )
            for model_field, old, new in raw
        ]
    entries.sort(key=lambda entry: entry.when, reverse=True)
    entries = _grouped(entries)
    return entries[:limit] if limit is not None else entries


def _source_entries(
    source: HistorySource,
) -> Iterable[tuple[HistoryEntry, list[RawChange]]]:
    """One source's entries, each with its raw changes (field, old value, new value) still to display."""
    records = source.records.select_related("history_user").order_by("id", "history_date", "history_id")
    model = source.records.model.instance_type
    fields = [
        f for f in model._meta.concrete_fields if f.name not in SKIPPED_FIELDS and f.name not in source.skip
    ]
    tracked = {f.name for f in records.model.tracked_fields}
    # diff_against reads the values through model_to_dict, which knows only editable fields
    fields = [f for f in fields if f.name in tracked and f.editable]
    order = {f.name: index for index, f in enumerate(fields)}
    previous: dict[Any, Any] = {}
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        kind = _KINDS.get(record.history_type, "changed")
        raw = _raw_changes(record, before, kind, fields, order)
        reason = str(getattr(record, "history_change_reason", None) or "")
        if kind == "changed" and not raw and not reason:
            continue  # saved without a visible change
        entry = HistoryEntry(
            when=record.history_date,
            who=person_name(record.history_user) if record.history_user else _("the system"),
            kind=kind,
            subject=_subject(record, source.label),
            label=str(source.label),
            reason=change_reason_text(reason, model) if not raw else "",
        )
        yield entry, raw


def _raw_changes(
    record: Any,
    before: Any,
    kind: str,
    fields: Sequence[models.Field[Any, Any]],
    order: dict[str, int],
) -> list[RawChange]:
    """What the record changed against the one before it, through simple-history's ``diff_against``."""
    if kind == "created":
        return []  # a new object: its title is the subject, not a list of every field
    by_name = {f.name: f for f in fields}
    if before is None:
        # no earlier record to compare with (history begun after the object): the values it holds
        return [(f, None, v) for f in fields if (v := getattr(record, f.attname, None)) not in (None, "")]
    delta = record.diff_against(before, included_fields=list(by_name))
    changes = sorted(delta.changes, key=lambda change: order[change.field])
    return [(by_name[change.field], change.old, change.new) for change in changes]


def _related_names(raws: Iterable[list[RawChange]]) -> dict[Any, dict[Any, str]]:
    """The names of what foreign keys point at, one query per model pointed at."""
    wanted: dict[Any, set[Any]] = defaultdict(set)
    for raw in raws:
        for model_field, old, new in raw:
            if model_field.is_relation and model_field.related_model is not None:
                wanted[model_field.related_model].update(v for v in (old, new) if v is not None)
    names: dict[Any, dict[Any, str]] = {}
    user_model = get_user_model()
    for related, keys in wanted.items():
        objects = related._default_manager.filter(pk__in=keys)
        names[related] = {obj.pk: person_name(obj) if related is user_model else str(obj) for obj in objects}
    return names


def display_value(model_field: models.Field[Any, Any], value: Any, names: dict[Any, dict[Any, str]]) -> str:
    """A value as the pages show it: a choice by its label, a foreign key by its object's name."""
    if value is None or value == "":
        return "—"
    if model_field.is_relation and model_field.related_model is not None:
        return names.get(model_field.related_model, {}).get(value, f"#{value}")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    text = str(value)
    return text if len(text) <= _LONGEST_VALUE else text[:_LONGEST_VALUE] + "…"


def _subject(record: Any, label: str) -> str:
    text = str(getattr(record, "title", None) or getattr(record, "text", None) or "")
    if len(text) > _LONGEST_SUBJECT:
        text = text[:_LONGEST_SUBJECT] + "…"
    return f"{label}: {text}" if text else str(label)


def _grouped(entries: list[HistoryEntry]) -> list[HistoryEntry]:
    """Merge runs of objects of one kind created by one person at one moment (an import) into one entry."""
    merged: list[HistoryEntry] = []
    counts: list[int] = []
    for entry in entries:
        last = merged[-1] if merged else None
        if (
            last is not None
            and entry.kind == last.kind == "created"
            and entry.who == last.who
            and entry.label == last.label
            and abs((last.when - entry.when).total_seconds()) < 60
        ):
            counts[-1] += 1
            continue
        merged.append(entry)
        counts.append(1)
    for entry, count in zip(merged, counts, strict=True):
        if count > 1:
            entry.subject = _("%(count)d × %(what)s") % {"count": count, "what": entry.label}
    return merged
