"""GBK's double-byte code table, seen from the shifted-GBK damage (:mod:`.gbkshift`).

What the repair needs to know of GBK: which (lead, trail) pairs it defines, indexed by either
byte; the simplified form of each character, for the language model; which characters a
traditional text can hold; which shifted pairs the damaging decoder dropped; and the damaging
decoder itself (:func:`decode_damaged`, the forward model the tests and checks use).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import opencc

from .marks import simplified

# GBK's byte ranges: lead bytes 0x81-0xFE, trail bytes 0x40-0xFE without 0x7F.
MIN_LEAD = 0x81
MAX_LEAD = 0xFE
MIN_TRAIL = 0x40
MAX_TRAIL = 0xFE
NOT_A_TRAIL = 0x7F
# Trail bytes that are printable ASCII too. Read as a lead byte, one of them is taken as an ASCII
# character, and the decoder falls back in step: it ends a shifted run (see gbkshift).
ASCII_TRAILS = range(0x40, 0x7F)
# The lead byte of GBK's row of punctuation; the full-width space that opened every paragraph
# of the sample is A1 A1, and its first byte is the one that went missing.
PUNCTUATION_LEAD = 0xA1
# The lead byte of GBK's full-width ASCII forms (Ａ is A3 C1: the ASCII code + 0x80), which were
# later folded to ASCII.
FULL_WIDTH_ASCII_LEAD = 0xA3
FULL_WIDTH_ASCII_OFFSET = 0x80
# Unicode's full-width ASCII forms (！ to ～) and their distance from ASCII, for the folding.
FULL_WIDTH_FORMS = range(0xFF01, 0xFF5F)
FULL_WIDTH_TO_ASCII = 0xFEE0
# Unicode's private use area: GBK's user-defined codes decode into it, and the damaging decoder
# dropped them as it dropped undefined codes.
PRIVATE_USE = range(0xE000, 0xF900)


@dataclass(frozen=True)
class Tables:
    """GBK's defined double-byte characters, with what the repair search asks of them."""

    chars: dict[int, str]  # (lead << 8 | trail) -> character, defined GBK pairs only
    by_lead: dict[int, list[int]]
    by_trail: dict[int, list[int]]
    simple: dict[int, str]  # code -> simplified form of the character
    # codes of characters a traditional text can hold: those OpenCC's s2t leaves as they are
    # (话 is not one: traditional text writes 話)
    traditional: frozenset[int]


@lru_cache(maxsize=1)
def tables() -> Tables:
    """GBK's defined double-byte characters (no user-defined area), indexed both ways."""
    chars = _defined_pairs()
    by_lead: dict[int, list[int]] = {}
    by_trail: dict[int, list[int]] = {}
    for code in chars:
        by_lead.setdefault(code >> 8, []).append(code)
        by_trail.setdefault(code & 0xFF, []).append(code)
    codes = list(chars)
    listing = "\n".join(chars.values())
    # the repair's own t2s converter: loading OpenCC's dictionaries costs more than converting
    converted = simplified(listing).split("\n")
    simple = {code: s if len(s) == 1 else chars[code] for code, s in zip(codes, converted, strict=True)}
    back = opencc.OpenCC("s2t").convert(listing).split("\n")
    traditional = frozenset(c for c, s in zip(codes, back, strict=True) if s == chars[c])
    return Tables(chars, by_lead, by_trail, simple, traditional)


def _defined_pairs() -> dict[int, str]:
    """Every pair GBK decodes to one character outside the private use area.

    Each lead byte's row is decoded in one call, every pair followed by a newline: a pair the
    codec rejects comes out as a replacement character (and what the codec made of its bytes)
    between two newlines, which the length test below turns down. A row whose newlines did not
    all come through is decoded pair by pair.
    """
    chars: dict[int, str] = {}
    trails = [trail for trail in range(MIN_TRAIL, MAX_TRAIL + 1) if trail != NOT_A_TRAIL]
    row_bytes = bytearray(b for trail in trails for b in (0, trail, 0x0A))
    for lead in range(MIN_LEAD, MAX_LEAD + 1):
        row_bytes[0::3] = bytes((lead,)) * len(trails)
        row = row_bytes.decode("gbk", errors="replace")
        cells = row.split("\n")[:-1]
        if len(cells) != len(trails):
            cells = [_decode_pair(lead, trail) for trail in trails]
        for trail, ch in zip(trails, cells, strict=True):
            if len(ch) == 1 and ch != "\ufffd" and ord(ch) not in PRIVATE_USE:
                chars[lead << 8 | trail] = ch
    return chars


def _decode_pair(lead: int, trail: int) -> str:
    try:
        return bytes((lead, trail)).decode("gbk")
    except UnicodeDecodeError:
        return ""


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


def double_byte_code(ch: str) -> int | None:
    """The GBK code (lead << 8 | trail) of a double-byte character; None for any other."""
    data = encode_junk(ch)
    if data is None or len(data) != 2:
        return None
    return data[0] << 8 | data[1]


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
        if nxt < MIN_TRAIL:
            out.append("?")
            i += 2
            continue
        ch = t.chars.get(b << 8 | nxt)
        if ch is not None:
            if ord(ch) in FULL_WIDTH_FORMS:
                ch = chr(ord(ch) - FULL_WIDTH_TO_ASCII)
            out.append(ch)
        i += 2
    return "".join(out)


def _droppable_sets() -> tuple[frozenset[int], frozenset[int]]:
    t = tables()
    first: set[int] = set()
    second: set[int] = set()
    for x in range(0x80, 0x100):
        for y in range(MIN_LEAD, MAX_LEAD + 1):
            if (x << 8 | y) not in t.chars:
                first.add(x)
                second.add(y)
    return frozenset(first), frozenset(second)


# A shifted pair (x, y) -- the trail byte x of one character read as a lead, the lead byte y of
# the next read as its trail -- was dropped only if GBK leaves it undefined. DROPPABLE_FIRST holds
# the trail bytes x for which that happens for some y, DROPPABLE_SECOND the lead bytes y that can
# follow; the exact pair is checked (UNDEFINED_AFTER) when both are chosen.
DROPPABLE_FIRST, DROPPABLE_SECOND = _droppable_sets()


def _undefined_after() -> list[frozenset[int]]:
    """For each byte x, the lead bytes y such that GBK leaves the pair (x, y) undefined."""
    chars = tables().chars
    return [
        frozenset(y for y in range(MIN_LEAD, MAX_LEAD + 1) if (x << 8 | y) not in chars) for x in range(256)
    ]


UNDEFINED_AFTER = _undefined_after()
