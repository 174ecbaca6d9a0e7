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

The steps of :func:`recover`, each in its own module:

1. the junk's bytes and the gaps between the known ones (here, :func:`_junk_bytes`,
   :func:`_gaps`); the GBK code table they are read against (:mod:`.gbkcodes`);
2. the candidates of every character of a gap (:mod:`.gbkgaps`);
3. the bigram Viterbi search over the gaps (:mod:`.gbksearch`);
4. the trigram and word rescoring of its readings, and the doubt (:mod:`.gbkrescore`).

The comments on the search's constants say what other values do, measured on the bundled sample
and on luohu_clean, provincial_opinions and multi_annotation_plan of tests/fixtures/plans damaged
as tests/ingest/test_repair.py damages them: item titles read exactly, flagged for a person or
silently wrong, and the CPU time of the repair of the sample and luohu_clean. "Every document"
there means those four.
"""

from __future__ import annotations

from collections.abc import Iterable

from .charlm import CharLM
from .gbkcodes import (
    ASCII_TRAILS,
    FULL_WIDTH_ASCII_LEAD,
    FULL_WIDTH_ASCII_OFFSET,
    PUNCTUATION_LEAD,
    decode_damaged,
    double_byte_code,
    encode_junk,
    is_defined_pair,
    tables,
)
from .gbkgaps import Gap, decoder_for
from .gbkrescore import reading_score, rescore
from .gbksearch import Recovery, search

__all__ = [
    "Recovery",
    "decode_damaged",
    "encode_junk",
    "is_defined_pair",
    "reading_score",
    "recover",
    "tables",
]


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
    tokens = _junk_bytes(junk)
    gaps = _gaps(tokens, start=start, end=end) if tokens is not None else None
    if gaps is None:
        return None
    if last_char_in and gaps:
        gaps[-1].allowed_last = frozenset(
            {code for code in map(double_byte_code, last_char_in) if code is not None}
        )
    dec = decoder_for(lm, traditional, known)
    # The bytes of an expected item label are specific enough (four of them known in （N）)
    # that readings which fit them are the only ones considered when there are any.
    searched = search(dec, gaps, left=left, right=right, prefix=prefix) if prefix else None
    if searched is None:
        searched = search(dec, gaps, left=left, right=right)
    if searched is None:
        return None
    protect = len(prefix) if prefix and searched.text.startswith(prefix) else 0
    best = rescore(searched.options, left=left, right=right, lm=lm, protect=protect)
    if prefix and best.text.startswith(prefix):
        # The expected prefix is taken on outside evidence: no doubt within it.
        best.doubtful = [d for d in best.doubtful if d[0] + len(d[1]) > len(prefix)]
    return best


def _junk_bytes(junk: str) -> list[tuple[int, int]] | None:
    """The two GBK bytes of every junk character; None if one has no double-byte form."""
    tokens: list[tuple[int, int]] = []
    for ch in junk:
        if ord(ch) < 0x80:
            # Inside a region an ASCII character can only be a folded full-width form: an ASCII
            # byte read as a lead would have put the decoder back in step.
            tokens.append((FULL_WIDTH_ASCII_LEAD, ord(ch) + FULL_WIDTH_ASCII_OFFSET))
            continue
        code = double_byte_code(ch)
        if code is None:
            return None
        tokens.append((code >> 8, code & 0xFF))
    return tokens


def _gaps(tokens: list[tuple[int, int]], *, start: str, end: str) -> list[Gap] | None:
    """The gaps between the known bytes, read one step over: junk character *k*'s trail byte is
    the lead byte of in-step character *k+1*, whose trail is the lead of junk character *k+1*.
    None when ``end`` cannot have put the decoder back in step."""
    if end not in ("", "?") and ord(end) not in ASCII_TRAILS:
        return None
    prev: int | None = None
    first_dropped = start == "paragraph"
    if first_dropped and tokens and tokens[0][0] == PUNCTUATION_LEAD:
        # The junk opens with the second byte of the paragraph's full-width space (A1 A1), so
        # its trail is the lead byte of the first in-step character. Otherwise the space's
        # second byte and that lead made a pair the decoder dropped.
        prev, tokens, first_dropped = tokens[0][1], tokens[1:], False
    gaps: list[Gap] = []
    for i, (b0, b1) in enumerate(tokens):
        gaps.append(Gap(prev, b0, first_lead_dropped=first_dropped and i == 0))
        prev = b1
    first_is_last = first_dropped and not tokens
    if end == "?":  # the last trail byte was read as a lead and swallowed an ASCII byte
        gaps.append(Gap(prev, None, swallowed=True, first_lead_dropped=first_is_last))
    elif end:  # an ASCII trail byte read alone
        gaps.append(Gap(prev, ord(end), first_lead_dropped=first_is_last))
    elif prev is not None:  # the line ends: the last trail byte is lost
        gaps.append(Gap(prev, None, swallowed=True))
    return gaps
