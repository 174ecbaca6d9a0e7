"""Undo GBK text that was decoded one byte out of step.

How the damage arises (see the sample's README): traditional-character text was encoded as GBK; a
byte went missing (the first byte of the full-width space that opened each paragraph) or a byte
was swallowed mid-line, and the decoder read every following pair one byte out of step: the
trail byte of character *k* became the lead byte of a junk character whose trail is the lead
byte of character *k+1*. The decoder dropped shifted pairs that GBK leaves undefined or
user-defined, turned a lead byte followed by a byte below 0x40 into one ``?`` (swallowing both),
and fell back in step when a shifted "lead" byte was an ASCII byte (a trail byte in 0x40–0x7E).
Full-width ASCII forms were later folded to ASCII.

Undoing it: re-encode the junk as GBK (each junk character is two known bytes, a folded ASCII
character is ``A3 xx`` or a single in-step byte), read the bytes back one step over, and fill
in what was lost (the bytes of dropped pairs, the bytes swallowed by ``?``, the missing first
byte) with candidates that fit the known bytes. A Viterbi search with a character bigram model
keeps, for every gap between known bytes, its best readings; the document's own trigrams and a
word model then choose among their combinations. When the runner-up reads nearly as well, the
stretches where the two differ are reported, so that the item is flagged for a person instead
of being silently wrong.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import opencc

from .charlm import CharLM

# Most shifted pairs the decoder may have dropped in a row, between two characters it kept.
MAX_DROPS_PER_GAP = 3
# Prior cost of one dropped pair: drops are the exception (roughly one junk pair in twelve).
# Strictly the number of drops follows from the text; the prior is kept because the language
# model favours short readings less than it should, and doubt is judged without it.
DROP_LOGP = math.log(0.08)
# A choice whose best alternative scores within this many nats is reported as doubtful.
DOUBT_MARGIN = 2.5
# Partial readings kept inside one gap (see _beam).
BEAM = 24


@dataclass(frozen=True)
class _Tables:
    chars: dict[int, str]  # (lead << 8 | trail) -> character, defined GBK pairs only
    by_lead: dict[int, list[int]]
    by_trail: dict[int, list[int]]
    simple: dict[int, str]  # code -> simplified form of the character
    # codes of characters a traditional text can hold: those OpenCC's s2t leaves as they are
    # (话 is not one: traditional text writes 話)
    traditional: frozenset[int]


@lru_cache(maxsize=1)
def tables() -> _Tables:
    """GBK's defined double-byte characters (no user-defined area), indexed both ways."""
    chars: dict[int, str] = {}
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                ch = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            if len(ch) != 1 or 0xE000 <= ord(ch) <= 0xF8FF:
                continue
            chars[lead << 8 | trail] = ch
    by_lead: dict[int, list[int]] = {}
    by_trail: dict[int, list[int]] = {}
    for code in chars:
        by_lead.setdefault(code >> 8, []).append(code)
        by_trail.setdefault(code & 0xFF, []).append(code)
    codes = list(chars)
    converted = opencc.OpenCC("t2s").convert("\n".join(chars[c] for c in codes)).split("\n")
    simple = {}
    for code, s in zip(codes, converted, strict=True):
        simple[code] = s if len(s) == 1 else chars[code]
    back = opencc.OpenCC("s2t").convert("\n".join(chars[c] for c in codes)).split("\n")
    traditional = frozenset(c for c, s in zip(codes, back, strict=True) if s == chars[c])
    return _Tables(chars, by_lead, by_trail, simple, traditional)


def is_defined_pair(lead: int, trail: int) -> bool:
    """True when GBK defines the pair (user-defined and unassigned codes are not)."""
    return (lead << 8 | trail) in tables().chars


def encode_junk(text: str) -> list[int] | None:
    """GBK bytes of junk characters, or None when a character has no GBK form."""
    out: list[int] = []
    for ch in text:
        try:
            out.extend(ch.encode("gbk"))
        except UnicodeEncodeError:
            return None
    return out


def decode_damaged(data: bytes) -> str:
    """Decode GBK the way the damaging decoder did (the forward model, used by tests and checks).

    ASCII bytes pass through; a lead byte followed by a byte below 0x40 becomes one ``?``
    swallowing both; an undefined or user-defined pair is dropped; full-width ASCII is folded.
    """
    t = tables()
    out: list[str] = []
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        if i + 1 >= n:
            i += 1
            continue
        nxt = data[i + 1]
        if nxt < 0x40:
            out.append("?")
            i += 2
            continue
        ch = t.chars.get(b << 8 | nxt)
        if ch is not None:
            if 0xFF01 <= ord(ch) <= 0xFF5E:
                ch = chr(ord(ch) - 0xFEE0)
            out.append(ch)
        i += 2
    return "".join(out)


