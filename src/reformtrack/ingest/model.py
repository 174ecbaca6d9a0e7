"""The parsed plan: plain dataclasses, the contract between ingest's stages and its users.

Dates are ``datetime.date``; ``to_dict`` gives the JSON shape that ``reformtrack parse --json``
prints (see the foundation issue). Nothing here knows about Django.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .notes import Note, render_note
from .reasons import Reason, render


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class Doubt:
    """A span of the repaired text that was not recovered with certainty.

    ``start``/``end`` are offsets into the repaired text; ``reason`` says what a person should
    check, as a code and its parameters.
    """

    start: int
    end: int
    reason: Reason


@dataclass
class Target:
    """A quantified aim such as ``打造2至3个网商集聚区`` or ``满意度达95%以上``."""

    text: str
    subject: str
    min: float | None
    max: float | None
    unit: str
    deadline: dt.date | None = None
    # the whole sentence the target was read from, for a person to check it against
    sentence: str = ""

    def to_dict(self) -> dict[str, Any]:
        def num(v: float | None) -> float | int | None:
            if v is None:
                return None
            return int(v) if float(v).is_integer() else v

        return {
            "text": self.text,
            "subject": self.subject,
            "min": num(self.min),
            "max": num(self.max),
            "unit": self.unit,
            "deadline": _iso(self.deadline),
            "sentence": self.sentence,
        }


@dataclass
class Measure:
    """One concrete action inside an item, usually one clause between ``；``."""

    text: str
    lead_units: list[str] = field(default_factory=list)
    co_units: list[str] = field(default_factory=list)
    deadline: dt.date | None = None
    deadline_text: str = ""
    # Generic bodies named beside the units (相关部门, 各地区): kept as printed, never units.
    unit_notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "lead_units": list(self.lead_units),
            "co_units": list(self.co_units),
            "unit_notes": list(self.unit_notes),
            "deadline": _iso(self.deadline),
            "deadline_text": self.deadline_text,
        }


@dataclass
class Item:
    """A numbered (or unnumbered) item of a chapter: a reform project or a sub-item of one.

    ``label`` is the numbering as printed, normalised (``（一）``, ``1.``, ``（1）``, or ``""``).
    ``start``/``end`` are offsets of the item's whole text in the repaired document.
    """

    number: int | None
    label: str
    title: str
    text: str
    measures: list[Measure] = field(default_factory=list)
    lead_units: list[str] = field(default_factory=list)
    co_units: list[str] = field(default_factory=list)
    deadline: dt.date | None = None
    deadline_text: str = ""
    targets: list[Target] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    needs_review: bool = False
    review_reasons: list[Reason] = field(default_factory=list)
    level: int = 1
    start: int = 0
    end: int = 0
    # Generic bodies named beside the units (相关部门, 各地区): kept as printed, never units.
    unit_notes: list[str] = field(default_factory=list)

    def flag(self, reason: Reason) -> None:
        """Mark the item for a person to check, once per distinct reason."""
        self.needs_review = True
        if reason not in self.review_reasons:
            self.review_reasons.append(reason)

    def walk(self) -> list[Item]:
        """This item and all its descendants, depth first, in printed order."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The item as JSON; its review reasons worded in ``lang`` (Chinese by default), their
        codes and parameters beside them in the same order."""
        return {
            "number": self.number,
            "label": self.label,
            "title": self.title,
            "needs_review": self.needs_review,
            "review_reasons": [render(reason, lang) for reason in self.review_reasons],
            "review_reason_codes": [reason.to_dict() for reason in self.review_reasons],
            "text": self.text,
            "measures": [m.to_dict() for m in self.measures],
            "lead_units": list(self.lead_units),
            "co_units": list(self.co_units),
            "unit_notes": list(self.unit_notes),
            "deadline": _iso(self.deadline),
            "deadline_text": self.deadline_text,
            "targets": [t.to_dict() for t in self.targets],
            "children": [c.to_dict(lang) for c in self.children],
            "level": self.level,
        }


@dataclass
class Chapter:
    """A top-level section ``一、…``; ``text`` holds paragraphs that are not items (goals, intro).

    ``targets`` are the quantified aims of that text: a 总体要求和目标 chapter's 主要目标.
    """

    number: int
    title: str
    items: list[Item] = field(default_factory=list)
    text: str = ""
    targets: list[Target] = field(default_factory=list)
    is_safeguards: bool = False
    start: int = 0
    end: int = 0

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "text": self.text,
            "is_safeguards": self.is_safeguards,
            "targets": [t.to_dict() for t in self.targets],
            "items": [i.to_dict(lang) for i in self.items],
        }


@dataclass
class ParsedPlan:
    """A whole plan as parsed from one document."""

    title: str
    doc_number: str = ""
    issued: dt.date | None = None
    period_start: int | None = None
    period_end: int | None = None
    preamble: str = ""
    chapters: list[Chapter] = field(default_factory=list)
    # the importer's notes on the whole plan (.notes), worded when shown
    warnings: list[Note] = field(default_factory=list)
    text: str = ""
    source_format: str = ""
    source_encoding: str = ""

    def items(self) -> list[Item]:
        """Every item of every chapter, depth first, in printed order."""
        out: list[Item] = []
        for chapter in self.chapters:
            for item in chapter.items:
                out.extend(item.walk())
        return out

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The JSON of ``reformtrack parse --json`` (docs/cli.md); review reasons worded in ``lang``."""
        return {
            "title": self.title,
            "doc_number": self.doc_number,
            "issued": _iso(self.issued),
            "period": {"start": self.period_start, "end": self.period_end},
            "preamble": self.preamble,
            "chapters": [c.to_dict(lang) for c in self.chapters],
            "warnings": [render_note(note, lang) for note in self.warnings],
            "warning_codes": [note.to_dict() for note in self.warnings],
            "source": {"format": self.source_format, "encoding": self.source_encoding},
        }


