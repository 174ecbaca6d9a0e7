"""The first pass of the shifted-GBK repair (:mod:`.gbkshift`): a Viterbi search over the gaps.

Each gap of a damaged run may hold 0 to ``MAX_DROPS_PER_GAP`` dropped pairs, and each number of
them gives a list of candidates per character (:class:`~.gbkgaps.Decoder`). The search goes gap
by gap; in every gap it reads each number of dropped pairs character by character:

1. :meth:`_Viterbi.enter` -- the gap's first character takes the best state it can follow;
2. :meth:`_Viterbi.extend` -- each further character follows the previous one of the gap, when
   the pair between them (the previous trail byte read as a lead, this lead byte as its trail)
   is one GBK leaves undefined, i.e. one the decoder dropped;
3. :meth:`_Viterbi.keep` -- the gap's readings become the states after it, the best per state,
   and each distinct reading keeps its best score for the second pass (:mod:`.gbkrescore`);
4. :meth:`_Viterbi.finish` -- the right context scores the end, and the best state gives the
   reading.

A state is the last character emitted (the bigram model's context) and how much of an expected
prefix (an item label) has been emitted: a reading that begins with the prefix is the only kind
the search keeps when a prefix is asked for.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from .gbkcodes import UNDEFINED_AFTER
from .gbkgaps import MAX_DROPS_PER_GAP, Decoder, Gap, Path

# Prior cost of one dropped pair: drops are the exception (0.08, about one junk pair in twelve;
# of the 724 characters the sample and the damaged fixtures have repaired, 92 came after a dropped
# pair). Strictly the number of drops follows from the text; the prior is kept because the
# language model favours short readings less than it should, and doubt is judged without it.
# Measured (see gbkshift): log(0.04) and log(0.16) read every document the same.
DROP_LOGP = math.log(0.08)
# Partial readings kept inside one gap (see _beam): enough to keep the right one, few enough that
# two dropped pairs in a row stay cheap. Measured: 12 and 48 read every document the same as 24,
# 48 taking a third longer; 24 keeps a margin.
BEAM = 24
# A gap's candidate list is cut to the beam only when it is longer than this many beams: the
# lists of a known byte (CANDIDATES_PER_BYTE) are left whole, the free ones are cut. Measured:
# 1 and 4 read every document the same as 2, 4 taking a fifth longer.
BEAM_CUT_FACTOR = 2

# Previous characters whose pairs with the candidates are scored one by one, the best first (the
# rest reach every candidate through the back-off only). Measured: 12 and 48 read every document
# the same as 24 (see gbkshift), 12 a twentieth faster; 24 keeps a margin.
PAIR_BEAM = 24


@dataclass
class Recovery:
    """The best reading of a damaged region, with the characters it is unsure of."""

    text: str  # recovered text, traditional characters as GBK holds them
    score: float
    # (offset in text, chosen characters, best alternative) for every unsure stretch
    doubtful: list[tuple[int, str, str]] = field(default_factory=list)
    # per gap: every reading the search kept, with the best bigram score reaching it
    options: list[dict[Path, float]] = field(default_factory=list)


# A state of the search: (last character emitted, characters emitted so far capped at the length
# of the expected prefix). NOTHING_YET stands for the character before the first.
State = tuple[int, int]
NOTHING_YET = -1
# What the search keeps of a state: its best score and the per-gap readings that led there.
States = dict[State, tuple[float, tuple[Path, ...]]]
# Inside a gap: last character -> (score, the state the gap was entered from, characters so far).
Inner = dict[int, tuple[float, State, Path]]
# A candidate list as extend walks it: (code, lead byte, log unigram) per code, the lead bytes,
# the (code, lead byte) pairs per simplified character, and those characters.
PoolIndex = tuple[
    tuple[tuple[int, int, float], ...], frozenset[int], dict[str, list[tuple[int, int]]], frozenset[str]
]


def search(dec: Decoder, gaps: list[Gap], *, left: str, right: str, prefix: str = "") -> Recovery | None:
    """Viterbi over gaps, keeping for each gap the best score of every reading it allows.

    None when no reading fits the bytes (or, with ``prefix``, none begins with it).
    """
    viterbi = _Viterbi(dec, left=left, prefix=prefix)
    states: States = {(NOTHING_YET, 0): (0.0, ())}
    gap_options: list[dict[Path, float]] = []
    for gap in gaps:
        states, per_path = viterbi.advance(states, gap)
        if not states:
            return None
        gap_options.append(per_path)
    return viterbi.finish(states, right=right, gap_options=gap_options)


class _Viterbi:
    """The search's fixed inputs (model, expected prefix, left context) and its steps."""

    def __init__(self, dec: Decoder, *, left: str, prefix: str) -> None:
        self.dec = dec
        self.lm = dec.lm
        self.t = dec.t
        self.simple = dec.t.simple
        self.want = [int.from_bytes(c.encode("gbk"), "big") for c in prefix]
        self.cap = len(self.want)
        self.start_ctx = left[-1:] if left else ""

    def advance(self, states: States, gap: Gap) -> tuple[States, dict[Path, float]]:
        """The states after ``gap``, and the best score of every reading of it."""
        new_states: States = {}
        per_path: dict[Path, float] = {}
        by_done = _by_progress(states)
        for drops in range(MAX_DROPS_PER_GAP + 1):
            slots = self.dec.options(gap, drops)
            if slots is None:
                continue
            penalty = drops * DROP_LOGP
            for done, incoming in by_done.items():
                inner = self.read_gap(gap, drops, slots, done, incoming)
                self.keep(
                    inner, penalty=penalty, done=done, states=states, into=new_states, per_path=per_path
                )
        return new_states, per_path

    def read_gap(
        self, gap: Gap, drops: int, slots: list[list[int]], done: int, incoming: list[tuple[State, float]]
    ) -> Inner:
        """Inner Viterbi across this gap's characters, from states that emitted ``done`` of the
        prefix: the first one picks its best incoming state, the rest follow within the gap."""
        inner = self.enter(self.pool(gap, drops, slots, done, 0), incoming)
        for k in range(1, len(slots)):
            nxt = self.extend(inner, self.pool(gap, drops, slots, done, k))
            inner = _beam(nxt) if len(slots[k]) > BEAM_CUT_FACTOR * BEAM else nxt
            if not inner:
                break
        return inner

    def pool(self, gap: Gap, drops: int, slots: list[list[int]], done: int, k: int) -> list[int]:
        """Candidates for character ``k`` of the gap: the prefix's character while the prefix is
        not complete (if the bytes allow it), else the gap's own list."""
        idx = done + k
        if idx < self.cap:
            return [self.want[idx]] if self.dec.fits(gap, drops, k, self.want[idx]) else []
        return slots[k]

    def enter(self, first: list[int], incoming: list[tuple[State, float]]) -> Inner:
        """The gap's first character after the best of the incoming states.

        The best state for a character is found without a probability per pair (see
        :meth:`_best_previous`): the state best on the back-off, or one whose character the
        candidate follows within a word.
        """
        lm, simple = self.lm, self.simple
        start_ctx = self.start_ctx
        previous = [(key, pv, start_ctx if key[0] == NOTHING_YET else simple[key[0]]) for key, pv in incoming]
        top: tuple[float, State] | None = None
        for key, pv, ctx in previous:
            v = pv + lm.backoff(ctx)
            if top is None or v > top[0]:
                top = (v, key)
        if top is None:
            return {}
        top_v, top_key = top
        unigram = lm.log_unigrams()
        best: dict[int, tuple[float, State]] = {}
        for code in first:
            sc = simple[code]
            lu = unigram.get(sc)
            best[code] = (top_v + (lm.log_unigram(sc) if lu is None else lu), top_key)
        by_char = _by_char(first, simple)
        chars = set(by_char)  # a set, so that & walks the smaller side
        for key, pv, ctx in previous:
            row = lm.row(ctx)
            for ch in chars & lm.successors(ctx):
                lp = row.get(ch)
                v = pv + (lm.logp(ctx, ch) if lp is None else lp)
                for code in by_char[ch]:
                    if v > best[code][0]:
                        best[code] = (v, key)
        return {code: (v, key, (code,)) for code, (v, key) in best.items()}

    def extend(self, inner: Inner, pool: list[int]) -> Inner:
        """One more character of the gap, after a dropped pair: its lead byte and the previous
        character's trail byte make a pair GBK leaves undefined.

        This is the decoder's hot spot. Every previous character times every candidate would be
        a probability each; instead the best previous character on the back-off is found per
        lead byte (the pair rule depends on the bytes only), and only the pairs the model has
        counts for (:meth:`~.charlm.CharLM.successors`) are scored one by one.
        """
        lm, simple = self.lm, self.simple
        backoff = lm.backoff
        # per trail byte of the previous character: the best of them on the back-off
        by_trail: dict[int, tuple[float, int]] = {}
        for a, (av, _src, _seq) in inner.items():
            v = av + backoff(simple[a])
            trail = a & 0xFF
            old = by_trail.get(trail)
            if old is None or v > old[0]:
                by_trail[trail] = (v, a)
        # lead byte -> the best previous character it may follow, with its back-off score: the
        # first of the trail bytes, best first, that leaves the pair undefined. Walked from the
        # best trail down, each claiming the leads still open (set operations, not a scan per lead).
        codes, leads, by_char, chars = self.index(pool)
        open_leads = set(leads)
        by_lead: dict[int, tuple[float, int]] = {}
        for trail, cand in sorted(by_trail.items(), key=lambda tc: -tc[1][0]):
            claimed = open_leads & UNDEFINED_AFTER[trail]
            if claimed:
                for lead in claimed:
                    by_lead[lead] = cand
                open_leads -= claimed
                if not open_leads:
                    break
        best_v: dict[int, float] = {}
        best_a: dict[int, int] = {}
        for code, lead, lu in codes:
            found = by_lead.get(lead)
            if found is not None:
                best_v[code] = found[0] + lu
                best_a[code] = found[1]
        previous: Iterable[tuple[int, tuple[float, State, Path]]] = inner.items()
        if len(inner) > PAIR_BEAM:
            previous = sorted(inner.items(), key=lambda kv: -kv[1][0])[:PAIR_BEAM]
        pairs_cache = self.dec.pair_scores
        pool_id = id(pool)
        for a, (av, _src, _seq) in previous:
            pairs = pairs_cache.get((a, pool_id))
            if pairs is None:
                pairs = pairs_cache[a, pool_id] = self.pairs(a, by_char, chars)
            for lp, code in pairs:
                v = av + lp
                if v > best_v[code]:
                    best_v[code] = v
                    best_a[code] = a
        out: Inner = {}
        for code, v in best_v.items():
            a = best_a[code]
            _, src, seq = inner[a]
            out[code] = (v, src, (*seq, code))
        return out

    def index(self, pool: list[int]) -> PoolIndex:
        """What :meth:`extend` needs of a candidate list, worked out once per list and document:
        the decoder's lists are reused gap after gap, the language model is the document's."""
        hit = self.dec.pool_index.get(id(pool))
        if hit is not None and hit[0] is pool:
            known: PoolIndex = hit[1]  # the decoder holds it untyped: gbkgaps is below this module
            return known
        lm, simple = self.lm, self.simple
        codes = tuple((code, code >> 8, lm.log_unigram(simple[code])) for code in pool)
        by_char: dict[str, list[tuple[int, int]]] = {}
        for code in pool:
            by_char.setdefault(simple[code], []).append((code, code >> 8))
        index = (codes, frozenset(code >> 8 for code in pool), by_char, frozenset(by_char))
        # the list is kept with its index, so that its id is not reused while the entry lives
        self.dec.pool_index[id(pool)] = (pool, index)
        return index

    def pairs(
        self, a: int, by_char: dict[str, list[tuple[int, int]]], chars: frozenset[str]
    ) -> list[tuple[float, int]]:
        """The candidates that may follow ``a`` after a dropped pair and that the model has a
        pair count for, each with its log-probability after ``a``: fixed for a document, so
        worked out once per previous character and candidate list (the same pairs come back
        gap after gap)."""
        lm = self.lm
        prev = self.simple[a]
        undefined_after = UNDEFINED_AFTER[a & 0xFF]
        row = lm.row(prev)
        pairs: list[tuple[float, int]] = []
        for ch in chars & lm.successors(prev):
            lp = row.get(ch)
            if lp is None:
                lp = lm.logp(prev, ch)
            pairs.extend((lp, code) for code, lead in by_char[ch] if lead in undefined_after)
        return pairs

    def keep(
        self,
        inner: Inner,
        *,
        penalty: float,
        done: int,
        states: States,
        into: States,
        per_path: dict[Path, float],
    ) -> None:
        """Add the readings of one gap to the states after it (the best per state) and to the
        gap's readings (the best per reading)."""
        for last, (v, src, seq) in inner.items():
            v += penalty
            key = (last, min(self.cap, done + len(seq)))
            if key not in into or v > into[key][0]:
                into[key] = (v, (*states[src][1], seq))
            if v > per_path.get(seq, -math.inf):
                per_path[seq] = v

    def finish(self, states: States, *, right: str, gap_options: list[dict[Path, float]]) -> Recovery | None:
        """The best complete reading, its last character scored against the right context."""
        finals: dict[State, float] = {}
        for key, (v, _) in states.items():
            if key[1] < self.cap:
                continue  # the expected prefix was not emitted
            finals[key] = v + (self.lm.score(right[:2], prev=self.simple[key[0]]) if right else 0.0)
        if not finals:
            return None
        last_key = max(finals, key=finals.__getitem__)
        chain = states[last_key][1]
        text = "".join(self.t.chars[c] for path in chain for c in path)
        return Recovery(text=text, score=finals[last_key], options=gap_options)


def _by_progress(states: States) -> dict[int, list[tuple[State, float]]]:
    """The states grouped by how much of the prefix they emitted, each with its score."""
    by_done: dict[int, list[tuple[State, float]]] = {}
    for key, (pv, _) in states.items():
        by_done.setdefault(key[1], []).append((key, pv))
    return by_done


def _by_char(codes: list[int], simple: dict[int, str]) -> dict[str, list[int]]:
    """The codes grouped by their simplified character (traditional variants share one)."""
    grouped: dict[str, list[int]] = {}
    for code in codes:
        grouped.setdefault(simple[code], []).append(code)
    return grouped


def _beam(scored: Inner) -> Inner:
    """Keep the BEAM best partial readings inside a gap."""
    if len(scored) <= BEAM:
        return scored
    keep = sorted(scored.items(), key=lambda kv: kv[1][0], reverse=True)[:BEAM]
    return dict(keep)
