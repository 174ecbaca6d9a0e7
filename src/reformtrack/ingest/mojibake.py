"""Shifted-GBK mojibake re-read, and what still reads as junk flagged, within a time budget.

Damaged regions (a paragraph start that lost a byte, a ``?`` inside a line) are re-read by
:mod:`.gbkshift`, the bigram model choosing among readings. The search is costly on text that is
damage throughout (100 KB of Big5 misread takes tens of seconds), so it stops at a deadline: the
regions it did not reach are left as they are and flagged ``unrepaired`` for a person.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from . import gbkshift
from .charlm import CharLM
from .limits import Budget, clock
from .marks import (
    _ANNOTATION,
    _ANNOTATION_TAIL,
    _CJK,
    _CLOSE,
    _FULLWIDTH,
    _HAS_TONE,
    _OPEN,
    _PINYIN,
    _REASON,
    _REASON_END,
    LOST,
    looks_traditional,
    mark,
)
from .marks import simplified as _simplified
from .numerals import int_to_chinese
from .reasons import Reason, ReasonCode

_RESYNC = re.compile(r"[\x40-\x7e?]")
# Shifted runs end at the first trail byte in 0x40–0x7E: in traditional text within a few
# characters, in text of common characters (trail bytes 0xA1–0xFE) after a few dozen.
_MAX_REGION = 64
# A recovery after a '?' is taken only if it reads at least this much better (nats) than the
# text as it stands; the text after a '?' is checked for fluency first (_reads_clean), so any
# gain will do.
_ACCEPT_GAIN = 0.0
_CHAPTER_LINE = re.compile(r"^\s*([一二三四五六七八九十]+)、")
_ITEM_LINE = re.compile(r"^\s*[(（]([一二三四五六七八九十]+)[)）]")


@dataclass
class _Context:
    lm: CharLM
    lexicon: dict[str, set[str]]  # pinyin -> characters the document annotates with it
    traditional: bool  # the damaged text is in traditional characters
    known: frozenset[str]  # the characters of the undamaged text
    deadline: float = math.inf  # clock() past which regions are flagged, not searched
    unrepaired: int = 0  # regions left as they were because the deadline passed

    def out_of_time(self) -> bool:
        return clock() > self.deadline


def _pinyin_lexicon(text: str) -> dict[str, set[str]]:
    lexicon: dict[str, set[str]] = {}
    for m in re.finditer(rf"([{_CJK}])\(({_PINYIN})\)", text):
        lexicon.setdefault(m.group(2), set()).add(m.group(1))
    return lexicon


def _model_text(text: str) -> str:
    """The document as the language model should learn it: no annotations, no junk lines."""
    clean = _ANNOTATION.sub("", text)
    # Cut each damaged run (from a '?' to where the decoder fell back in step) and the
    # annotation tails a '?' left; the rest of every paragraph is good evidence.
    clean = re.sub(rf"\?(?:{_PINYIN}\))?[^\x40-\x7e\n]{{0,24}}[\x40-\x7e?]?", "\n", clean)
    clean = re.sub(rf"^{_PINYIN}\)", "", clean, flags=re.M)
    # What a run's end was misjudged on is junk the model must not learn as Chinese: cut what
    # the dictionary alone finds unreadable.
    base = _dictionary_model()
    clean = "\n".join(
        "".join(ch if not bad else "\n" for ch, bad in zip(line, _junk_mask(line, base), strict=True))
        for line in clean.split("\n")
    )
    # Plans number their items; say so, so that a recovered （二） beats a word like 东京.
    labels = "".join(f"（{n}）" for n in _numerals(20)) + "".join(f"{n}、" for n in _numerals(12))
    return clean.translate(_FULLWIDTH) + "\n" + labels * 3


@cache
def _dictionary_model() -> CharLM:
    """The model of the dictionary alone, kept: the probabilities it caches serve every document."""
    return CharLM()


@cache
def _numerals(upto: int) -> tuple[str, ...]:
    """一 … the item numerals up to ``upto``, as labels print them."""
    return tuple(int_to_chinese(i) for i in range(1, upto + 1))


def _recover_mojibake(text: str, budget: Budget | None = None) -> tuple[str, int, _Context]:
    """Re-read the damaged regions of every line until the budget's repair deadline (none without
    one); the regions after them are flagged as unrepaired (counted in ``ctx.unrepaired``).

    The search's time starts once the model is built: that costs the same for every document of
    a size, and the characters limit bounds it.
    """
    model_text = _model_text(text)
    ctx = _Context(
        CharLM([_simplified(model_text)]),
        _pinyin_lexicon(text),
        looks_traditional(text),
        frozenset(model_text),
    )
    if budget is not None:
        ctx.deadline = budget.repair_deadline()
    out_lines: list[str] = []
    expected = 1
    regions = 0
    for line in text.split("\n"):
        if _CHAPTER_LINE.match(line):
            expected = 1
        fixed, n = _recover_line(line, ctx, expected)
        regions += n
        m = _ITEM_LINE.match(fixed.replace(_OPEN, "").replace(_CLOSE, ""))
        if m:
            expected = _numerals(20).index(m.group(1)) + 2 if m.group(1) in _numerals(20) else expected + 1
        elif fixed.startswith(_OPEN) or line.startswith("?"):
            expected += 1
        out_lines.append(fixed)
    return "\n".join(out_lines), regions, ctx


def _recover_line(line: str, ctx: _Context, expected: int) -> tuple[str, int]:
    """Re-read every damaged region of one line."""
    out: list[str] = []
    regions = 0
    i = 0
    n = len(line)
    if line.startswith("?") and len(line) > 1 and line[1] != "?" and not ctx.out_of_time():
        # A paragraph whose opening full-width space lost a byte.
        label = f"（{_numerals(20)[expected - 1]}）" if 0 < expected <= 20 else ""
        taken = _try_region(line, 1, ctx, start="paragraph", left="", label=label, force=True)
        if taken is not None:
            piece, i = taken
            out.append(piece)
            regions += 1
        else:
            i = 1
    while i < n:
        ch = line[i]
        if ch != "?":
            out.append(ch)
            i += 1
            continue
        if ctx.out_of_time():
            piece, i = _unrepaired(line, i)
            out.append(piece)
            ctx.unrepaired += 1
            continue
        left = _simplified(_ANNOTATION.sub("", _plain("".join(out))[-24:]))[-4:]
        j = i + 1
        tail = _ANNOTATION_TAIL.match(line, j)
        if tail and _HAS_TONE.search(tail.group(1)):
            # '?' swallowed the "(" of an annotation: the annotated character's lead byte went
            # with it and what follows the ")" is out of step, or, if it reads clean, in step.
            j = tail.end()
        taken = _try_region(line, j, ctx, start="lost-lead", left=left, label="", force=False)
        if taken is not None:
            piece, i = taken
            out.append(piece)
            regions += 1
            continue
        # A '?' that stands alone in clean text: a character lost for good (its trail byte
        # was replaced), or a stray byte. Keep a visible mark and flag it.
        before = _ANNOTATION.sub("", _plain("".join(out))[-24:])[-6:]
        after = line[j : j + 6]
        reason = Reason(ReasonCode.LOST, {"before": _simplified(before), "after": _simplified(after)})
        out.append(mark(LOST, reason))
        regions += 1
        i = j
    return "".join(out), regions


def _unrepaired(line: str, at: int) -> tuple[str, int]:
    """The damaged region at ``line[at]`` (a ``?``) left as it is and flagged for a person.

    It runs to where the decoder would fall back in step (the next ASCII character or ``?``), at
    most a region's length; returns the marked piece and where to go on.
    """
    limit = min(len(line), at + 1 + _MAX_REGION)
    resync = _RESYNC.search(line, at + 1, limit)
    end = resync.start() if resync else limit
    region = line[at:end]
    return mark(region, Reason(ReasonCode.UNREPAIRED, {"text": _simplified(region)})), end


def _plain(s: str) -> str:
    return re.sub(f"{_REASON}[^{_REASON_END}]*{_REASON_END}", "", s).replace(_OPEN, "").replace(_CLOSE, "")


def _try_region(
    line: str, start_at: int, ctx: _Context, *, start: str, left: str, label: str, force: bool
) -> tuple[str, int] | None:
    """Recover the shifted run starting at ``start_at``; returns (replacement, resume index).

    The run ends where the decoder fell back in step: at an ASCII character or a ``?``. A
    letter or ``?`` inside the run may also be a folded full-width form (``？`` is A3 BF), so
    the end taken is the first one after which the text reads as Chinese again.
    """
    if not force and _reads_clean(line, start_at, ctx):
        return None  # in step already: a lone '?' in clean text, not a shifted run
    window = min(len(line), start_at + _MAX_REGION + 1)
    # A pinyin annotation was inserted into in-step text: the run ends before it.
    annotation = re.compile(rf"\(?{_PINYIN}\)").search(line, start_at, window)
    if annotation:
        window = annotation.start() + 1
    chosen: tuple[int, str, int, str] | None = None
    for m in _RESYNC.finditer(line, start_at, window):
        end_at, end_ch = m.start(), m.group(0)
        if end_at == start_at and start == "paragraph":
            continue
        resume, annotated = end_at + 1, ""
        if end_ch == "?":
            tail = _ANNOTATION_TAIL.match(line, resume)
            if tail:
                annotated, resume = tail.group(1), tail.end()
        chosen = (end_at, end_ch, resume, annotated)
        if _reads_clean(line, resume, ctx):
            break
    if chosen is None:
        if len(line) - start_at > _MAX_REGION:
            return None
        chosen = (len(line), "", len(line), "")
    end_at, end_ch, resume, annotated = chosen
    junk = line[start_at:end_at]
    right = _right_context(line, resume)
    rec = gbkshift.recover(
        junk,
        start=start,
        end=end_ch,
        left=left,
        right=right,
        lm=ctx.lm,
        prefix=label,
        last_char_in=ctx.lexicon.get(annotated) if annotated else None,
        traditional=ctx.traditional,
        known=ctx.known,
    )
    if rec is None:
        return None
    if not force:
        observed = _simplified(_ANNOTATION.sub("", line[start_at:resume]))
        as_is = gbkshift.reading_score(observed, left=left, right=right, lm=ctx.lm)
        if rec.score < as_is + _ACCEPT_GAIN:
            return None
    return _mark(rec), resume


# Clean Chinese scores about -4 to -7 nats a character under the model, junk -12 to -20.
_CLEAN_PER_CHAR = -9.5


def _reads_clean(line: str, at: int, ctx: _Context) -> bool:
    """True when the next few characters after ``at`` read as Chinese (or the line ends)."""
    ahead = _ANNOTATION.sub("", line[at : at + 24])
    ahead = re.sub(rf"^{_PINYIN}\)", "", ahead)
    ahead = _simplified(ahead)[:5]
    if len(ahead) < 2:
        return True
    return ctx.lm.score(ahead) / len(ahead) > _CLEAN_PER_CHAR


def _right_context(line: str, at: int) -> str:
    """The next two clean characters after ``at``: no annotation, no annotation tail."""
    ahead = _ANNOTATION.sub("", line[at : at + 40])
    ahead = re.sub(rf"^{_PINYIN}\)", "", ahead)
    return _simplified(ahead)[:2]


def _mark(rec: gbkshift.Recovery) -> str:
    """The recovered text with doubtful stretches bracketed and their reasons attached."""
    text = rec.text
    if not rec.doubtful:
        return text
    pieces: list[str] = []
    pos = 0
    for offset, chosen, alternative in rec.doubtful:
        if offset < pos:
            continue
        pieces.append(text[pos:offset])
        reason = Reason(
            ReasonCode.DOUBT,
            {"chosen": _simplified(chosen), "rival": _simplified(alternative), "context": _simplified(text)},
        )
        pieces.append(mark(chosen, reason))
        pos = offset + len(chosen)
    pieces.append(text[pos:])
    return "".join(pieces)


# Below this many nats a character over a window of four, text is junk, not Chinese.
_JUNK_PER_CHAR = -11.0
_MARKED = re.compile(f"{_OPEN}[^{_CLOSE}]*{_CLOSE}{_REASON}[^{_REASON_END}]*{_REASON_END}")


def _flag_leftover_junk(text: str, ctx: _Context) -> tuple[str, int]:
    """Flag whatever still reads as junk after recovery: never leave garbage unflagged.

    A shifted run whose end was misjudged, or damage of a kind the recovery does not model,
    leaves characters that no Chinese text strings together; windows of them are marked.
    """
    count = 0
    lines = []
    for line in text.split("\n"):
        pieces = []
        pos = 0
        for m in [*_MARKED.finditer(line), None]:
            stop = m.start() if m else len(line)
            segment, n = _mark_junk(line[pos:stop], ctx)
            pieces.append(segment)
            count += n
            if m:
                pieces.append(m.group(0))
                pos = m.end()
        lines.append("".join(pieces))
    return "\n".join(lines), count


# Punctuation, digits and Latin letters are ordinary in a plan: they neither make nor break a
# junk window. Any other non-ideograph (ㄒ, ┐, Π, ヌ, г) is what shifted GBK leaves behind.
_NEUTRAL = re.compile(
    r"[\s0-9A-Za-z%.,;:!?()\[\]<>+\-—–―─━～~…·、，。；：？！“”‘’（）《》〈〉〔〕【】「」『』％／/]"
)


def _junk_mask(segment: str, lm: CharLM) -> list[bool]:
    """Which characters of ``segment`` sit in a window that reads as junk, not Chinese."""
    junk = [False] * len(segment)
    if len(segment) < 3:
        return junk
    simple = _simplified(segment)
    if len(simple) != len(segment):
        # A phrase conversion changed the length: score character by character instead.
        simple = "".join(_simplified(ch)[:1] or ch for ch in segment)
    neutral = _NEUTRAL_CHARS
    logp = lm.logp
    # the current run of non-neutral characters: their indices and scores
    run_at: list[int] = []
    run_v: list[float] = []
    for i, ch in enumerate([*simple, " "]):
        if i < len(simple):
            is_neutral = neutral.get(ch)
            if is_neutral is None:
                is_neutral = neutral[ch] = _NEUTRAL.match(ch) is not None
            if not is_neutral:
                if "\u3400" <= ch <= "\u9fff":
                    prev = simple[i - 1] if run_at and run_at[-1] == i - 1 else ""
                    run_v.append(logp(prev, ch))
                else:
                    run_v.append(-20.0)
                run_at.append(i)
                continue
        n = len(run_v)
        if n >= 3:
            for k in range(max(1, n - 2)):
                window = run_v[k : k + 4]
                if sum(window) / len(window) < _JUNK_PER_CHAR:
                    for idx in run_at[k : k + 4]:
                        junk[idx] = True
        if n:
            run_at = []
            run_v = []
    return junk


# character -> whether _NEUTRAL matches it, filled as characters are met
_NEUTRAL_CHARS: dict[str, bool] = {}


def _mark_junk(segment: str, ctx: _Context) -> tuple[str, int]:
    junk = _junk_mask(segment, ctx.lm)
    out: list[str] = []
    runs = 0
    i = 0
    while i < len(segment):
        if not junk[i]:
            out.append(segment[i])
            i += 1
            continue
        j = i
        while j < len(segment) and junk[j]:
            j += 1
        run = segment[i:j]
        out.append(mark(run, Reason(ReasonCode.UNREADABLE, {"text": _simplified(run)})))
        runs += 1
        i = j
    return "".join(out), runs
