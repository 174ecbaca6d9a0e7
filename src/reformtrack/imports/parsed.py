"""A draft's parsed plan as JSON and back, and the owner's corrections applied to it.

Plain Python, no Django: the JSON is :meth:`ParsedPlan.to_dict`; :func:`parsed_from_dict` reverses
it. Items are addressed by a *ref*, their 1-based place in the tree: ``"2-1"`` is the first item of
the second chapter, ``"2-1-3"`` that item's third sub-item.

The corrections (``ImportDraft.edits``) have this shape; every key is optional::

    {
      "plan":  {"title": "…"},
      "items": {"2-1": {"title": "…", "lead_units": ["…"], "co_units": ["…"],
                         "targets": ["打造2至3个网商集聚区"], "reviewed": true}},
      "units": {"区发展和改革局": 7},     # a parsed unit name → the registry unit it is another name of
    }
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any, cast

from reformtrack.ingest.model import Chapter, Item, Measure, ParsedPlan, Target
from reformtrack.ingest.notes import Note, note_from_data
from reformtrack.ingest.reasons import Reason, reason_from_data
from reformtrack.ingest.targets import find_targets
from reformtrack.ingest.timeframes import PlanPeriod

Edits = dict[str, Any]
ITEM_FIELDS = ("title", "lead_units", "co_units", "targets", "reviewed")

_REF = re.compile(r"[1-9][0-9]{0,4}(?:-[1-9][0-9]{0,4}){1,8}")


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _reasons(data: dict[str, Any]) -> list[Reason]:
    """An item's review reasons: their codes where the JSON has them, else its sentences as text."""
    codes = data.get("review_reason_codes")
    if isinstance(codes, list):
        return [reason_from_data(code) for code in codes]
    return [Reason.text(text) for text in _strings(data.get("review_reasons"))]


def _notes(data: dict[str, Any]) -> list[Note]:
    """The plan's notes: their codes where the JSON has them, else its sentences as text."""
    codes = data.get("warning_codes")
    if isinstance(codes, list):
        return [note_from_data(code) for code in codes]
    return [Note.text(text) for text in _strings(data.get("warnings"))]


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _target(data: dict[str, Any]) -> Target:
    return Target(
        text=str(data.get("text", "")),
        subject=str(data.get("subject", "")),
        min=_float(data.get("min")),
        max=_float(data.get("max")),
        unit=str(data.get("unit", "")),
        deadline=_date(data.get("deadline")),
        sentence=str(data.get("sentence", "")),
    )


def _measure(data: dict[str, Any]) -> Measure:
    return Measure(
        text=str(data.get("text", "")),
        lead_units=_strings(data.get("lead_units")),
        co_units=_strings(data.get("co_units")),
        deadline=_date(data.get("deadline")),
        deadline_text=str(data.get("deadline_text", "")),
    )


def _item(data: dict[str, Any]) -> Item:
    number = data.get("number")
    return Item(
        number=number if isinstance(number, int) else None,
        label=str(data.get("label", "")),
        title=str(data.get("title", "")),
        text=str(data.get("text", "")),
        measures=[_measure(m) for m in data.get("measures", [])],
        lead_units=_strings(data.get("lead_units")),
        co_units=_strings(data.get("co_units")),
        deadline=_date(data.get("deadline")),
        deadline_text=str(data.get("deadline_text", "")),
        targets=[_target(t) for t in data.get("targets", [])],
        children=[_item(c) for c in data.get("children", [])],
        needs_review=bool(data.get("needs_review", False)),
        review_reasons=_reasons(data),
        level=int(data.get("level", 1)),
    )


