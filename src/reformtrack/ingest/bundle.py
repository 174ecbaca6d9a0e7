"""Documents holding several plans: a 通知 that wraps its 附件 (each a 方案 of its own), or several
方案 printed one after another.

Each plan starts at one of:

* an attachment line, ``附件2`` or ``附件：…``;
* a title line of its own (``…专项行动方案``, ``…实施意见``, ``…行动计划``), once the plan before it
  has chapters;
* a chapter numbered one (``一、``, or ``第一章`` where the document uses those) after a higher one.

A part counts as a plan only when its chapters start at one; a part that does not (an attachment
list, a task table, a stray title-like line) stays with the part before it, so a single plan is
never cut. With fewer than two plans the document is one plan, parsed as a whole exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from .build import build_plan
from .metadata import _is_title_candidate, parse_date, parse_doc_number, read_metadata
from .model import DocTable, DocumentProperties, Doubt, ParsedDocument, ParsedPlan
from .notes import Note
from .structure import CN, SECTION, Line, match_label, split_lines

__all__ = ["apply_properties", "parse_bundle_with_tables", "parse_document_text", "split_plans"]

_ATTACHMENT_RE = re.compile(r"^附\s*件\s*[0-9０-９一二三四五六七八九十]{0,3}\s*(?:[：:].{0,60})?$")
_KEY_RE = re.compile(r"^[^，。]{1,8}[：:]")
_PLAN_TITLE_RE = re.compile(
    r"^[^。；;，,：:]{4,60}?(?:方案|实施意见|行动计划|工作计划|实施细则|工作要点|实施办法|若干措施)"
    r"(?:[（(][^（）()]{0,20}[）)])?$"
)


@dataclass(frozen=True)
class _Part:
    """Lines ``first`` to ``last`` (exclusive) of the document."""

    first: int
    last: int


def _chapter_numbers(lines: Sequence[Line]) -> list[int]:
    """Each line's chapter number, 0 for a line that opens no chapter. Chapters are ``第一章``
    headings where the document has any (its ``一、`` are then sections inside them), else ``一、``."""
    labels = [match_label(line.text) for line in lines]
    style = SECTION if any(label is not None and label.style == SECTION for label in labels) else CN
    return [label.number if label is not None and label.style == style else 0 for label in labels]


def _is_plan_title(text: str) -> bool:
    return match_label(text) is None and bool(_PLAN_TITLE_RE.match(text)) and not text.endswith("通知")


def _starts(lines: Sequence[Line], numbers: Sequence[int]) -> list[int]:
    """Indexes of the lines where a plan may start (the first line always does)."""
    starts = [0]
    highest = 0  # the highest chapter number since the last start
    for index, (line, number) in enumerate(zip(lines, numbers, strict=True)):
        attachment = line.text.startswith("附") and bool(_ATTACHMENT_RE.match(line.text))
        restart = number == 1 and highest >= 2
        if index and (attachment or restart or (highest and not number and _is_plan_title(line.text))):
            starts.append(index)
            highest = 0
        highest = max(highest, number)
    return starts


def _first_chapter(numbers: Sequence[int], part: _Part) -> int:
    return next((number for number in numbers[part.first : part.last] if number), 0)


def split_plans(lines: Sequence[Line]) -> tuple[_Part | None, list[_Part]]:
    """The document's head (the 通知, if any) and its plans, as ranges of ``lines``.

    Fewer than two plans means the document is one plan (the head is then ``None``).
    """
    numbers = _chapter_numbers(lines)
    starts = _starts(lines, numbers)
    if len(starts) < 2:
        return None, []
    parts: list[_Part] = []
    for first, last in zip(starts, [*starts[1:], len(lines)], strict=True):
        if parts and _first_chapter(numbers, _Part(first, last)) != 1:
            parts[-1] = _Part(parts[-1].first, last)  # no plan of its own: it belongs above
        else:
            parts.append(_Part(first, last))
    head: _Part | None = None
    if _first_chapter(numbers, parts[0]) != 1 or _is_notice(lines, parts[0]):
        head = parts.pop(0)
    if len(parts) < 2:
        return None, []
    return head, parts


def _is_notice(lines: Sequence[Line], part: _Part) -> bool:
    """A part headed by a ``…的通知`` title: the wrapper's own text, even with numbered paragraphs."""
    for line in lines[part.first : min(part.last, part.first + 5)]:
        if _is_notice_title(line.text):
            return line.text.endswith("通知")
    return False


def _is_notice_title(text: str) -> bool:
    # not a row of a page's metadata table (标题：\t…) nor another key's value
    return _is_title_candidate(text) and "\t" not in text and not _KEY_RE.match(text)


def _part_plan(text: str, start: int, end: int, doubts: Sequence[Doubt]) -> ParsedPlan:
    inside = [
        Doubt(doubt.start - start, doubt.end - start, doubt.reason)
        for doubt in doubts
        if start <= doubt.start and doubt.end <= end
    ]
    return build_plan(text[start:end], doubts=inside)


