"""The second pass of the shifted-GBK repair (:mod:`.gbkshift`): the document's trigrams and a
word model choose among the readings the bigram search kept, and the runner-up gives the doubt.

1. :func:`_choices` -- of each gap, its best readings on bigrams, and the best of every number of
   dropped pairs however they rank;
2. :func:`_grow` -- a beam over the gaps, scored with the trigram model and the drop prior;
3. :func:`_final_scores` -- each whole reading with its right context and the word model;
4. :func:`_rival` and :func:`_doubtful` -- the best reading's nearest rival, and the stretches
   where the two differ when it reads nearly as well.
"""

from __future__ import annotations

import math

from .charlm import CharLM
from .gbkcodes import Tables, tables
from .gbkgaps import Path
from .gbksearch import DROP_LOGP, Recovery

# Readings of each gap taken from the bigram search: its best RESCORE_PER_GAP within
# RESCORE_WINDOW nats of its best, and the best RESCORE_PER_DROPS of every number of dropped
# pairs. Measured (see gbkshift): 2 or 10 per gap each leave a title of
# provincial_opinions silently wrong (the set of rivals changes the doubt as well as the choice),
# so 5 is a tuned value, not a principled one; 1 per number of drops loses a title of the sample
# and 6 reads the same as 3; a window of 7 or 28 nats reads the same as 14.
RESCORE_PER_GAP = 5
RESCORE_PER_DROPS = 3
RESCORE_WINDOW = 14.0
# Partial readings kept over the gaps. Measured: 8 and 64 read every document the same as 32, 64
# taking a third longer; 32 keeps a margin for long runs.
RESCORE_BEAM = 32
# Weight of the word model against the character trigrams in the final choice. Measured: 0 flags
# 3 more titles of the sample and 5 more of luohu_clean for a person, 0.5 one more each; 2 leaves
# a title of luohu_clean and one of provincial_opinions silently wrong.
WORD_WEIGHT = 1.0
# A choice whose best alternative scores within this many nats is reported as doubtful: the
# runner-up is then at least e**-2.5, about one in twelve, as likely. Measured: 1.5 leaves a title
# of luohu_clean and one of provincial_opinions silently wrong; 3.5 and 5 flag no more titles of
# the sample or the damaged fixtures than 2.5 does.
DOUBT_MARGIN = 2.5

# The same for a rival that reads more dropped pairs than the best reading, judged without the
# drop prior: a dropped pair leaves no trace in the bytes, and each character it adds costs the
# rival some 4 to 6 nats of trigrams however right it is (倡行共建共享 against 承共建共享).
# Measured: on the sample the nearest such rival of an unflagged title is 6.2 nats behind
# (超市 for 承), the next 10.1; in the damaged fixtures (test_damaged_plans_come_back_right_or_flagged)
# 8 flags one more title of luohu_clean, which reads right (8 flagged of 39 there).
DROP_DOUBT_MARGIN = 8.0

Chain = tuple[Path, ...]  # one reading per gap
# (score, the last two characters, the chain, the chain's simplified text)
_Beam = list[tuple[float, str, Chain, str]]


def rescore(
    options: list[dict[Path, float]], *, left: str, right: str, lm: CharLM, protect: int = 0
) -> Recovery:
    """Choose among the bigram search's readings with the document's trigrams.

    A beam search over gaps: each gap contributes one of its best readings; the score is the
    trigram model over left context + reading + right context, plus the drop prior for each
    character a dropped pair added. The best two distinct readings give the doubt; the first
    ``protect`` characters (an expected prefix, taken on outside evidence) do not count in the
    comparison.
    """
    t = tables()
    simple = t.simple
    beam: _Beam = [(0.0, left[-2:], (), "")]
    for gap in options:
        if not gap:
            continue
        beam = _grow(beam, _choices(gap), lm=lm, simple=simple)
    scored = _final_scores(beam, left=left, right=right, lm=lm, simple=simple)
    score, _, chain = scored[0]
    parts = ["".join(t.chars[c] for c in path) for path in chain]
    rival, rival_gap = _rival(scored, simple=simple, protect=protect)
    doubtful: list[tuple[int, str, str]] = []
    if rival is not None and rival_gap < DOUBT_MARGIN:
        doubtful = _doubtful(t, parts, chain, rival)
    return Recovery(text="".join(parts), score=score, doubtful=doubtful, options=options)