def parsed_from_dict(data: dict[str, Any], *, text: str = "") -> ParsedPlan:
    """The :class:`ParsedPlan` whose ``to_dict()`` is ``data``; ``text`` is the repaired text.

    ``to_dict`` leaves out the repaired text and the items' offsets; the text comes back from
    ``text``, the offsets stay 0 (nothing after the import uses them).
    """
    period = data.get("period") or {}
    source = data.get("source") or {}
    return ParsedPlan(
        title=str(data.get("title", "")),
        doc_number=str(data.get("doc_number", "")),
        issued=_date(data.get("issued")),
        period_start=period.get("start"),
        period_end=period.get("end"),
        preamble=str(data.get("preamble", "")),
        chapters=[
            Chapter(
                number=int(c.get("number", position)),
                title=str(c.get("title", "")),
                text=str(c.get("text", "")),
                is_safeguards=bool(c.get("is_safeguards", False)),
                targets=[_target(t) for t in c.get("targets", [])],
                items=[_item(i) for i in c.get("items", [])],
            )
            for position, c in enumerate(data.get("chapters", []), start=1)
        ],
        warnings=_notes(data),
        text=text,
        source_format=str(source.get("format", "")),
        source_encoding=str(source.get("encoding", "")),
    )


def is_ref(ref: str) -> bool:
    """Whether ``ref`` has the shape of an item ref (``2-1``, ``2-1-3``)."""
    return bool(_REF.fullmatch(ref))


def walk_refs(plan: ParsedPlan) -> Iterator[tuple[str, Item]]:
    """(ref, item) for every item of the plan, depth first, in printed order."""

    def visit(prefix: str, items: list[Item]) -> Iterator[tuple[str, Item]]:
        for position, item in enumerate(items, start=1):
            ref = f"{prefix}-{position}"
            yield ref, item
            yield from visit(ref, item.children)

    for position, chapter in enumerate(plan.chapters, start=1):
        yield from visit(str(position), chapter.items)


def item_at(plan: ParsedPlan, ref: str) -> Item | None:
    """The item ``ref`` addresses, or None if there is none."""
    if not is_ref(ref):
        return None
    first, *rest = (int(part) - 1 for part in ref.split("-"))
    if first >= len(plan.chapters):
        return None
    items = plan.chapters[first].items
    found: Item | None = None
    for index in rest:
        if index >= len(items):
            return None
        found = items[index]
        items = found.children
    return found


def targets_from_lines(lines: list[str], *, plan: ParsedPlan) -> list[Target]:
    """Targets typed by a person, one per line, read the way the importer reads them.

    A line the target reader finds a quantity in keeps the whole line as its text with the
    subject, range and unit found; a line without one is stored as text only.
    """
    period = PlanPeriod(plan.period_start, plan.period_end, plan.issued)
    targets: list[Target] = []
    for line in lines:
        found = find_targets(line, period=period)
        if found:
            first = found[0]
            targets.append(
                Target(line, first.subject, first.min, first.max, first.unit, first.deadline, sentence=line)
            )
        else:
            targets.append(Target(line, "", None, None, "", sentence=line))
    return targets


def apply_edits(plan: ParsedPlan, edits: Edits) -> ParsedPlan:
    """A copy of ``plan`` with the corrections in ``edits``; ``plan`` itself is left as it was.

    A corrected item keeps its review flag unless it is marked ``reviewed``, which clears the flag
    and its reasons (a person has checked it). Unit merges (``edits["units"]``) are not applied to
    the names: the registry maps the parsed name to the unit once the alias exists.
    """
    result = copy.deepcopy(plan)
    plan_edits = cast(dict[str, Any], edits.get("plan") or {})
    if plan_edits.get("title"):
        result.title = str(plan_edits["title"])
    item_edits = cast(dict[str, dict[str, Any]], edits.get("items") or {})
    for ref, change in item_edits.items():
        item = item_at(result, ref)
        if item is None:
            continue
        if "title" in change:
            item.title = str(change["title"])
        if "lead_units" in change:
            item.lead_units = _strings(change["lead_units"])
        if "co_units" in change:
            item.co_units = _strings(change["co_units"])
        if "targets" in change:
            item.targets = targets_from_lines(_strings(change["targets"]), plan=result)
        if change.get("reviewed"):
            item.needs_review = False
            item.review_reasons = []
    return result


def unit_names(plan: ParsedPlan) -> list[str]:
    """Every unit name the plan prints (items and measures), first appearance first, no repeats."""
    seen: dict[str, None] = {}
    for item in plan.items():
        for name in (*item.lead_units, *item.co_units):
            seen.setdefault(name, None)
        for measure in item.measures:
            for name in (*measure.lead_units, *measure.co_units):
                seen.setdefault(name, None)
    return list(seen)
