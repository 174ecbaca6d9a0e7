"""The gaps of a shifted-GBK run and the characters each may hold (:mod:`.gbkshift`).

Re-read one step over, a damaged run is a stream of known bytes with gaps between them: a gap is
one character whose lead and trail bytes are (mostly) known, or more characters when the decoder
dropped shifted pairs there, of which only the outer bytes are known. :class:`Decoder` lists the
candidates for every character of a gap read with a given number of dropped pairs, the most
frequent first, cut to a length the search can afford.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .charlm import CharLM
from .gbkcodes import (
    DROPPABLE_FIRST,
    DROPPABLE_SECOND,
    MIN_LEAD,
    MIN_TRAIL,
    PUNCTUATION_LEAD,
    double_byte_code,
    is_defined_pair,
    tables,
)

# Most shifted pairs the decoder may have dropped in a row, between two characters it kept.
# Measured (see gbkshift): 2 leaves a title of luohu_clean silently wrong; 4 reads every
# document the same as 3 and takes 1.7 times as long.
MAX_DROPS_PER_GAP = 3
# Candidates kept, the most frequent first, for a character of which one byte is known (GBK has
# up to 190 characters per lead byte and 119 per trail byte). Measured: 24, 32, 48 and 96 read
# every document the same (grassroots_governance_plan too); since the search scores pairs through
# the back-off (gbksearch) their cost shows: 24 takes the sample's repair from 350 to 300 ms, so
# 24 it is; a rarer word is the price, and its title flagged or not is what the tests check.
CANDIDATES_PER_BYTE = 24
# Candidates kept for a character of which no byte is known (the inside of a run of dropped
# pairs): any of GBK's 21,791 characters. Measured: 40 leaves a title of luohu_clean silently
# wrong; 160 reads every document the same as 80 and takes a third longer.
CANDIDATES_FREE = 80
# How many times more free candidates the last character of a run with a swallowed trail gets
# after one dropped pair (see Decoder._slot). Measured: 1 loses a title of the sample; 2 and 8
# read every document the same as 4.
WIDE_FACTOR = 4


@dataclass
class Gap:
    """What lies between two known bytes of the in-step stream: one character, or more when
    the decoder dropped shifted pairs there."""

    lead: int | None  # known lead byte of the first character here (None: lost)
    trail: int | None  # known trail byte of the last character here (None: swallowed by '?')
    first_lead_dropped: bool = False  # (A1, lead) was the dropped first pair of a paragraph
    swallowed: bool = False  # the trail was read as a lead before an ASCII byte: >= 0x81
    # Characters the last one here must be, when outside evidence says so (a pinyin
    # annotation that followed it); ignored if none of them fits the bytes.
    allowed_last: frozenset[int] = frozenset()


# A reading of one gap: the GBK codes of the characters it emits.
Path = tuple[int, ...]


class Decoder:
    """The candidate characters of every gap of a damaged region, ranked by a language model."""

    def __init__(self, lm: CharLM, *, allowed: frozenset[int] | None) -> None:
        self.lm = lm
        self.t = tables()
        self.allowed = allowed  # None: any GBK character
        self._rank_cache: dict[tuple[str, int, bool, int], list[int]] = {}
        # id of a candidate list -> (the list, what the search worked out of it): see gbksearch
        self.pool_index: dict[int, tuple[list[int], Any]] = {}
        # (previous code, id of an indexed candidate list) -> [(log-probability, code)]: gbksearch
        self.pair_scores: dict[tuple[int, int], list[tuple[float, int]]] = {}

    def _top(self, key: tuple[str, int, bool, int], pool: Callable[[], Iterable[int]], k: int) -> list[int]:
        """The ``k`` most frequent characters of a pool (under the document's model; equal counts
        in code order), the pool made by ``pool`` and ranked on the dictionary once a process."""
        ranked = _RANKED.get(key)
        if ranked is None:
            ranked = _RANKED[key] = _RankedPool(pool(), self.lm, self.t.simple)
        return ranked.top(self.lm, self.allowed, k)

    def by_lead(self, lead: int, *, droppable: bool, min_trail: int = MIN_TRAIL) -> list[int]:
        """Characters with this lead byte (ending in a droppable trail byte if ``droppable``)."""
        key = ("L", lead, droppable, min_trail)
        hit = self._rank_cache.get(key)
        if hit is None:
            hit = self._rank_cache[key] = self._top(
                key,
                lambda: (
                    c
                    for c in self.t.by_lead.get(lead, [])
                    if (c & 0xFF) >= min_trail and (not droppable or (c & 0xFF) in DROPPABLE_FIRST)
                ),
                CANDIDATES_PER_BYTE,
            )
        return hit

    def by_trail(self, trail: int, *, after_drop: bool) -> list[int]:
        """Characters with this trail byte (whose lead byte can follow a dropped pair if asked)."""
        key = ("T", trail, after_drop, 0)
        hit = self._rank_cache.get(key)
        if hit is None:
            hit = self._rank_cache[key] = self._top(
                key,
                lambda: (
                    c
                    for c in self.t.by_trail.get(trail, [])
                    if not after_drop or (c >> 8) in DROPPABLE_SECOND
                ),
                CANDIDATES_PER_BYTE,
            )
        return hit

    def free_chars(self, *, after_drop: bool, droppable: bool, wide: bool = False) -> list[int]:
        """Characters of which no byte is known, within what a dropped pair before or after allows."""
        key = ("F", int(wide), after_drop, int(droppable))
        hit = self._rank_cache.get(key)
        if hit is None:
            hit = self._rank_cache[key] = self._top(
                key,
                lambda: (
                    c
                    for c in self.t.chars
                    if (not after_drop or (c >> 8) in DROPPABLE_SECOND)
                    and (not droppable or (c & 0xFF) in DROPPABLE_FIRST)
                ),
                CANDIDATES_FREE * WIDE_FACTOR if wide else CANDIDATES_FREE,
            )
        return hit

    def options(self, gap: Gap, drops: int) -> list[list[int]] | None:
        """Candidate lists for each character the gap emits with ``drops`` dropped pairs."""
        slots = self._options(gap, drops)
        if slots is None or not gap.allowed_last:
            return slots
        fits = self.allowed_last_fits(gap, drops)
        if fits:
            slots[-1] = fits
            return slots
        # The evidence names the last character; if it fits the bytes with some other
        # number of dropped pairs, this number is ruled out.
        if any(self.allowed_last_fits(gap, d) for d in range(MAX_DROPS_PER_GAP + 1)):
            return None
        return slots

    def allowed_last_fits(self, gap: Gap, drops: int) -> list[int]:
        """The characters named by outside evidence that can end the gap read with ``drops``."""
        return [c for c in gap.allowed_last if self.fits(gap, drops, drops, c)]

    def fits(self, gap: Gap, drops: int, k: int, code: int) -> bool:
        """True if ``code`` may be character ``k`` of the gap read with ``drops`` drops.

        The same byte constraints as :meth:`options`, without the frequency cut, so that a
        character named from outside (an expected item label) is never missed.
        """
        if code not in self.t.chars or (self.allowed is not None and code not in self.allowed):
            return False
        lead, trail = code >> 8, code & 0xFF
        return self._lead_fits(gap, lead, first=k == 0) and self._trail_fits(gap, trail, last=k == drops)

    @staticmethod
    def _lead_fits(gap: Gap, lead: int, *, first: bool) -> bool:
        if not first:
            return lead in DROPPABLE_SECOND  # it follows a dropped pair
        if gap.lead is not None and lead != gap.lead:
            return False
        # the paragraph's lost first byte and this lead made a pair that was dropped
        return not (gap.first_lead_dropped and is_defined_pair(PUNCTUATION_LEAD, lead))

    @staticmethod
    def _trail_fits(gap: Gap, trail: int, *, last: bool) -> bool:
        if not last:
            return trail in DROPPABLE_FIRST  # it starts a dropped pair
        if gap.trail is not None:
            return trail == gap.trail
        return trail >= MIN_LEAD  # swallowed: it was read as a lead byte

    def _options(self, gap: Gap, drops: int) -> list[list[int]] | None:
        if drops == 0:
            return self._options_in_step(gap)
        slots: list[list[int]] = []
        for i in range(drops + 1):
            cs = self._slot(gap, drops, i)
            if not cs:
                return None
            slots.append(cs)
        return slots

    def _options_in_step(self, gap: Gap) -> list[list[int]] | None:
        """The gap is one character: both bytes known, or one of them."""
        t = self.t
        if gap.lead is not None and gap.trail is not None:
            code = gap.lead << 8 | gap.trail
            if code not in t.chars or (self.allowed is not None and code not in self.allowed):
                return None
            return [[code]]
        if gap.lead is not None:
            # the trail was swallowed: it was read as a lead byte
            return [self.by_lead(gap.lead, droppable=False, min_trail=MIN_LEAD)]
        if gap.trail is not None:
            cs = self.by_trail(gap.trail, after_drop=gap.first_lead_dropped)
            return [cs] if cs else None
        return [self.free_chars(after_drop=gap.first_lead_dropped, droppable=False)]

    def _slot(self, gap: Gap, drops: int, i: int) -> list[int]:
        """Candidates for character ``i`` of a gap read with ``drops`` (> 0) dropped pairs."""
        first, last = i == 0, i == drops
        if first and gap.lead is not None:
            return self.by_lead(gap.lead, droppable=True)
        if last and gap.trail is not None:
            return self.by_trail(gap.trail, after_drop=True)
        if last:  # trail swallowed: the run's last character, of which no byte is known
            # After one drop it only meets one free neighbour and the right context, so a
            # wide list costs little, and the run's last word (水平, 服务) is often the one
            # the title ends on. After more drops its neighbours are free already.
            return [
                c
                for c in self.free_chars(after_drop=True, droppable=False, wide=drops == 1)
                if (c & 0xFF) >= MIN_LEAD
            ]
        return self.free_chars(after_drop=not first or gap.first_lead_dropped, droppable=True)


class _RankedPool:
    """A pool of candidates ranked on the dictionary's counts, so that a document's top ``k`` is
    found without counting the whole pool again (free pools hold thousands of characters).

    A character the document does not use counts what the dictionary says, so the document's
    top ``k`` lies within the dictionary's top ``k`` and the characters the document uses.
    """

    def __init__(self, pool: Iterable[int], lm: CharLM, simple: dict[int, str]) -> None:
        codes = sorted(pool)  # the tables' order, which equal counts keep
        base = lm.base_count
        self.simple = simple
        self.by_base = sorted(codes, key=lambda c: -base(simple[c]))
        self.by_simple: dict[str, list[int]] = {}
        for c in codes:
            self.by_simple.setdefault(simple[c], []).append(c)
        self.simple_chars = frozenset(self.by_simple)

    def top(self, lm: CharLM, allowed: frozenset[int] | None, k: int) -> list[int]:
        simple, count = self.simple, lm.count
        cand: set[int] = set()
        for c in self.by_base:
            if allowed is None or c in allowed:
                cand.add(c)
                if len(cand) == k:
                    break
        # the pool's characters the document uses (an intersection in C: a document uses
        # thousands of characters, a pool's few of them)
        for ch in self.simple_chars.intersection(lm.document_chars()):
            for c in self.by_simple[ch]:
                if allowed is None or c in allowed:
                    cand.add(c)
        counted = sorted((-count(simple[c]), c) for c in cand)
        seen = [c for negative, c in counted if negative < 0]
        if seen:
            return seen[:k]
        # nothing of the pool was ever seen: the tables' order
        return [c for c in sorted(self.by_base) if allowed is None or c in allowed][:k]


# Pools ranked on the dictionary, by the decoders' keys: the same for every document.
_RANKED: dict[tuple[str, int, bool, int], _RankedPool] = {}

# Decoders kept: one per language model (a document's), whose ranked candidate lists are worth
# keeping while its regions are searched. A few cover the documents of one process at a time.
_DECODERS_KEPT = 4
_DECODERS: dict[tuple[int, bool, int], Decoder] = {}


def decoder_for(lm: CharLM, traditional: bool, known: frozenset[str]) -> Decoder:
    """One decoder per language model: its ranked candidate lists are worth keeping."""
    key = (id(lm), traditional, hash(known))
    dec = _DECODERS.get(key)
    if dec is None or dec.lm is not lm:
        if len(_DECODERS) > _DECODERS_KEPT:
            _DECODERS.clear()
        dec = _DECODERS[key] = Decoder(lm, allowed=_allowed_codes(traditional, known))
    return dec


def _allowed_codes(traditional: bool, known: frozenset[str]) -> frozenset[int] | None:
    """In traditional text: the traditional characters and those the undamaged text uses."""
    if not traditional:
        return None
    t = tables()
    extra = {code for code in map(double_byte_code, known) if code is not None}
    return t.traditional | frozenset(c for c in extra if c in t.chars)