def _choices(gap: dict[Path, float]) -> list[Path]:
    """The readings of one gap worth rescoring."""
    top = max(gap.values())
    ranked = sorted(gap, key=lambda p: -gap[p])
    choices = [p for p in ranked[:RESCORE_PER_GAP] if gap[p] >= top - RESCORE_WINDOW]
    # Keep the best readings of every number of dropped pairs, however they rank on
    # bigrams: the question how many pairs were dropped is the one bigrams answer worst.
    for length in sorted({len(p) for p in ranked}):
        for path in [p for p in ranked if len(p) == length][:RESCORE_PER_DROPS]:
            if path not in choices:
                choices.append(path)
    return choices


def _grow(beam: _Beam, choices: list[Path], *, lm: CharLM, simple: dict[int, str]) -> _Beam:
    """The beam after one more gap: every partial reading with every choice of the gap, the best
    per text."""
    grown: dict[str, tuple[float, str, Chain, str]] = {}
    texts = [("".join(simple[c] for c in path), path, (len(path) - 1) * DROP_LOGP) for path in choices]
    scores: dict[tuple[str, str], float] = {}  # many partial readings end in the same two characters
    for score, ctx, chain, chain_text in beam:
        for text, path, prior in texts:
            step = scores.get((ctx, text))
            if step is None:
                step = scores[ctx, text] = lm.score3(text, ctx) + prior
            v = score + step
            key = chain_text + text
            if key not in grown or v > grown[key][0]:
                grown[key] = (v, (ctx + text)[-2:], (*chain, path), key)
    return sorted(grown.values(), key=lambda b: -b[0])[:RESCORE_BEAM]


def _final_scores(
    beam: _Beam, *, left: str, right: str, lm: CharLM, simple: dict[int, str]
) -> list[tuple[float, float, Chain]]:
    """Every reading's (total score, word-model score, chain), the best first."""
    scored = []
    for score, ctx, chain, text in beam:
        words = lm.word_score(left[-3:] + text + right[:3])
        total = score + (lm.score3(right[:2], ctx) if right else 0.0) + WORD_WEIGHT * words
        scored.append((total, words, chain))
    scored.sort(key=lambda f: -f[0])
    return scored


def _rival(
    scored: list[tuple[float, float, Chain]], *, simple: dict[int, str], protect: int
) -> tuple[Chain | None, float]:
    """The reading nearest the best one that reads differently, and how far behind it is (nats).

    The drop prior helps choose, but how many pairs were dropped follows from the text itself,
    so a reading with more dropped pairs is a real rival when it reads about as well without
    that prior (优化投资 and 优化政府投资 may fit the same bytes), or when the word model alone
    prefers it (财政务 against 财政服务).
    """
    score, best_words, chain = scored[0]
    best_text = _chain_text(simple, chain)[protect:]
    best_pure = score - _extra_chars(chain) * DROP_LOGP
    rival: Chain | None = None
    rival_gap = math.inf
    for other_score, other_words, other in scored[1:]:
        if _chain_text(simple, other)[protect:] == best_text:
            continue
        pure_margin = best_pure - (other_score - _extra_chars(other) * DROP_LOGP)
        margin = min(score - other_score, pure_margin)
        if other_words > best_words:
            margin = min(margin, 0.0)
        if _extra_chars(other) > _extra_chars(chain):
            # A dropped pair leaves no trace in the bytes: the reading with it fits them exactly
            # as well, and only the model, which charges every extra character, tells them apart.
            margin = min(margin, pure_margin - (DROP_DOUBT_MARGIN - DOUBT_MARGIN))
        if margin < rival_gap:
            rival, rival_gap = other, margin
    return rival, rival_gap


def _doubtful(t: Tables, parts: list[str], chain: Chain, rival: Chain) -> list[tuple[int, str, str]]:
    """(offset, chosen, alternative) for every gap where the rival reads differently."""
    doubtful: list[tuple[int, str, str]] = []
    offset = 0
    for part, mine, theirs in zip(parts, chain, rival, strict=True):
        if _simple_text(t, mine) != _simple_text(t, theirs):
            doubtful.append((offset, part, "".join(t.chars[c] for c in theirs)))
        offset += len(part)
    return doubtful


def _extra_chars(chain: Chain) -> int:
    """Characters a reading owes to dropped pairs: each gap emits one plus one per drop."""
    return sum(len(path) - 1 for path in chain)


def _chain_text(simple: dict[int, str], chain: Chain) -> str:
    return "".join(simple[c] for path in chain for c in path)


def _simple_text(t: Tables, path: Path) -> str:
    return "".join(t.simple[c] for c in path)


def reading_score(text: str, *, left: str, right: str, lm: CharLM) -> float:
    """The score :func:`~.gbkshift.recover` gives a reading, for text taken as it stands
    (simplified): trigrams over the reading and the right context plus the word model over the
    window."""
    return lm.score3(text + right[:2], left[-2:]) + WORD_WEIGHT * lm.word_score(left[-3:] + text + right[:3])
