"""ingest: a plan document in, a structured plan out. Pure Python; imports nothing from Django.

Stages, each testable alone:

* :mod:`.read`   -- bytes of a .txt/.html/.docx/.pdf file -> text (encoding detected, not assumed);
* :mod:`.repair` -- scraped damage undone: traditional -> simplified, pinyin annotations, shifted-GBK
  mojibake, ASCII punctuation standing for full-width; doubtful spans reported as :class:`Doubt`;
* :mod:`.build`  -- repaired text -> chapters, items, measures, units, targets, deadlines, metadata.

:func:`parse_file` / :func:`parse_bytes` run all three; :func:`parse_document_file` /
:func:`parse_document_bytes` also find the several plans of a document that holds more than one
(:mod:`.bundle`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import IngestError, NoStructure, UnreadableDocument, UnsupportedFormat
from .model import Chapter, Doubt, Item, Measure, ParsedDocument, ParsedPlan, Target
from .reasons import Reason, ReasonCode

if TYPE_CHECKING:
    from .pipeline import (
        parse_bytes,
        parse_document_bytes,
        parse_document_file,
        parse_document_text,
        parse_file,
        parse_text,
    )

# The pipeline is imported on first use (PEP 562) so that importing one stage, e.g.
# ``reformtrack.ingest.read``, does not load every stage and its dictionaries.
_PIPELINE = (
    "parse_bytes",
    "parse_document_bytes",
    "parse_document_file",
    "parse_document_text",
    "parse_file",
    "parse_text",
)


def __getattr__(name: str) -> object:
    if name in _PIPELINE:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Chapter",
    "Doubt",
    "IngestError",
    "Item",
    "Measure",
    "NoStructure",
    "ParsedDocument",
    "ParsedPlan",
    "Reason",
    "ReasonCode",
    "Target",
    "UnreadableDocument",
    "UnsupportedFormat",
    "parse_bytes",
    "parse_document_bytes",
    "parse_document_file",
    "parse_document_text",
    "parse_file",
    "parse_text",
]