@dataclass
@dataclass
class Recovery:
    """The best reading of a damaged region, with the characters it is unsure of."""

    text: str  # recovered text, traditional characters as GBK holds them
    score: float
    # (offset in text, chosen characters, best alternative) for every unsure stretch
    doubtful: list[tuple[int, str, str]] = field(default_factory=list)
    # per gap: every reading the search kept, with the best bigram score reaching it
    options: list[dict[tuple[int, ...], float]] = field(default_factory=list)


def _token_bytes(ch: str) -> tuple[int, int] | None:
    if ord(ch) < 0x80:
        # Inside a region an ASCII character can only be a folded full-width form: an ASCII
        # byte read as a lead would have put the decoder back in step.
        return (0xA3, ord(ch) + 0x80)
    data = encode_junk(ch)
    if data is None or len(data) != 2:
        return None
    return (data[0], data[1])


@dataclass
class _Gap:
    """What lies between two known bytes of the in-step stream: one character, or more when
    the decoder dropped shifted pairs there."""

    lead: int | None  # known lead byte of the first character here (None: lost)
    trail: int | None  # known trail byte of the last character here (None: swallowed by '?')
    first_lead_dropped: bool = False  # (A1, lead) was the dropped first pair of a paragraph
    swallowed: bool = False  # the trail was read as a lead before an ASCII byte: >= 0x81
    # Characters the last one here must be, when outside evidence says so (a pinyin
    # annotation that followed it); ignored if none of them fits the bytes.
    allowed_last: frozenset[int] = frozenset()


# An option at a gap: the characters it emits (GBK codes) and its score beyond the bigrams.
_Path = tuple[int, ...]


