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
the repaired text and a reason in words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import opencc

from . import gbkshift
from .charlm import CharLM
from .model import Doubt

# Private-use markers bracket doubtful spans while the text is still being transformed; they
# survive OpenCC and the punctuation pass untouched and are turned into offsets at the end.
_OPEN, _CLOSE = "\ue000", "\ue001"
# The reason for a doubt follows its closing marker, bracketed by these two.
_REASON, _REASON_END = "\ue002", "\ue003"
# Shown where a character is lost for good: the mark Chinese publishing uses for it.
LOST = "□"

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_PINYIN = rf"[a-z{_TONED}]{{1,6}}"
_HAS_TONE = re.compile(rf"[{_TONED}]")
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
# A pinyin annotation right after a character: 務(wù)
_ANNOTATION = re.compile(rf"(?<=[{_CJK}])\(({_PINYIN})\)")
# The tail of an annotation whose "(" a '?' swallowed: ?wù)
_ANNOTATION_TAIL = re.compile(rf"({_PINYIN})\)")
_RESYNC = re.compile(r"[\x40-\x7e?]")
# Shifted runs end at the first trail byte in 0x40–0x7E: in traditional text within a few
# characters, in text of common characters (trail bytes 0xA1–0xFE) after a few dozen.
_MAX_REGION = 64
# A recovery after a '?' is taken only if it reads at least this much better (nats) than the
# text as it stands; the text after a '?' is checked for fluency first (_reads_clean), so any
# gain will do.
_ACCEPT_GAIN = 0.0
_LABEL_NUMERALS = "一二三四五六七八九十"
_CHAPTER_LINE = re.compile(r"^\s*([一二三四五六七八九十]+)、")
_ITEM_LINE = re.compile(r"^\s*[(（]([一二三四五六七八九十]+)[)）]")

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

# ASCII punctuation beside Chinese text stands for the full-width form.
_FULLWIDTH = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；", "!": "！", "?": "？"})
_PUNCT_NEAR_CJK = re.compile(rf"(?<=[{_CJK}“”。、）》0-9A-Za-z%])[,;:!?]|[,;:!?](?=[{_CJK}“（《])")
_PAREN_PAIR = re.compile(r"\(([^()\n]{0,200})\)")


# The reasons a doubt gives, in English (ingest knows no translations); the web layer parses
# them back with :func:`reason_parts` and words them in the user's language.
REASON_DOUBT = (
    "damaged text recovered as “{chosen}” with doubt (“{rival}” fits the bytes nearly as well) in “{context}”"
)
REASON_LOST = "a character is lost between “{before}” and “{after}” (shown as □)"
REASON_UNREADABLE = "unreadable damaged text “{text}” was not recovered; please retype it"
_REASON_FORMS = {
    "doubt": REASON_DOUBT,
    "lost": REASON_LOST,
    "unreadable": REASON_UNREADABLE,
}


def reason_parts(reason: str) -> tuple[str, dict[str, str]] | None:
    """The kind and fields of a reason this module wrote (``("lost", {"before": …})``), or None."""
    for kind, form in _REASON_FORMS.items():
        pattern = re.escape(form).replace(r"\{", "{").replace(r"\}", "}")
        pattern = re.sub(r"\{(\w+)\}", lambda m: f"(?P<{m.group(1)}>.*?)", pattern)
        m = re.fullmatch(pattern, reason, re.S)
        if m:
            return kind, m.groupdict()
    return None


@dataclass
class Repaired:
    """The repaired text, the spans still in doubt, and notes on what was done."""

    text: str
    doubts: list[Doubt] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _simplified(text: str) -> str:
    return str(_t2s().convert(text))


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


def looks_traditional(text: str) -> bool:
    """True when the text is written in traditional characters (enough of them change in t2s)."""
    sample = re.sub(rf"[^{_CJK}]", "", text[:20000])
    if len(sample) < 20:
        return False
    changed = sum(1 for a, b in zip(sample, _simplified(sample), strict=False) if a != b)
    return changed / len(sample) > 0.05


