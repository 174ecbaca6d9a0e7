"""Structure: lines, numbering labels and the outline of chapters and items.

The outline is read line by line. A line that starts with a numbering label opens a chapter or an
item; which label style means which level is not fixed but learnt from the document:

* chapters are ``第一章``/``第一部分`` headings if the document has any, else ``一、`` headings;
* item levels follow the order in which label styles first appear under a chapter (a stack, as in
  any outline): ``（一）`` → ``1.`` → ``（1）`` in one plan, ``1.`` → ``（1）`` in another.

Lines without a label continue the open item (or the chapter's own text). An unnumbered paragraph
that carries lead units becomes an item of its own when no open item can claim it: there is none,
or the open item was already closed by its annotation.

This module only finds the outline; :mod:`.build` turns it into :class:`~.model.Item` objects.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .annotations import carries_units, ends_with_annotation, parse_annotation_line, strip_annotations
from .numerals import chinese_to_int

__all__ = [
    "Label",
    "Line",
    "Outline",
    "OutlineChapter",
    "OutlineItem",
    "Segment",
    "build_outline",
    "chinese_numeral_value",
    "mask_enclosed",
    "match_label",
    "split_lines",
    "split_spans",
]

# Label styles, in the order plans usually nest them.
SECTION = "section"  # 第一章 / 第一部分
CN = "cn"  # 一、
CN_PAREN = "cn_paren"  # （一）
AR_DOT = "ar_dot"  # 1. 1． 1、
AR_PAREN = "ar_paren"  # （1）
AR_HALF = "ar_half"  # 1）
CIRCLED = "circled"  # ①
UNNUMBERED = ""


def chinese_numeral_value(numeral: str) -> int | None:
    """The value of a numeral as printed: ``十二`` → 12, ``一百零五`` → 105, ``二〇一三`` → 2013, ``12`` → 12.

    Returns None for anything that is not a well-formed numeral (:func:`.numerals.chinese_to_int`).
    """
    return chinese_to_int(numeral)


@dataclass(frozen=True)
class Line:
    """One non-blank line of the text, stripped; ``start`` is the offset of ``text[0]``."""

    text: str
    start: int

    @property
    def end(self) -> int:
        """Offset just past the line's last character."""
        return self.start + len(self.text)


# A line's content: from its first to its last non-space character (U+3000 counts as space).
_LINE_RE = re.compile(r"[^\s](?:[^\n\r]*[^\s])?")


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, stripped of surrounding whitespace, with their offsets."""
    return [Line(m.group(), m.start()) for m in _LINE_RE.finditer(text)]


@dataclass(frozen=True)
class Label:
    """A numbering label at the start of a line.

    ``label`` is normalised (``（一）``, ``1.``, ``（1）``); ``end`` is where the line's content starts.
    """

    style: str
    number: int
    label: str
    end: int


_CN_NUM = "[一二三四五六七八九十百]{1,3}"
_LABEL_RE = re.compile(
    r"(?:"
    r"(?P<section>第\s*(?P<section_n>[一二三四五六七八九十百零〇\d]{1,4})\s*(?P<section_kind>章|部分|篇|编))"
    rf"|(?P<cn>(?P<cn_n>{_CN_NUM})\s*[、．.](?![\d]))"
    rf"|(?P<cn_paren>[（(]\s*(?P<cn_paren_n>{_CN_NUM})\s*[）)])"
    r"|(?P<ar_dot>(?P<ar_dot_n>\d{1,2})\s*[.．、](?![\d.．]))"
    r"|(?P<ar_paren>[（(]\s*(?P<ar_paren_n>\d{1,2})\s*[）)])"
    r"|(?P<ar_half>(?P<ar_half_n>\d{1,2})[）)])"
    r"|(?P<circled>[①-⑳])"
    r")[\s：:]*"
)


def match_label(line: str) -> Label | None:
    """The numbering label that starts ``line``, if any; labels count only at the start of a line."""
    match = _LABEL_RE.match(line)
    if match is None:
        return None
    for style in (SECTION, CN, CN_PAREN, AR_DOT, AR_PAREN, AR_HALF, CIRCLED):
        if match.group(style) is not None:
            break
    if style == CIRCLED:
        number: int | None = ord(match.group(CIRCLED)) - ord("①") + 1
    else:
        number = chinese_numeral_value(match.group(f"{style}_n"))
    if not number:
        return None
    raw = match.group(f"{style}_n") if style != CIRCLED else ""
    label = {
        SECTION: f"第{raw}{match.group('section_kind') or ''}",
        CN: f"{raw}、",
        CN_PAREN: f"（{raw}）",
        AR_DOT: f"{number}.",
        AR_PAREN: f"（{number}）",
        AR_HALF: f"{number}）",
        CIRCLED: match.group(CIRCLED) or "",
    }[style]
    return Label(style, number, label, match.end())


# Spans that separators inside must not split: brackets and quotes, one nesting level of round
# brackets. Unbalanced marks match nothing, so damaged text degrades to splitting everywhere.
_ENCLOSED_RE = re.compile(
    r"[（(][^（）()\n]{0,300}?(?:[（(][^（）()\n]{0,100}[）)][^（）()\n]{0,300}?)*[）)]"
    r"|“[^“”\n]{0,150}”|《[^《》\n]{0,150}》|「[^「」\n]{0,150}」|〔[^〔〕\n]{0,40}〕|【[^【】\n]{0,80}】"
)


def mask_enclosed(text: str) -> str:
    """``text`` with everything inside brackets, quotes and 《》 replaced by ``＿`` (same length).

    Offsets stay valid, so a regex run on the masked text finds only top-level matches.
    """
    return _ENCLOSED_RE.sub(lambda m: m.group()[0] + "＿" * (len(m.group()) - 2) + m.group()[-1], text)


_EDGE = " \t\u3000，,。；;：:、"


def split_spans(text: str, separators: re.Pattern[str]) -> list[tuple[int, int]]:
    """Spans of ``text`` between top-level ``separators``, stripped of edge spaces and punctuation."""
    masked = mask_enclosed(text)
    spans: list[tuple[int, int]] = []
    pos = 0
    for sep in separators.finditer(masked):
        spans.append((pos, sep.start()))
        pos = sep.end()
    spans.append((pos, len(text)))
    out: list[tuple[int, int]] = []
    for start, end in spans:
        piece = text[start:end]
        left = len(piece) - len(piece.lstrip(_EDGE))
        right = len(piece.rstrip(_EDGE))
        if right > left:
            out.append((start + left, start + right))
    return out


@dataclass
class Segment:
    """A piece of an item or chapter: a line's content (after any label) and where it starts."""

    text: str
    start: int
    annotation_line: bool = False

    @property
    def end(self) -> int:
        """Offset just past the segment."""
        return self.start + len(self.text)