class _Decoder:
    """Gap-by-gap Viterbi over the readings a damaged region allows."""

    def __init__(self, lm: CharLM, *, allowed: frozenset[int] | None, half: int = 48, free: int = 80) -> None:
        self.lm = lm
        self.t = tables()
        self.allowed = allowed  # None: any GBK character
        self.half = half
        self.free = free
        self._rank_cache: dict[tuple[str, int, bool, int], list[int]] = {}

    def _top(self, pool: Iterable[int], k: int) -> list[int]:
        simple, count = self.t.simple, self.lm.count
        if self.allowed is not None:
            allowed = self.allowed
            pool = [c for c in pool if c in allowed]
        else:
            pool = list(pool)
        seen = [c for c in pool if count(simple[c]) > 0]
        return sorted(seen or pool, key=lambda c: -count(simple[c]))[:k]

    def by_lead(self, lead: int, *, droppable: bool, min_trail: int = 0x40) -> list[int]:
        key = ("L", lead, droppable, min_trail)
        hit = self._rank_cache.get(key)
        if hit is None:
            hit = self._rank_cache[key] = self._top(
                (
                    c
                    for c in self.t.by_lead.get(lead, [])
                    if (c & 0xFF) >= min_trail and (not droppable or (c & 0xFF) in _DROPPABLE_FIRST)
                ),
                self.half,
            )
        return hit

    def by_trail(self, trail: int, *, after_drop: bool) -> list[int]:
        key = ("T", trail, after_drop, 0)
        hit = self._rank_cache.get(key)
        if hit is None:
            hit = self._rank_cache[key] = self._top(
                (
                    c
                    for c in self.t.by_trail.get(trail, [])
                    if not after_drop or (c >> 8) in _DROPPABLE_SECOND
                ),
                self.half,
            )
        return hit

    def free_chars(self, *, after_drop: bool, droppable: bool, wide: bool = False) -> list[int]:
        key = ("F", int(wide), after_drop, int(droppable))
        hit = self._rank_cache.get(key)
        if hit is None:
            hit = self._rank_cache[key] = self._top(
                (
                    c
                    for c in self.t.chars
                    if (not after_drop or (c >> 8) in _DROPPABLE_SECOND)
                    and (not droppable or (c & 0xFF) in _DROPPABLE_FIRST)
                ),
                self.free * 4 if wide else self.free,
            )
        return hit

    def options(self, gap: _Gap, drops: int) -> list[list[int]] | None:
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

    def allowed_last_fits(self, gap: _Gap, drops: int) -> list[int]:
        """The characters named by outside evidence that can end the gap read with ``drops``."""
        return [c for c in gap.allowed_last if self.fits(gap, drops, drops, c)]

    def fits(self, gap: _Gap, drops: int, k: int, code: int) -> bool:
        """True if ``code`` may be character ``k`` of the gap read with ``drops`` drops.

        The same byte constraints as :meth:`options`, without the frequency cut, so that a
        character named from outside (an expected item label) is never missed.
        """
        if code not in self.t.chars or (self.allowed is not None and code not in self.allowed):
            return False
        lead, trail = code >> 8, code & 0xFF
        first, last = k == 0, k == drops
        if first:
            if gap.lead is not None and lead != gap.lead:
                return False
            if gap.first_lead_dropped and is_defined_pair(0xA1, lead):
                return False
        elif lead not in _DROPPABLE_SECOND:
            return False
        if last:
            if gap.trail is not None and trail != gap.trail:
                return False
            if gap.trail is None and trail < 0x81:
                return False
        elif trail not in _DROPPABLE_FIRST:
            return False
        return True

    def _options(self, gap: _Gap, drops: int) -> list[list[int]] | None:
        t = self.t
        if drops == 0:
            if gap.lead is not None and gap.trail is not None:
                code = gap.lead << 8 | gap.trail
                if code not in t.chars or (self.allowed is not None and code not in self.allowed):
                    return None
                return [[code]]
            if gap.lead is not None:
                return [self.by_lead(gap.lead, droppable=False, min_trail=0x81)]
            if gap.trail is not None:
                cs = self.by_trail(gap.trail, after_drop=gap.first_lead_dropped)
                return [cs] if cs else None
            return [self.free_chars(after_drop=gap.first_lead_dropped, droppable=False)]
        slots: list[list[int]] = []
        for i in range(drops + 1):
            first, last = i == 0, i == drops
            if first and gap.lead is not None:
                cs = self.by_lead(gap.lead, droppable=True)
            elif last and gap.trail is not None:
                cs = self.by_trail(gap.trail, after_drop=True)
            elif last:  # trail swallowed: the run's last character, of which no byte is known
                # After one drop it only meets one free neighbour and the right context, so a
                # wide list costs little, and the run's last word (水平, 服务) is often the one
                # the title ends on. After more drops its neighbours are free already.
                cs = [
                    c
                    for c in self.free_chars(after_drop=True, droppable=False, wide=drops == 1)
                    if (c & 0xFF) >= 0x81
                ]
            else:
                cs = self.free_chars(after_drop=not first or gap.first_lead_dropped, droppable=True)
            if not cs:
                return None
            slots.append(cs)
        return slots


# A shifted pair (x, y) can be dropped only if x, read as a lead byte, makes no defined pair
# with y. These are the trail bytes for which that happens for some y, and the lead bytes y
# that can follow; the exact pair is checked when both are chosen.
_DECODERS: dict[tuple[int, bool, int], _Decoder] = {}


def _decoder(lm: CharLM, traditional: bool, known: frozenset[str]) -> _Decoder:
    """One decoder per language model: its ranked candidate lists are worth keeping."""
    key = (id(lm), traditional, hash(known))
    dec = _DECODERS.get(key)
    if dec is None or dec.lm is not lm:
        if len(_DECODERS) > 4:
            _DECODERS.clear()
        allowed: frozenset[int] | None = None
        if traditional:
            t = tables()
            extra = {int.from_bytes(ch.encode("gbk"), "big") for ch in known if _gbk2(ch)}
            allowed = t.traditional | frozenset(c for c in extra if c in t.chars)
        dec = _DECODERS[key] = _Decoder(lm, allowed=allowed)
    return dec


def _gbk2(ch: str) -> bool:
    try:
        return len(ch.encode("gbk")) == 2
    except UnicodeEncodeError:
        return False


def _droppable_sets() -> tuple[frozenset[int], frozenset[int]]:
    t = tables()
    first: set[int] = set()
    second: set[int] = set()
    for x in range(0x80, 0x100):
        for y in range(0x81, 0xFF):
            if (x << 8 | y) not in t.chars:
                first.add(x)
                second.add(y)
    return frozenset(first), frozenset(second)


_DROPPABLE_FIRST, _DROPPABLE_SECOND = _droppable_sets()