def repair(text: str) -> Repaired:
    """Repair a scraped plan text; see the module docstring for the steps.

    Never raises on any string input.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    for marker in (_OPEN, _CLOSE, _REASON, _REASON_END):
        text = text.replace(marker, "")
    notes: list[str] = []
    damaged = looks_damaged(text)
    if damaged:
        text, n_regions, ctx = _recover_mojibake(text)
        if n_regions:
            notes.append(f"repaired {n_regions} spans of GBK text read one byte out of step")
        text, n_pinyin = _strip_annotations(text)
        if n_pinyin:
            notes.append(f"removed {n_pinyin} pinyin annotations")
        text, n_junk = _flag_leftover_junk(text, ctx)
        if n_junk:
            notes.append(f"{n_junk} spans still read as damaged text and are flagged")
    if looks_traditional(text):
        text = _simplified(text)
        text = _ZHE.sub(lambda m: m.group(0).replace("著", "着"), text)
        notes.append("converted traditional characters to simplified")
    clean, doubts = _extract_doubts(text)
    # Punctuation is normalised last and one character for one, so the doubts' offsets hold
    # and their reasons keep their own punctuation.
    return Repaired(_normalise_punctuation(clean), doubts, notes)


# --- mojibake ---------------------------------------------------------------------------


@dataclass
class _Context:
    lm: CharLM
    lexicon: dict[str, set[str]]  # pinyin -> characters the document annotates with it
    traditional: bool  # the damaged text is in traditional characters
    known: frozenset[str]  # the characters of the undamaged text


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
    base = CharLM()
    clean = "\n".join(
        "".join(ch if not bad else "\n" for ch, bad in zip(line, _junk_mask(line, base), strict=True))
        for line in clean.split("\n")
    )
    # Plans number their items; say so, so that a recovered （二） beats a word like 东京.
    labels = "".join(f"（{n}）" for n in _numerals(20)) + "".join(f"{n}、" for n in _numerals(12))
    return clean.translate(_FULLWIDTH) + "\n" + labels * 3


def _numerals(upto: int) -> list[str]:
    out = []
    for i in range(1, upto + 1):
        tens, ones = divmod(i, 10)
        s = ("" if tens <= 1 else _LABEL_NUMERALS[tens - 1]) + ("十" if tens else "")
        s += _LABEL_NUMERALS[ones - 1] if ones else ""
        out.append(s)
    return out


def _recover_mojibake(text: str) -> tuple[str, int, _Context]:
    model_text = _model_text(text)
    ctx = _Context(
        CharLM([_simplified(model_text)]),
        _pinyin_lexicon(text),
        looks_traditional(text),
        frozenset(model_text),
    )
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
    if line.startswith("?") and len(line) > 1 and line[1] != "?":
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
        reason = REASON_LOST.format(before=_simplified(before), after=_simplified(after))
        out.append(f"{_OPEN}{LOST}{_CLOSE}{_REASON}{reason}{_REASON_END}")
        regions += 1
        i = j
    return "".join(out), regions


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
        reason = REASON_DOUBT.format(
            chosen=_simplified(chosen), rival=_simplified(alternative), context=_simplified(text)
        )
        pieces.append(f"{_OPEN}{chosen}{_CLOSE}{_REASON}{reason}{_REASON_END}")
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
    run: list[tuple[int, float]] = []  # (index, score) of the current run of non-neutral characters
    for i, ch in enumerate([*simple, " "]):
        if i < len(simple) and not _NEUTRAL.match(ch):
            if "\u3400" <= ch <= "\u9fff":
                prev = simple[run[-1][0]] if run and run[-1][0] == i - 1 else ""
                run.append((i, lm.logp(prev, ch)))
            else:
                run.append((i, -20.0))
            continue
        for k in range(max(1, len(run) - 2)):
            window = run[k : k + 4]
            if len(window) >= 3 and sum(v for _, v in window) / len(window) < _JUNK_PER_CHAR:
                for idx, _ in window:
                    junk[idx] = True
        run = []
    return junk


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
        reason = REASON_UNREADABLE.format(text=_simplified(run))
        out.append(f"{_OPEN}{run}{_CLOSE}{_REASON}{reason}{_REASON_END}")
        runs += 1
        i = j
    return "".join(out), runs


# --- annotations, punctuation, offsets ----------------------------------------------------


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


def _extract_doubts(text: str) -> tuple[str, list[Doubt]]:
    """Turn the private-use markers into Doubt offsets in the final text."""
    out: list[str] = []
    doubts: list[Doubt] = []
    pos = 0
    length = 0
    open_at = -1
    while pos < len(text):
        ch = text[pos]
        if ch == _OPEN:
            open_at = length
            pos += 1
        elif ch == _CLOSE:
            close_at = length
            pos += 1
            reason = ""
            if pos < len(text) and text[pos] == _REASON:
                end = text.find(_REASON_END, pos)
                end = len(text) if end < 0 else end
                reason = text[pos + 1 : end]
                pos = end + 1
            if open_at >= 0:
                doubts.append(
                    Doubt(open_at, close_at, reason or "damaged text, not recovered with certainty")
                )
            open_at = -1
        else:
            out.append(ch)
            length += 1
            pos += 1
    return "".join(out), doubts
