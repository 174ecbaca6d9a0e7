"""build: repaired plan text → :class:`~.model.ParsedPlan`.

The stages of a build, each in its own module:

* :mod:`.structure` finds chapters and items (the outline) and keeps every line's offsets;
* :mod:`.metadata` reads title, document number, issue date and period from the head and signature;
* here each item's text is cut into a title and measures, and :mod:`.annotations` binds units to
  the measures printed since the previous annotation;
* :mod:`.timeframes` resolves deadlines and :mod:`.targets` finds quantified aims in every measure.

Doubtful spans reported by the repair stage flag the items they touch; doubts outside any item
become plan warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from .annotations import (
    Annotation,
    find_annotations,
    first_listed_leads_from,
    parse_annotation_line,
)
from .errors import NoStructure
from .mend import mend_lines
from .metadata import find_period, find_trailer_start, read_metadata
from .model import Chapter, Doubt, Item, Measure, ParsedPlan
from .notes import Note, NoteCode, where
from .reasons import Reason, ReasonCode
from .structure import (
    Outline,
    OutlineChapter,
    OutlineItem,
    Segment,
    build_outline,
    split_lines,
    split_spans,
)
from .targets import find_targets
from .timeframes import (
    Deadline,
    PlanPeriod,
    find_deadlines,
    find_stated_deadline,
    first_deadline,
    latest_deadline,
    resolve_deadline,
)
from .titles import split_title

__all__ = ["build_plan"]

# Measures are clauses between ；, and sentences between 。 (each usually a separate action).
_MEASURE_SEP_RE = re.compile(r"[；;。！？!?]")
# A clause that only states a deadline: its label, then the value (what the pattern leaves).
_STATED_ONLY_RE = re.compile(r"^(?:完成时限|完成时间|时间节点|时限要求|完成期限)\s*(?:为|是|：|:)\s*(?=\S)")
_SAFEGUARDS_RE = re.compile(
    r"保障措施|保障机制|(?:组织|工作|实施|政策|制度|监督|要素)保障|组织实施|工作要求|实施要求|^保障$"
)


def build_plan(text: str, *, doubts: Sequence[Doubt] = ()) -> ParsedPlan:
    """Parse repaired plan text (simplified Chinese, one paragraph per line) into a plan.

    ``doubts`` are spans of ``text`` the repair stage could not recover with certainty: every item
    whose text overlaps one is flagged for review; a doubt outside any item becomes a warning.

    Raises :class:`NoStructure` when the text has neither a chapter heading nor an item.
    """
    lines = mend_lines(split_lines(text))
    trailer_start = find_trailer_start(lines)
    outline = build_outline(lines[:trailer_start])
    if not outline.chapters:
        raise NoStructure(
            "no chapter headings (一、, 第一章) and no numbered items (（一）, 1.) found: "
            "this does not look like a plan",
            zh="未找到章节标题（如“一、”“第一章”）或带编号的项目（如“（一）”“1.”），这不像是一份方案",
        )
    meta = read_metadata(outline.head, lines[trailer_start:])
    plan = ParsedPlan(
        title=meta.title,
        doc_number=meta.doc_number,
        issued=meta.issued,
        preamble="\n".join(line.text for line in meta.preamble),
        text=text,
    )
    period = (meta.period_start, meta.period_end) if meta.period_start else None
    period = period or find_period(plan.preamble) or find_period(_chapter_texts(outline))
    if period is not None:
        plan.period_start, plan.period_end = period
    context = PlanPeriod(plan.period_start, plan.period_end, plan.issued)
    first_leads = first_listed_leads_from(text)
    plan.chapters = [_build_chapter(chapter, context, first_leads) for chapter in outline.chapters]
    plan.warnings.extend(_warnings(plan, outline))
    _apply_doubts(plan, outline, doubts, meta.title_span)
    return plan


def _chapter_texts(outline: Outline) -> str:
    return "\n".join(segment.text for chapter in outline.chapters for segment in chapter.text)


def _build_chapter(raw: OutlineChapter, period: PlanPeriod, first_leads: int | None = None) -> Chapter:
    chapter = Chapter(
        number=raw.number,
        title=raw.title,
        text="\n".join(segment.text for segment in raw.text),
        is_safeguards=bool(_SAFEGUARDS_RE.search(raw.title)),
        start=raw.start,
        end=raw.end,
    )
    chapter.items = [_build_item(item, period, first_leads) for item in raw.items]
    if not chapter.is_safeguards:
        # a goals chapter's 主要目标 paragraph: the aims of the whole plan (a safeguards chapter's
        # funds and staff are means, not aims)
        chapter.targets = find_targets(chapter.text, period=period)
    return chapter


def _union(target: list[str], units: Iterable[str]) -> None:
    """Append the ``units`` not in ``target`` yet, in order (linear even for long lists)."""
    seen = set(target)
    for unit in units:
        if unit not in seen:
            target.append(unit)
            seen.add(unit)


class _Measures:
    """Cuts an item's text into measures and binds each annotation to the measures it closes.

    An annotation binds to the measures printed since the previous annotation; one that follows
    another directly (``牵头单位：`` then ``配合单位：`` lines) binds to the same measures; one with
    nothing before it (``（一）推进A改革。（牵头单位：X）``) binds to the title as a measure.

    Deadlines are of two kinds. A deadline the plan states as such (an annotation's or a line's
    ``完成时限``/``时间节点``/``完成时间``, or a clause ``完成时限为…``) is *stated*; a date found in
    the text of a measure is not. A stated deadline wins over the text's dates, for the measures
    it closes and for the item.
    """

    def __init__(self, title: str, period: PlanPeriod, *, first_leads: bool = False) -> None:
        self.title = title
        self.first_leads = first_leads  # the plan says the first unit listed leads
        self.period = period
        self.measures: list[Measure] = []
        self.pending: list[Measure] = []
        self.last_group: list[Measure] = []
        self.title_measure: Measure | None = None
        self.lead_units: list[str] = []
        self.co_units: list[str] = []
        self.unit_notes: list[str] = []
        self.no_body: list[str] = []  # annotations naming only generic bodies, as printed
        self.lead_by_label = False
        self.deadlines: list[Deadline] = []
        self.stated: list[Deadline] = []

    def _new_measure(self, text: str) -> Measure:
        measure = Measure(text=text)
        stated = find_stated_deadline(text, self.period)
        if stated is not None:
            self.stated.append(stated)
            measure.deadline, measure.deadline_text = stated.date, stated.text
            return measure
        found = find_deadlines(text, self.period)
        deadline = first_deadline(found)
        if deadline is not None:
            measure.deadline, measure.deadline_text = deadline.date, deadline.text
        # The item is due when its last deadline is.
        self.deadlines.extend(found)
        return measure

    def due(self, title: str, children: Sequence[Item]) -> Deadline | None:
        """The item's deadline: the last stated one, else the last date in its title, text and
        sub-items (each sub-item's own deadline, stated or not)."""
        if self.stated:
            return latest_deadline(self.stated)
        title_deadlines = find_deadlines(title, self.period) if title else []
        child_deadlines = [
            Deadline(child.deadline_text, child.deadline, child.deadline is None)
            for child in children
            if child.deadline_text
        ]
        return latest_deadline([*self.deadlines, *title_deadlines, *child_deadlines])

    def title_as_measure(self) -> list[Measure]:
        """The title as the item's first measure (made once), for annotations with nothing else."""
        if self.title_measure is None and self.title:
            self.title_measure = self._new_measure(self.title)
            self.measures.insert(0, self.title_measure)
        return [self.title_measure] if self.title_measure else []

    def add_text(self, text: str) -> None:
        """Cut ``text`` (no annotations inside) into measures waiting for their annotation."""
        for start, end in split_spans(text, _MEASURE_SEP_RE):
            piece = text[start:end]
            if _STATED_ONLY_RE.match(piece):
                # ``…；完成时限：2024年底前。`` is no action: it dates the measures before it
                self.add_annotation(Annotation(start, end, deadline_text=_STATED_ONLY_RE.sub("", piece)))
                continue
            measure = self._new_measure(piece)
            self.measures.append(measure)
            self.pending.append(measure)

    def add_annotation(self, annotation: Annotation, printed: str = "") -> None:
        """Give the annotation's units and deadline to the measures it closes.

        A 责任单位 line right after a 牵头单位 line of the same measures names co-units: the label
        decides the role, as it does inside one bracket. Where the plan says 列第一位的为牵头单位,
        only the first unit of an annotation without a 牵头 label leads.
        """
        follows = not self.pending and bool(self.last_group)
        group = self.pending or self.last_group or self.title_as_measure()
        lead, co = list(annotation.lead_units), list(annotation.co_units)
        if follows and self.lead_by_label and not annotation.lead_by_label:
            lead, co = [], [*lead, *co]
        elif self.first_leads and not annotation.lead_by_label:
            lead, co = lead[:1], [*lead[1:], *co]
        self.lead_by_label = annotation.lead_by_label or (follows and self.lead_by_label)
        _union(self.lead_units, lead)
        _union(self.co_units, co)
        _union(self.unit_notes, annotation.generic)
        if annotation.names_no_body:
            self.no_body.append(printed.strip() or "、".join(annotation.generic))
        deadline = resolve_deadline(annotation.deadline_text, self.period)
        if deadline is not None:
            self.stated.append(deadline)
        for measure in group:
            _union(measure.lead_units, lead)
            _union(measure.co_units, co)
            _union(measure.unit_notes, annotation.generic)
            if deadline is not None:
                # the annotation states the deadline of the measures it closes
                measure.deadline, measure.deadline_text = deadline.date, deadline.text
        self.last_group, self.pending = group, []

    def add_annotated_text(self, text: str, *, measures: bool = True) -> None:
        """Text with bracketed annotations inside; with ``measures=False`` only the annotations count."""
        pos = 0
        for annotation in find_annotations(text):
            if measures:
                self.add_text(text[pos : annotation.start])
            self.add_annotation(annotation, text[annotation.start : annotation.end])
            pos = annotation.end
        if measures:
            self.add_text(text[pos:])


def _build_item(raw: OutlineItem, period: PlanPeriod, first_leads: int | None = None) -> Item:
    """An item from its outline: title (:mod:`.titles`), measures, units, deadline and targets.

    An item without a printed heading (a headless first sentence, or an unnumbered paragraph made
    an item by its own annotation) is flagged ``title_from_sentence``.
    """
    head = raw.segments[0].text
    split = split_title(head)
    title, body_start = split.title, split.body_start
    texts = [segment.text for segment in raw.segments if not segment.annotation_line]
    item = Item(
        number=raw.number,
        label=raw.label,
        title=title,
        text="\n".join(t for t in texts if t),
        level=raw.level,
        start=raw.start,
        end=raw.end,
    )
    if split.from_sentence or not raw.label:
        item.flag(Reason(ReasonCode.TITLE_FROM_SENTENCE))
    item.children = [_build_item(child, period, first_leads) for child in raw.children]
    # the plan's rule that the unit listed first leads holds from where it is said (下同) on
    collector = _Measures(title, period, first_leads=first_leads is not None and raw.end > first_leads)
    collector.add_annotated_text(head[:body_start], measures=False)
    collector.add_annotated_text(head[body_start:])
    for segment in raw.segments[1:]:
        _feed_segment(collector, segment)
    if not collector.measures and not item.children:
        collector.title_as_measure()  # the title is the whole of the item's action
    item.measures = collector.measures
    item.lead_units = list(collector.lead_units)
    item.co_units = list(collector.co_units)
    item.unit_notes = list(collector.unit_notes)
    for child in item.children:
        _union(item.lead_units, child.lead_units)
        _union(item.co_units, child.co_units)
        _union(item.unit_notes, child.unit_notes)
    if not item.lead_units:
        # An annotation naming only 相关部门 or 各地区 leaves the item without anyone to answer.
        for printed in collector.no_body:
            item.flag(Reason(ReasonCode.NO_BODY, {"text": printed}))
    # A title that is a measure, or was made from the first measure, holds nothing of its own.
    own_title = collector.title_measure is None and body_start > 0
    deadline = collector.due(title if own_title else "", item.children)
    if deadline is not None:
        item.deadline, item.deadline_text = deadline.date, deadline.text
    for measure in item.measures:
        item.targets.extend(find_targets(measure.text, period=period, deadline=measure.deadline))
    if own_title:
        item.targets[:0] = find_targets(title, period=period, deadline=item.deadline)
    return item


def _feed_segment(collector: _Measures, segment: Segment) -> None:
    if segment.annotation_line:
        annotation = parse_annotation_line(segment.text)
        if annotation is not None:
            collector.add_annotation(annotation, segment.text)
        return
    collector.add_annotated_text(segment.text)


def _chapter_label(raw: OutlineChapter) -> str:
    """The chapter's label as the notes name it (三 of 三、), ``""`` for an unnumbered chapter."""
    return raw.label.rstrip("、") if raw.label else ""


def _sequence_warnings(numbers: Sequence[tuple[int, str]], place: dict[str, Any]) -> list[Note]:
    """Gaps, repeats and backward steps in a run of sibling numbers (number, label as printed)."""
    out: list[Note] = []
    for index, (number, label) in enumerate(numbers):
        if index == 0:
            if number > 1:
                out.append(Note(NoteCode.NUMBER_START, {"where": place, "label": label}))
            continue
        previous, previous_label = numbers[index - 1]
        if number == previous:
            out.append(Note(NoteCode.NUMBER_TWICE, {"where": place, "label": label}))
        elif number > previous + 1:
            step = {"where": place, "previous": previous_label, "label": label}
            out.append(Note(NoteCode.NUMBER_JUMP, step))
        elif number < previous and number != 1:
            # A restart at 1 is a new sub-plan or list, not an error; anything else is.
            step = {"where": place, "previous": previous_label, "label": label}
            out.append(Note(NoteCode.NUMBER_BACK, step))
    return out


def _numbering_warnings(items: Sequence[OutlineItem], chapter: str, above: Sequence[str] = ()) -> list[Note]:
    """Numbering problems among ``items`` and, recursively, among their sub-items."""
    numbered = [(item.number, item.label) for item in items if item.number is not None]
    out = _sequence_warnings(numbered, where(chapter, above))
    for item in items:
        if item.children:
            out.extend(_numbering_warnings(item.children, chapter, [*above, item.label]))
    return out


def _warnings(plan: ParsedPlan, outline: Outline) -> list[Note]:
    out: list[Note] = []
    if not plan.title:
        out.append(Note(NoteCode.NO_TITLE))
    chapters = [(chapter.number, chapter.label) for chapter in outline.chapters if chapter.label]
    out.extend(_sequence_warnings(chapters, where(None)))
    any_units = False
    for chapter, raw in zip(plan.chapters, outline.chapters, strict=True):
        label = _chapter_label(raw)
        out.extend(_numbering_warnings(raw.items, label))
        has_units = any(item.lead_units for item in chapter.items)
        any_units = any_units or has_units
        # Only where the chapter names units elsewhere: a chapter of goals or principles has none.
        if chapter.is_safeguards or not has_units:
            continue
        for item in chapter.items:
            if not item.lead_units:
                out.append(
                    Note(
                        NoteCode.NO_LEAD,
                        {"where": where(label), "label": item.label or "", "title": item.title[:20]},
                    )
                )
    if not any_units and plan.items():
        out.append(Note(NoteCode.NO_UNITS))
    for segment in outline.stray:
        out.append(Note(NoteCode.STRAY, {"text": segment.text[:40]}))
    return out


def _apply_doubts(
    plan: ParsedPlan, outline: Outline, doubts: Sequence[Doubt], title_span: tuple[int, int] | None
) -> None:
    items = plan.items()
    size = len(plan.text)
    for doubt in doubts:
        start = min(max(doubt.start, 0), size)
        end = max(min(doubt.end, size), start + 1)  # an empty span still marks a place
        hits = [item for item in items if item.start < end and start < item.end]
        for item in hits:
            item.flag(doubt.reason)
        if not hits:
            place = _place(outline, start, title_span)
            plan.warnings.append(Note(NoteCode.DOUBTFUL, {"place": place, "reason": doubt.reason.to_dict()}))


def _place(outline: Outline, offset: int, title_span: tuple[int, int] | None) -> dict[str, str]:
    """Where an offset outside every item lies (a place of :mod:`.notes`)."""
    for raw in outline.chapters:
        if raw.start <= offset < max(raw.end, raw.heading_end):
            if raw.label and offset < raw.heading_end:
                return {"kind": "heading", "chapter": _chapter_label(raw)}
            if not raw.label:
                return {"kind": "untitled"}
            return {"kind": "text", "chapter": _chapter_label(raw)}
    if outline.chapters and offset >= outline.chapters[-1].end:
        return {"kind": "closing"}
    if title_span is not None and title_span[0] <= offset < title_span[1]:
        return {"kind": "title"}
    return {"kind": "preamble"}