def _undefined_after() -> list[frozenset[int]]:
    """For each byte x, the lead bytes y such that GBK leaves the pair (x, y) undefined."""
    chars = tables().chars
    return [frozenset(y for y in range(0x81, 0xFF) if (x << 8 | y) not in chars) for x in range(256)]


_UNDEFINED_AFTER = _undefined_after()


def recover(
    junk: str,
    *,
    start: str,
    end: str,
    left: str,
    right: str,
    lm: CharLM,
    prefix: str = "",
    last_char_in: Iterable[str] | None = None,
    traditional: bool = False,
    known: frozenset[str] = frozenset(),
) -> Recovery | None:
    """Recover the in-step text of one damaged region.

    ``junk`` is the observed text of the region, excluding what ends it. ``start`` says how the
    region began: ``"paragraph"`` (the first byte of a full-width space was lost, so the junk's
    first byte is that space's second byte) or ``"lost-lead"`` (the lead byte of the first
    in-step character was lost). ``end`` is the observed character that put the decoder back in
    step: an ASCII character (a trail byte read alone), ``"?"`` (a trail byte and an ASCII byte
    swallowed), or ``""`` when the region runs to the end of the line. ``left``/``right`` are
    the clean simplified text around the region, for the language model. A reading that begins
    with ``prefix`` (traditional, e.g. the item label the numbering sequence expects) is
    preferred whenever the bytes allow one. ``last_char_in`` (traditional characters) restricts the region's
    last character when outside evidence names it, e.g. the pinyin annotation that followed it.
    ``traditional`` says the text was in traditional characters, so a simplified-only
    character (话, 专) cannot be part of it, unless it is among ``known``, the characters the
    undamaged text itself uses (converters differ on variants such as 群/羣, 台/臺). Returns
    None when no reading fits the bytes.
    """
    tokens: list[tuple[int, int]] = []
    for ch in junk:
        tb = _token_bytes(ch)
        if tb is None:
            return None
        tokens.append(tb)
    gaps: list[_Gap] = []
    if start == "paragraph" and tokens and tokens[0][0] == 0xA1:
        prev: int | None = tokens[0][1]
        tokens = tokens[1:]
        first_dropped = False
    else:
        prev = None
        first_dropped = start == "paragraph"
    for i, (b0, b1) in enumerate(tokens):
        gaps.append(_Gap(prev, b0, first_lead_dropped=first_dropped and i == 0))
        prev = b1
    if end == "?":
        gaps.append(_Gap(prev, None, swallowed=True, first_lead_dropped=first_dropped and not tokens))
    elif end:
        if not 0x40 <= ord(end) <= 0x7E:
            return None
        gaps.append(_Gap(prev, ord(end), first_lead_dropped=first_dropped and not tokens))
    elif prev is not None:
        gaps.append(_Gap(prev, None, swallowed=True))
    if last_char_in and gaps:
        codes = set()
        for ch in last_char_in:
            data = encode_junk(ch)
            if data is not None and len(data) == 2:
                codes.add(data[0] << 8 | data[1])
        gaps[-1].allowed_last = frozenset(codes)
    dec = _decoder(lm, traditional, known)
    # The bytes of an expected item label are specific enough (four of them known in （N）)
    # that readings which fit them are the only ones considered when there are any.
    searched = _search(dec, gaps, left=left, right=right, prefix=prefix) if prefix else None
    if searched is None:
        searched = _search(dec, gaps, left=left, right=right)
    if searched is None:
        return None
    protect = len(prefix) if prefix and searched.text.startswith(prefix) else 0
    best = _rescore(searched.options, left=left, right=right, lm=lm, protect=protect)
    if prefix and best.text.startswith(prefix):
        # The expected prefix is taken on outside evidence: no doubt within it.
        best.doubtful = [d for d in best.doubtful if d[0] + len(d[1]) > len(prefix)]
    return best


# Readings kept per gap and partial readings kept overall when rescoring with trigrams.
RESCORE_PER_GAP = 5
RESCORE_PER_DROPS = 3
RESCORE_WINDOW = 14.0
RESCORE_BEAM = 32
# Weight of the word model against the character trigrams in the final choice.
WORD_WEIGHT = 1.0


def _extra_chars(chain: tuple[tuple[int, ...], ...]) -> int:
    """Characters a reading owes to dropped pairs: each gap emits one plus one per drop."""
    return sum(len(path) - 1 for path in chain)