@dataclass
class ParsedDocument:
    """A document as parsed: one plan, or a wrapper (a 通知 with its 附件, or 方案 printed in a row)
    holding several plans, each parsed on its own.

    ``title``, ``doc_number`` and ``issued`` are the document's own (the 通知's); for a single plan
    they are the plan's. ``is_bundle`` tells the two apart.
    """

    title: str
    doc_number: str = ""
    issued: dt.date | None = None
    plans: list[ParsedPlan] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)

    @property
    def is_bundle(self) -> bool:
        """True when the document holds more than one plan."""
        return len(self.plans) > 1

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The JSON of ``reformtrack parse --json``: a single plan's own shape, else the wrapper's
        ``title``, ``doc_number`` and ``issued`` with ``plans`` in that shape."""
        if not self.is_bundle:
            return self.plans[0].to_dict(lang)
        return {
            "title": self.title,
            "doc_number": self.doc_number,
            "issued": _iso(self.issued),
            "plans": [plan.to_dict(lang) for plan in self.plans],
            "warnings": [render_note(note, lang) for note in self.warnings],
            "warning_codes": [note.to_dict() for note in self.warnings],
        }


@dataclass(frozen=True)
class DocumentProperties:
    """What the file says about itself outside the text: an HTML page's ``<meta>`` tags and
    metadata table (发文字号 | …), a Word document's core properties. Strings as found, ``""`` if none."""

    title: str = ""
    doc_number: str = ""
    issued: str = ""


@dataclass(frozen=True)
class DocTable:
    """A task table (重点任务分工表) lifted out of a document's text by its reader.

    ``rows`` are the table's rows as cell texts on the table's grid: a merged cell's text fills
    every grid cell it covers (a 牵头单位 merged down repeats in each row, a heading merged across
    repeats in each column), as a spreadsheet's merged ranges do in :mod:`.read_sheet`.
    ``caption`` is the table's title as printed above it (``附件1：`` taken off), or ``""``.
    ``line`` is where it stood: the number of the text's lines (``\n``-separated) above it, or
    ``-1`` when not known; it tells which plan of a document holding several the table is of.
    ``attachment``: an ``附件N`` line stood above it (taken with the caption), so the table is an
    attachment of its own, not part of the text before it.
    """

    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    line: int = field(default=-1, compare=False)
    attachment: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class RawDocument:
    """The text of a document as read, before any repair.

    ``text`` holds one paragraph per line with ``\\n`` line endings; ``format`` is one of
    ``'txt'``, ``'html'``, ``'docx'``, ``'pdf'``, ``'ofd'``; ``encoding`` is the detected text encoding for
    txt/html (``'utf-8'``, ``'gb18030'``, ``'big5'``, or ``'utf-16'`` for files with a UTF-16
    byte-order mark) and ``None`` for docx/pdf; ``properties`` is what the file says about itself.
    ``tables`` are the task tables the reader took out of ``text`` (tables of other kinds stay in
    it, one row per line), for the pipeline to make items of (:mod:`.task_tables`).
    """

    text: str
    format: str
    encoding: str | None
    # not part of equality: two reads of the same text are the same document
    properties: DocumentProperties = field(default_factory=DocumentProperties, compare=False)
    tables: tuple[DocTable, ...] = ()
