"""Chinese numerals both ways, for the whole project, through cn2an (a kept library): a plan's
labels and dates are read with :func:`chinese_to_int`, chapter headings and bulletin sections are
printed with :func:`int_to_chinese`.

cn2an loads a few data tables when imported (about 0.2 s), so it is imported on first use: a
command that never meets a numeral does not pay for it.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import cache
from types import ModuleType

__all__ = ["chinese_to_int", "int_to_chinese", "number_value"]

_PLAIN_NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


@cache
def _cn2an() -> ModuleType:
    import cn2an

    module: ModuleType = cn2an
    return module


def chinese_to_int(numeral: str) -> int | None:
    """The value of a numeral as printed: ``十二`` → 12, ``一百零五`` → 105, ``两`` → 2, digit by digit
    as years are written (``二〇一三``, also with ``○``) → 2013, ``12`` → 12.

    ``None`` for anything that is not a well-formed whole number (``十十``, ``三点五``, ``负一``).
    """
    if not numeral:
        return None
    if numeral.isdecimal():
        return int(numeral)
    try:
        # ○ (a circle) stands for 〇 in many typed years; cn2an knows only the latter
        value = _cn2an().cn2an(numeral.replace("○", "〇"), "normal")
    except (ValueError, KeyError, IndexError):
        return None
    if value < 0 or value != int(value):
        return None
    return int(value)


def number_value(text: str) -> Decimal | None:
    """A number as an office types it: ``12.5``, ``1,200``, ``１２``, ``3000万`` → 30000000,
    ``1.2亿``, ``三千万``, ``十二点五`` → 12.5.

    Digits alone are read exactly (as a :class:`~decimal.Decimal`); anything with Chinese numerals or
    the magnitudes 万 and 亿 is read by cn2an. ``None`` for anything else (``abc``, ``95%``, ``1e5``).
    """
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")
    if not cleaned:
        return None
    if _PLAIN_NUMBER_RE.fullmatch(cleaned):
        return Decimal(cleaned)
    try:
        value = _cn2an().cn2an(cleaned.replace("○", "〇"), "smart")
    except (ValueError, KeyError, IndexError):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:  # pragma: no cover - cn2an answers numbers only
        return None


def int_to_chinese(number: int, *, financial: bool = False) -> str:
    """``1`` → ``一``, ``10`` → ``十``, ``21`` → ``二十一``, ``105`` → ``一百零五``; with ``financial``
    the capital forms of amounts and Word's legal numbering (``壹拾``). Below 1, the digits."""
    if number < 1:
        return str(number)
    return str(_cn2an().an2cn(number, "up" if financial else "low"))