@dataclass
class OutlineItem:
    """An item as found: its label, its own lines (label line first) and its sub-items."""

    style: str
    number: int | None
    label: str
    start: int
    segments: list[Segment]
    level: int
    children: list[OutlineItem] = field(default_factory=list)
    closed: bool = False

    @property
    def end(self) -> int:
        """Offset just past the item's own last line (sub-items not included)."""
        return max((s.end for s in self.segments), default=self.start)


@dataclass
class OutlineChapter:
    """A chapter as found; ``number`` 0 and an empty title mean the document had no chapter headings."""

    number: int
    label: str
    title: str
    start: int
    heading_end: int
    text: list[Segment] = field(default_factory=list)
    items: list[OutlineItem] = field(default_factory=list)
    end: int = 0


@dataclass
class Outline:
    """Head lines (before the first chapter or item), chapters, and annotation lines no item claimed."""

    head: list[Line]
    chapters: list[OutlineChapter]
    stray: list[Segment] = field(default_factory=list)
    chapter_style: str | None = None


def _chapter_title(rest: str) -> tuple[str, int]:
    """A heading's title (up to its first ``。``) and where any text after it starts."""
    cut = mask_enclosed(rest).find("。")
    title = rest[:cut] if cut >= 0 else rest
    return strip_annotations(title).strip(" \u3000：:。．."), (cut + 1 if cut >= 0 else len(rest))