def _rescore(
    options: list[dict[tuple[int, ...], float]], *, left: str, right: str, lm: CharLM, protect: int = 0
) -> Recovery:
    """Choose among the bigram search's readings with the document's trigrams.

    A beam search over gaps: each gap contributes one of its best readings; the score is the
    trigram model over left context + reading + right context, plus the drop prior for each
    character a dropped pair added. The best two distinct readings give the doubt.
    """
    t = tables()
    simple = t.simple
    Beam = list[tuple[float, str, tuple[tuple[int, ...], ...]]]
    beam: Beam = [(0.0, left[-2:], ())]
    for gap in options:
        if not gap:
            continue
        top = max(gap.values())
        ranked = sorted(gap, key=lambda p: -gap[p])
        choices = [p for p in ranked[:RESCORE_PER_GAP] if gap[p] >= top - RESCORE_WINDOW]
        # Keep the best readings of every number of dropped pairs, however they rank on
        # bigrams: the question how many pairs were dropped is the one bigrams answer worst.
        for length in sorted({len(p) for p in ranked}):
            for path in [p for p in ranked if len(p) == length][:RESCORE_PER_DROPS]:
                if path not in choices:
                    choices.append(path)
        grown: dict[str, tuple[float, str, tuple[tuple[int, ...], ...]]] = {}
        for score, ctx, chain in beam:
            for path in choices:
                text = "".join(simple[c] for c in path)
                v = score + lm.score3(text, ctx) + (len(path) - 1) * DROP_LOGP
                full = ctx + text
                key = "".join(simple[c] for p in chain for c in p) + text
                if key not in grown or v > grown[key][0]:
                    grown[key] = (v, full[-2:], (*chain, path))
        beam = sorted(grown.values(), key=lambda b: -b[0])[:RESCORE_BEAM]
    scored = []
    for score, ctx, chain in beam:
        words = lm.word_score(left[-3:] + _chain_text(simple, chain) + right[:3])
        total = score + (lm.score3(right[:2], ctx) if right else 0.0) + WORD_WEIGHT * words
        scored.append((total, words, chain))
    scored.sort(key=lambda f: -f[0])
    score, best_words, chain = scored[0]
    parts = ["".join(t.chars[c] for c in path) for path in chain]
    # Doubt. The drop prior helps choose, but how many pairs were dropped follows from the
    # text itself, so a reading with more dropped pairs is a real rival when it reads about
    # as well without that prior (优化投资 and 优化政府投资 may fit the same bytes), or when
    # the word model alone prefers it (财政务 against 财政服务).
    best_text = _chain_text(simple, chain)[protect:]
    best_pure = score - _extra_chars(chain) * DROP_LOGP
    rival: tuple[tuple[int, ...], ...] | None = None
    rival_gap = math.inf
    for other_score, other_words, other in scored[1:]:
        if _chain_text(simple, other)[protect:] == best_text:
            continue
        margin = min(score - other_score, best_pure - (other_score - _extra_chars(other) * DROP_LOGP))
        if other_words > best_words:
            margin = min(margin, 0.0)
        if margin < rival_gap:
            rival, rival_gap = other, margin
    doubtful: list[tuple[int, str, str]] = []
    if rival is not None and rival_gap < DOUBT_MARGIN:
        offset = 0
        for part, mine, theirs in zip(parts, chain, rival, strict=True):
            if _simple_text(t, mine) != _simple_text(t, theirs):
                doubtful.append((offset, part, "".join(t.chars[c] for c in theirs)))
            offset += len(part)
    return Recovery(text="".join(parts), score=score, doubtful=doubtful, options=options)


