"""Undo the damage scraped plan texts carry, and say where doubt remains.

In order, on a text that shows the damage (a clean simplified text passes through with only its
punctuation normalised):

1. shifted-GBK mojibake at paragraph starts and after ``?`` inside lines is re-read
   (:mod:`.gbkshift`), the bigram model choosing among candidate readings;
2. pinyin annotations after characters (``務(wù)``) are removed — before that they serve as
   evidence: a damaged character followed by ``(wù)`` must be one the document annotates so;
3. traditional characters are converted to simplified with OpenCC ``t2s``, then a small phrase
   table fixes the words ``t2s`` leaves (``著力`` → ``着力``), without a regional converter
   rewriting vocabulary;
4. ASCII punctuation that stands for full-width beside Chinese text becomes full-width again.

Spans that were not recovered with certainty come back as :class:`Doubt` with offsets into
the repaired text and a :class:`~.reasons.Reason` (a code and its parameters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .limits import Budget
from .marks import (
    _ANNOTATION,
    _CJK,
    _CLOSE,
    _FULLWIDTH,
    _HAS_TONE,
    _OPEN,
    _REASON,
    _REASON_END,
    LOST,
    extract_doubts,
    looks_traditional,
)
from .marks import simplified as _simplified
from .model import Doubt
from .notes import Note, NoteCode

__all__ = [
    "LOST",
    "Repaired",
    "looks_damaged",
    "looks_traditional",
    "repair",
    "repair_cell",
]

# Words OpenCC's t2s leaves with 著 where simplified writes 着 (著 stays in 著名, 著作, 显著).
_ZHE_PHRASES = (
    "著力",
    "著重",
    "著手",
    "著眼",
    "著落",
    "著想",
    "著装",
    "著陆",
    "著火",
    "著迷",
    "著急",
    "随著",
    "沿著",
    "本著",
    "朝著",
    "向著",
    "有著",
    "意味著",
    "接著",
    "紧接著",
    "围绕著",
    "存在著",
    "发挥著",
    "承担著",
    "看著",
    "跟著",
    "靠著",
    "带著",
    "顺著",
    "按著",
    "著重点",
)
_ZHE = re.compile("|".join(sorted(map(re.escape, _ZHE_PHRASES), key=len, reverse=True)))

_PUNCT_NEAR_CJK = re.compile(rf"(?<=[{_CJK}“”。、）》0-9A-Za-z%])[,;:!?]|[,;:!?](?=[{_CJK}“（《])")
_PAREN_PAIR = re.compile(r"\(([^()\n]{0,200})\)")


@dataclass
class Repaired:
    """The repaired text, the spans still in doubt, and notes on what was done."""

    text: str
    doubts: list[Doubt] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def looks_damaged(text: str) -> bool:
    """True when the text shows the scrape's damage: toned pinyin annotations after characters
    (``務(wù)``), or paragraphs opening with ``?`` and a symbol of GBK's first row (the second
    byte of a lost full-width space read with the next byte: ``?。ㄒ唬``)."""
    toned = sum(1 for m in _ANNOTATION.finditer(text) if _HAS_TONE.search(m.group(1)))
    if toned >= 3:
        return True
    for m in re.finditer(r"^\?(.)", text, re.M):
        try:
            if m.group(1).encode("gbk")[0] == 0xA1:
                return True
        except UnicodeEncodeError:
            continue
    return False


def repair(text: str, *, budget: Budget | None = None) -> Repaired:
    """Repair a scraped plan text; see the module docstring for the steps.

    The search for readings of damaged text stops at the budget's repair deadline
    (``repair_seconds``); what it did not reach is flagged ``unrepaired`` for a person, and a note
    says so. Never raises on any string input.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    for marker in (_OPEN, _CLOSE, _REASON, _REASON_END):
        text = text.replace(marker, "")
    notes: list[Note] = []
    damaged = looks_damaged(text)
    if damaged:
        # Imported here: the GBK tables and the character model cost a clean document nothing.
        from .mojibake import _flag_leftover_junk, _recover_mojibake

        text, n_regions, ctx = _recover_mojibake(text, budget)
        if n_regions:
            notes.append(Note(NoteCode.GBK_REPAIRED, {"count": n_regions}))
        if ctx.unrepaired:
            notes.append(Note(NoteCode.REPAIR_TIMEOUT, {"count": ctx.unrepaired}))
        text, n_pinyin = _strip_annotations(text)
        if n_pinyin:
            notes.append(Note(NoteCode.PINYIN, {"count": n_pinyin}))
        text, n_junk = _flag_leftover_junk(text, ctx)
        if n_junk:
            notes.append(Note(NoteCode.JUNK, {"count": n_junk}))
    if looks_traditional(text):
        text = _simplified(text)
        text = _ZHE.sub(lambda m: m.group(0).replace("著", "着"), text)
        notes.append(Note(NoteCode.TRADITIONAL))
    clean, doubts = extract_doubts(text)
    # Punctuation is normalised last and one character for one, so the doubts' offsets hold.
    return Repaired(_normalise_punctuation(clean), doubts, notes)


def repair_cell(text: str, *, traditional: bool) -> str:
    """A short text lifted out of a document's text (a task table's cell) repaired as the text
    around it is: converted to simplified where the document is ``traditional`` (a cell is too
    short to tell by itself), and its punctuation normalised. The GBK search is not run: a reader
    that lifts tables decodes its cells from the file's own structure, not from scraped text."""
    if traditional:
        text = _simplified(text)
        text = _ZHE.sub(lambda m: m.group(0).replace("著", "着"), text)
    return _normalise_punctuation(text)


def _strip_annotations(text: str) -> tuple[str, int]:
    count = 0

    def drop(m: re.Match[str]) -> str:
        nonlocal count
        syllable = m.group(1)
        if _HAS_TONE.search(syllable) or syllable.isascii():
            count += 1
            return ""
        return m.group(0)

    return _ANNOTATION.sub(drop, text), count


def _normalise_punctuation(text: str) -> str:
    def paren(m: re.Match[str]) -> str:
        inner = m.group(1)
        # Keep ASCII brackets around pure ASCII (e.g. formulas); Chinese text gets full-width.
        if re.search(rf"[{_CJK}]", inner) or re.fullmatch(r"[\d\s—\-–~]+年?", inner):
            return f"（{inner}）"
        return m.group(0)

    text = _PAREN_PAIR.sub(paren, text)
    text = re.sub(rf"(?<=[{_CJK}])\((?=[{_CJK}])", "（", text)
    text = re.sub(rf"(?<=[{_CJK}])\)(?=[{_CJK}])", "）", text)

    def widen(m: re.Match[str]) -> str:
        at = m.start()
        if text[at - 1 : at].isdigit() and text[at + 1 : at + 2].isdigit():
            return m.group(0)  # 5,000 or 9:30 stay as written
        return m.group(0).translate(_FULLWIDTH)

    return _PUNCT_NEAR_CJK.sub(widen, text)
