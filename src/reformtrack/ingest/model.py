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

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "lead_units": list(self.lead_units),
            "co_units": list(self.co_units),
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


@dataclass(frozen=True)
class RawDocument:
    """The text of a document as read, before any repair.

    ``text`` holds one paragraph per line with ``\\n`` line endings; ``format`` is one of
    ``'txt'``, ``'html'``, ``'docx'``, ``'pdf'``; ``encoding`` is the detected text encoding for
    txt/html (``'utf-8'``, ``'gb18030'``, ``'big5'``, or ``'utf-16'`` for files with a UTF-16
    byte-order mark) and ``None`` for docx/pdf.
    """

    text: str
    format: str
    encoding: str | None