class _OutlineBuilder:
    """Walks the lines once, keeping the stack of open items of the current chapter."""

    def __init__(self, chapter_style: str | None) -> None:
        self.chapter_style = chapter_style
        self.outline = Outline(head=[], chapters=[], chapter_style=chapter_style)
        self.chapter: OutlineChapter | None = None
        self.stack: list[OutlineItem] = []

    def open_chapter(self, line: Line, label: Label) -> None:
        """Start a chapter at a heading line; open items end with the previous chapter."""
        rest = line.text[label.end :]
        title, body = _chapter_title(rest)
        self.chapter = OutlineChapter(
            number=label.number,
            label=label.label,
            title=title,
            start=line.start,
            heading_end=line.end,
            end=line.end,
        )
        # ``一、总体要求。坚持…``: what follows the heading's sentence is the chapter's text.
        after = rest[body:]
        tail = after.strip(" \u3000")
        if tail:
            indent = len(after) - len(after.lstrip(" \u3000"))
            self.chapter.text.append(Segment(tail, line.start + label.end + body + indent))
        self.outline.chapters.append(self.chapter)
        self.stack = []

    def ensure_chapter(self, start: int) -> OutlineChapter:
        """The current chapter, made up (untitled, number 0) when the text has no headings."""
        if self.chapter is None:
            # Items without any chapter heading: one untitled chapter holds them.
            self.chapter = OutlineChapter(number=0, label="", title="", start=start, heading_end=start)
            self.outline.chapters.append(self.chapter)
        return self.chapter

    def open_item(self, line: Line, label: Label | None) -> OutlineItem:
        """Start an item at ``line``, nested by where its label style sits in the open stack."""
        chapter = self.ensure_chapter(line.start)
        style = label.style if label else UNNUMBERED
        if label is None:
            # An unnumbered item is a sibling of the open item, never its child.
            if self.stack:
                self.stack.pop()
        else:
            if self.stack and self.stack[-1].style == UNNUMBERED:
                self.stack.pop()  # unnumbered items hold no sub-items
            styles = [item.style for item in self.stack]
            if style in styles:
                del self.stack[styles.index(style) :]
        rest_start = label.end if label else 0
        item = OutlineItem(
            style=style,
            number=label.number if label else None,
            label=label.label if label else "",
            start=line.start,
            segments=[Segment(line.text[rest_start:], line.start + rest_start)],
            level=len(self.stack) + 1,
        )
        item.closed = ends_with_annotation(item.segments[0].text)
        (self.stack[-1].children if self.stack else chapter.items).append(item)
        self.stack.append(item)
        chapter.end = line.end
        return item

    def add_annotation_line(self, line: Line) -> None:
        """Attach a ``牵头单位：…`` line to the open item (which it closes)."""
        segment = Segment(line.text, line.start, annotation_line=True)
        if self.stack:
            self.stack[-1].segments.append(segment)
            self.stack[-1].closed = True
        else:
            # ``牵头单位：…`` under a plain paragraph: that paragraph was a project.
            previous = self.chapter.text if self.chapter else None
            if previous:
                paragraph = previous.pop()
                item = self.open_item(Line(paragraph.text, paragraph.start), None)
            elif self.chapter is None and self.outline.head:
                head_line = self.outline.head.pop()
                item = self.open_item(head_line, None)
            else:
                self.outline.stray.append(segment)
                return
            item.segments.append(segment)
            item.closed = True
        if self.chapter is not None:
            self.chapter.end = line.end

    def add_text(self, line: Line) -> None:
        """An unlabelled line continues the open item, else the chapter text, else the head."""
        if self.chapter is None:
            self.outline.head.append(line)
            return
        if self.stack:
            self.stack[-1].segments.append(Segment(line.text, line.start))
        else:
            self.chapter.text.append(Segment(line.text, line.start))
        self.chapter.end = line.end

    def feed(self, line: Line, label: Label | None) -> None:
        """Place one line in the outline."""
        if label is not None and label.style == self.chapter_style:
            self.open_chapter(line, label)
            return
        if self.chapter is None and self.chapter_style is not None:
            # Everything before the first chapter heading is title, metadata and preamble.
            self.outline.head.append(line)
            return
        if label is not None:
            self.open_item(line, label)
            return
        if parse_annotation_line(line.text) is not None:
            self.add_annotation_line(line)
            return
        if (not self.stack or self.stack[-1].closed) and carries_units(line.text):
            self.open_item(line, None)
            return
        self.add_text(line)


def _cn_labels_are_projects(lines: Sequence[Line], labels: Sequence[Label | None]) -> bool:
    """Whether ``一、`` lines are projects rather than chapters: most of them name their units.

    A short plan may number its projects ``一、二、…`` with no chapters above them; taking those for
    chapters would put every project's text and units into chapter text.
    """
    headed = [i for i, label in enumerate(labels) if label is not None and label.style == CN]
    with_units = 0
    for i in headed:
        next_unlabelled = i + 1 < len(lines) and labels[i + 1] is None
        if carries_units(lines[i].text) or (
            next_unlabelled and parse_annotation_line(lines[i + 1].text) is not None
        ):
            with_units += 1
    return with_units * 2 > len(headed)


def build_outline(lines: Sequence[Line]) -> Outline:
    """Find chapters and items in ``lines`` (title lines and signature already included or not).

    The result keeps every line's offsets; nothing is dropped: lines before the first chapter
    (or, without chapters, before the first item) are returned as ``head``.
    """
    labels = [match_label(line.text) for line in lines]
    present = {label.style for label in labels if label is not None}
    chapter_style = SECTION if SECTION in present else CN if CN in present else None
    if chapter_style == CN and _cn_labels_are_projects(lines, labels):
        chapter_style = None
    builder = _OutlineBuilder(chapter_style)
    for line, label in zip(lines, labels, strict=True):
        builder.feed(line, label)
    return builder.outline
