"""Item titles: the printed heading where there is one, else a short title made from the first sentence.

An item's label line is read in this order:

1. **A heading ended by a space or a colon** (``（一）深化商事制度改革　推进企业开办…``,
   ``1.强化监管：建立…``): a top-level space or ``：`` within the first 30 characters, with no
   ``，``/``；`` before it and at least 8 characters of text after it, ends the heading (a space
   only after at least 4 characters ending in a Chinese character, quote or bracket: ``推进5G 网络``
   is one name). The heading is printed, so the title is not flagged.
2. **A heading ended by ``。``** no longer than :data:`MAX_HEADING` (40) characters: the title, as
   plans print it (``（一）加强组织领导。成立…``). A label line without ``。`` is a heading as a whole
   when it is that short.
3. **No heading** (the first sentence is longer than 40 characters: an action, not a heading, as in
   ``1.全面推行证明事项告知承诺制，对…``): the title is made by :func:`short_title` from the first
   sentence, the sentence stays the item's first measure, and the item is flagged
   (``title_from_sentence``) for a person to write a proper title.

An unnumbered paragraph that became an item through its own annotation has no printed heading at
all; :mod:`.build` flags its title whatever its length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .annotations import strip_annotations
from .structure import mask_enclosed

__all__ = ["MAX_HEADING", "TitleSplit", "short_title", "split_title"]

# The longest first sentence still taken for a printed heading. Headings of the plans seen are
# 4–30 characters; the headless items' sentences were 60–190.
MAX_HEADING = 40
# A title made from a sentence stops at the first clause boundary within this many characters.
SHORT_TITLE = 40
# A first clause shorter than this (``同时``, ``为此``) says nothing: the next clause is added.
_MIN_CLAUSE = 4
_EDGE = " \t\u3000：:。．.，,；;、"
_HEADING_END_RE = re.compile(r"[ \t\u3000]+|[：:]")
# What a heading ended by a space ends with: a Chinese character, a closing quote or bracket.
_HEADING_LAST_RE = re.compile(r"[\u4e00-\u9fff”’》）)」]")
_CLAUSE_SEP_RE = re.compile(r"[，,；;：:]")
# Inside a clause too long for a title: places that end a word for certain. After 、 (an
# enumeration), after a closing quote or bracket, after 的; before 和/与/并/及 that start a
# conjunction (not 及时, 以及, 并且, 与会 …).
_WORD_END_RE = re.compile(r"(?<=[、”’》）)」的])|(?<![以合])(?=[和与并及](?![时早且会]))")


@dataclass(frozen=True)
class TitleSplit:
    """An item's title, where the body starts in its label line, and whether the title was made
    from a sentence (rule 3 of the module) rather than printed as a heading."""

    title: str
    body_start: int
    from_sentence: bool = False


def _clean(text: str) -> str:
    return strip_annotations(text).strip(_EDGE)


def _heading_before_mark(head: str, masked: str, limit: int) -> TitleSplit | None:
    """Rule 1: a heading ended by a space or a colon instead of ``。``."""
    for mark in _HEADING_END_RE.finditer(masked, 0, min(limit, 31)):
        left = masked[: mark.start()]
        if re.search(r"[，,；;]", left):
            return None
        title = _clean(head[: mark.start()])
        rest = head[mark.end() :].strip(_EDGE)
        if mark.group()[0] in "：:":
            if len(title) >= 2 and len(rest) >= 8:
                return TitleSplit(title, mark.end())
        elif len(title) >= 4 and len(rest) >= 8 and _HEADING_LAST_RE.match(head[mark.start() - 1]):
            # a space after Latin letters or digits is spacing inside a name (``5G 网络``)
            return TitleSplit(title, mark.end())
    return None


def split_title(head: str) -> TitleSplit:
    """The title of an item whose label line (label removed) is ``head``: see the module's rules."""
    masked = mask_enclosed(head)
    stop = masked.find("。")
    end = stop if stop >= 0 else len(head)
    marked = _heading_before_mark(head, masked, end)
    if marked is not None:
        return marked
    sentence = _clean(head[:end])
    if len(sentence) <= MAX_HEADING:
        return TitleSplit(sentence, stop + 1 if stop >= 0 else len(head))
    return TitleSplit(short_title(head[:end]), 0, from_sentence=True)


def short_title(sentence: str) -> str:
    """A title of at most about 40 characters made from a sentence.

    The rule: the sentence's first clause (up to a top-level ``，``, ``；`` or ``：``; a first clause
    under 4 characters takes the next one with it) when it is at most 40 characters long. A longer
    clause is cut at the last place within 40 characters where a word surely ends (after ``、``, a
    closing quote or bracket, or ``的``; before a conjunction ``和``/``与``/``并``/``及``); a clause
    with no such place is kept whole up to 60 characters, else cut at 40 and marked with ``…``.
    Never cut inside brackets or quotes.
    """
    text = _clean(sentence)
    masked = mask_enclosed(text)
    cut = len(text)
    for sep in _CLAUSE_SEP_RE.finditer(masked):
        if len(text[: sep.start()].strip(_EDGE)) >= _MIN_CLAUSE:
            cut = sep.start()
            break
    clause = text[:cut].strip(_EDGE)
    if len(clause) <= SHORT_TITLE:
        return clause
    ends = [m.start() for m in _WORD_END_RE.finditer(mask_enclosed(clause), 8, SHORT_TITLE + 1)]
    if ends:
        return clause[: ends[-1]].strip(_EDGE)
    if len(clause) <= 60:
        return clause
    return clause[:SHORT_TITLE] + "…"
