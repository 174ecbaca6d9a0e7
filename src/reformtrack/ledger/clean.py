"""A parsed plan's words made safe to store: one-line fields on one line, no stray control characters.

A plan comes from a document or from the import wizard's corrections; either can carry a line
break inside a title or a control character inside a name. Titles, labels, unit names, deadlines
in words and targets are one line (:func:`single_line`); running texts keep their line breaks but
lose other control characters (:func:`multi_line`). Plain Python, no database.
"""

from __future__ import annotations

from dataclasses import replace

from reformtrack.core.text import multi_line, single_line
from reformtrack.ingest.model import Chapter, Item, Measure, ParsedPlan, Target


def _names(names: list[str]) -> list[str]:
    return [single_line(name) for name in names]


def _target(target: Target) -> Target:
    return replace(
        target,
        text=single_line(target.text),
        subject=single_line(target.subject),
        unit=single_line(target.unit),
        sentence=single_line(target.sentence),
    )


def _measure(measure: Measure) -> Measure:
    return replace(
        measure,
        text=multi_line(measure.text).strip(),
        lead_units=_names(measure.lead_units),
        co_units=_names(measure.co_units),
        deadline_text=single_line(measure.deadline_text),
    )


def _item(item: Item) -> Item:
    return replace(
        item,
        label=single_line(item.label),
        title=single_line(item.title),
        text=multi_line(item.text),
        measures=[_measure(measure) for measure in item.measures],
        lead_units=_names(item.lead_units),
        co_units=_names(item.co_units),
        deadline_text=single_line(item.deadline_text),
        targets=[_target(target) for target in item.targets],
        children=[_item(child) for child in item.children],
    )


def _chapter(chapter: Chapter) -> Chapter:
    return replace(
        chapter,
        title=single_line(chapter.title),
        text=multi_line(chapter.text),
        targets=[_target(target) for target in chapter.targets],
        items=[_item(item) for item in chapter.items],
    )


def plan_cleaned(parsed: ParsedPlan) -> ParsedPlan:
    """A copy of ``parsed`` with its single-line fields on one line and its running texts free of
    control characters other than newline and tab. ``parsed.text``, the document as read, is kept
    as it is: the items' offsets point into it."""
    return replace(
        parsed,
        title=single_line(parsed.title),
        doc_number=single_line(parsed.doc_number),
        preamble=multi_line(parsed.preamble),
        chapters=[_chapter(chapter) for chapter in parsed.chapters],
    )