def _search(dec: _Decoder, gaps: list[_Gap], *, left: str, right: str, prefix: str = "") -> Recovery | None:
    """Viterbi over gaps, keeping for each gap the best score of every reading it allows."""
    t, lm = dec.t, dec.lm
    simple = t.simple
    want = [int.from_bytes(c.encode("gbk"), "big") for c in prefix]
    cap = len(want)
    start_ctx = left[-1:] if left else ""
    # State: (last emitted code, characters emitted so far capped at len(prefix)) ->
    # (score, the per-gap paths that led here). -1 stands for "nothing emitted yet".
    State = tuple[int, int]
    states: dict[State, tuple[float, tuple[_Path, ...]]] = {(-1, 0): (0.0, ())}
    gap_options: list[dict[_Path, float]] = []
    for gap in gaps:
        new_states: dict[State, tuple[float, tuple[_Path, ...]]] = {}
        per_path: dict[_Path, float] = {}
        for drops in range(MAX_DROPS_PER_GAP + 1):
            slots = dec.options(gap, drops)
            if slots is None:
                continue
            penalty = drops * DROP_LOGP
            by_done: dict[int, list[tuple[State, float]]] = {}
            for key, (pv, _) in states.items():
                by_done.setdefault(key[1], []).append((key, pv))
            for done, incoming in by_done.items():
                # Inner Viterbi across this gap's characters; the first one picks its best
                # incoming state, the rest follow within the gap.
                inner: dict[int, tuple[float, State, tuple[int, ...]]] = {}
                first = slots[0]
                if done < cap:
                    first = [want[done]] if dec.fits(gap, drops, 0, want[done]) else []
                # Outer loop over the incoming states, so that each one's row of bigram
                # probabilities is fetched once.
                first_simple = [(code, simple[code]) for code in first]
                for key, pv in incoming:
                    ctx = start_ctx if key[0] == -1 else simple[key[0]]
                    row = lm.row(ctx)
                    for code, sc in first_simple:
                        lp = row.get(sc)
                        if lp is None:
                            lp = lm.logp(ctx, sc)
                        v = pv + lp
                        old = inner.get(code)
                        if old is None or v > old[0]:
                            inner[code] = (v, key, (code,))
                for k in range(1, len(slots)):
                    nxt: dict[int, tuple[float, State, tuple[int, ...]]] = {}
                    idx = done + k
                    pool = slots[k]
                    if idx < cap:
                        pool = [want[idx]] if dec.fits(gap, drops, k, want[idx]) else []
                    # Outer loop over the previous character so that its row of
                    # probabilities is fetched once: this loop is the decoder's hot spot.
                    pool_simple = [(code, simple[code], code >> 8) for code in pool]
                    for a, (av, src, seq) in inner.items():
                        row = lm.row(simple[a])
                        undefined_after = _UNDEFINED_AFTER[a & 0xFF]
                        for code, sc, lead in pool_simple:
                            if lead not in undefined_after:
                                continue
                            lp = row.get(sc)
                            if lp is None:
                                lp = lm.logp(simple[a], sc)
                            v = av + lp
                            old = nxt.get(code)
                            if old is None or v > old[0]:
                                nxt[code] = (v, src, seq)
                    nxt = {c: (v, src, (*seq, c)) for c, (v, src, seq) in nxt.items()}
                    inner = _beam(nxt) if len(slots[k]) > 2 * BEAM else nxt
                    if not inner:
                        break
                for last, (v, src, seq) in inner.items():
                    v += penalty
                    key = (last, min(cap, done + len(seq)))
                    if key not in new_states or v > new_states[key][0]:
                        new_states[key] = (v, (*states[src][1], seq))
                    if v > per_path.get(seq, -math.inf):
                        per_path[seq] = v
        if not new_states:
            return None
        states = new_states
        gap_options.append(per_path)
    finals: dict[State, float] = {}
    for key, (v, _) in states.items():
        if key[1] < cap:
            continue
        finals[key] = v + (lm.score(right[:2], prev=simple[key[0]]) if right else 0.0)
    if not finals:
        return None
    last_key = max(finals, key=finals.__getitem__)
    chain = states[last_key][1]
    text = "".join(t.chars[c] for path in chain for c in path)
    return Recovery(text=text, score=finals[last_key], options=gap_options)


def _beam(
    scored: dict[int, tuple[float, tuple[int, int], tuple[int, ...]]],
) -> dict[int, tuple[float, tuple[int, int], tuple[int, ...]]]:
    """Keep the BEAM best partial readings inside a gap: enough to keep the right one, few
    enough that two dropped pairs in a row stay cheap."""
    if len(scored) <= BEAM:
        return scored
    keep = sorted(scored.items(), key=lambda kv: kv[1][0], reverse=True)[:BEAM]
    return dict(keep)


def _chain_text(simple: dict[int, str], chain: tuple[tuple[int, ...], ...]) -> str:
    return "".join(simple[c] for path in chain for c in path)


def reading_score(text: str, *, left: str, right: str, lm: CharLM) -> float:
    """The score :func:`recover` gives a reading, for text taken as it stands (simplified):
    trigrams over the reading and the right context plus the word model over the window."""
    return lm.score3(text + right[:2], left[-2:]) + WORD_WEIGHT * lm.word_score(left[-3:] + text + right[:3])


def _simple_text(t: _Tables, path: _Path) -> str:
    return "".join(t.simple[c] for c in path)
