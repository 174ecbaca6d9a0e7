"""The marks the repair stages share: doubt markers and their reasons, pinyin patterns, t2s.

While the text is being repaired, a doubtful span is bracketed by private-use characters with its
reason attached; :func:`extract_doubts` turns them into :class:`~.model.Doubt` offsets at the end.
The reasons are data (:class:`~.reasons.Reason`, a code and its parameters), worded only where
they are shown.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

import opencc

from .model import Doubt
from .reasons import Reason, ReasonCode

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

# ASCII punctuation beside Chinese text stands for the full-width form.
_FULLWIDTH = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；", "!": "！", "?": "？"})


def mark(span: str, reason: Reason) -> str:
    """``span`` bracketed as doubtful, with its reason attached, for :func:`extract_doubts`.

    The reason travels as compact JSON: its parameters are text of the document, which the later
    stages (annotations removed, t2s) treat like the text around it.
    """
    encoded = json.dumps(reason.to_dict(), ensure_ascii=False, separators=(",", ":"))
    return f"{_OPEN}{span}{_CLOSE}{_REASON}{encoded}{_REASON_END}"


def _reason(encoded: str) -> Reason:
    """The reason :func:`mark` attached; one that does not read back is a plain ``damaged``."""
    try:
        return Reason.from_dict(json.loads(encoded))
    except (ValueError, TypeError, AttributeError):
        return Reason(ReasonCode.DAMAGED)


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    return str(_t2s().convert(text))


def extract_doubts(text: str) -> tuple[str, list[Doubt]]:
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
            reason = Reason(ReasonCode.DAMAGED)
            if pos < len(text) and text[pos] == _REASON:
                end = text.find(_REASON_END, pos)
                end = len(text) if end < 0 else end
                reason = _reason(text[pos + 1 : end])
                pos = end + 1
            if open_at >= 0:
                doubts.append(Doubt(open_at, close_at, reason))
            open_at = -1
        else:
            out.append(ch)
            length += 1
            pos += 1
    return "".join(out), doubts


def looks_traditional(text: str) -> bool:
    """True when the text is written in traditional characters (enough of them change in t2s)."""
    sample = re.sub(rf"[^{_CJK}]", "", text[:20000])
    if len(sample) < 20:
        return False
    changed = sum(1 for a, b in zip(sample, simplified(sample), strict=False) if a != b)
    return changed / len(sample) > 0.05