def parse_document_text(
    text: str, *, doubts: Sequence[Doubt] = (), notes: Sequence[Note] = ()
) -> ParsedDocument:
    """Parse repaired text into its plans: one plan as :func:`.build.build_plan` reads it, or the
    plans of a document holding several (each with its own title, period and items) under the
    wrapper's title, 文号 and date. ``notes`` (the repair stage's) go on the document and its first plan.
    """
    lines = split_lines(text)
    head, parts = split_plans(lines)
    if not parts:
        plan = build_plan(text, doubts=doubts)
        plan.warnings[:0] = notes
        return ParsedDocument(plan.title, plan.doc_number, plan.issued, [plan], list(notes))
    return _bundle(text, lines, head, parts, doubts, notes)


def _bundle(
    text: str,
    lines: Sequence[Line],
    head: _Part | None,
    parts: Sequence[_Part],
    doubts: Sequence[Doubt],
    notes: Sequence[Note],
) -> ParsedDocument:
    """The document of several plans ``parts``, under the wrapper ``head``'s title, 文号 and date."""
    ends = [lines[part.last - 1].end for part in parts]
    plans = [
        _part_plan(text, lines[part.first].start, end, doubts) for part, end in zip(parts, ends, strict=True)
    ]
    document = ParsedDocument(title="", plans=plans, warnings=list(notes))
    if head is not None:
        head_lines = lines[head.first : head.last]
        meta = read_metadata(head_lines)
        document.doc_number, document.issued = meta.doc_number, meta.issued
        document.title = next((line.text for line in head_lines if _is_notice_title(line.text)), "")
    document.title = document.title or plans[0].title
    for plan in plans:
        plan.doc_number = plan.doc_number or document.doc_number
        plan.issued = plan.issued or document.issued
    plans[0].warnings[:0] = notes
    return document


def parse_bundle_with_tables(
    text: str,
    tables: Sequence[tuple[int, DocTable]],
    *,
    doubts: Sequence[Doubt] = (),
    notes: Sequence[Note] = (),
) -> ParsedDocument | None:
    """The plans of a document holding several, each given the task tables that stand in its text
    (``tables``: each table with the offset in ``text`` where it stood; a table right above the next
    plan's first line closes the plan before it). A table that is an attachment of its own (an
    ``附件N`` above it) goes to the plan its caption names (``涉企执法规范重点任务分工表``), wherever
    it stands: it may be a table of all the plans. ``None`` when the text holds one plan, or a table
    is no one plan's (above the first plan, in the 通知's own text; an attachment whose caption names
    no plan): the document is then read as one plan, as before."""
    from .task_tables import add_table_chapters

    lines = split_lines(text)
    head, parts = split_plans(lines)
    if not parts:
        return None
    starts = [lines[part.first].start for part in parts]
    document = _bundle(text, lines, head, parts, doubts, notes)
    titles = [plan.title for plan in document.plans]
    owners = [_owner(offset, table, starts, titles) for offset, table in tables]
    if None in owners:
        return None
    for index, plan in enumerate(document.plans):
        add_table_chapters(
            plan, [table for (_, table), owner in zip(tables, owners, strict=True) if owner == index]
        )
    return document


_NAMED = 6  # characters a caption must share in one run with a plan's title to name it


def _owner(offset: int, table: DocTable, starts: Sequence[int], titles: Sequence[str]) -> int | None:
    """The index of the plan ``table`` belongs to, or ``None`` when it is no one plan's."""
    if table.attachment:
        shared = [_shared_run(table.caption, title) for title in titles]
        best = max(shared)
        if best < _NAMED or shared.count(best) > 1:
            return None
        return shared.index(best)
    if offset <= starts[0]:
        return None
    return max(index for index, start in enumerate(starts) if start < offset)


def _shared_run(one: str, other: str) -> int:
    """The length of the longest run of characters ``one`` and ``other`` share."""
    match = SequenceMatcher(None, one, other, autojunk=False).find_longest_match(0, len(one), 0, len(other))
    return match.size


def apply_properties(document: ParsedDocument, properties: DocumentProperties) -> ParsedDocument:
    """Fill what the text did not say from the file's own properties (HTML meta tags and metadata
    table, docx core properties): the 文号, the issue date and, failing all else, the title."""
    doc_number = parse_doc_number(properties.doc_number) or parse_doc_number(properties.title)
    issued = parse_date(properties.issued) if properties.issued else None
    document.doc_number = document.doc_number or doc_number
    document.issued = document.issued or issued
    if document.is_bundle:
        document.title = document.title or properties.title
    for plan in document.plans:
        plan.doc_number = plan.doc_number or doc_number
        plan.issued = plan.issued or issued
        plan.title = plan.title or properties.title
    if not document.is_bundle:
        only = document.plans[0]
        document = replace(document, title=only.title, doc_number=only.doc_number, issued=only.issued)
    return document
