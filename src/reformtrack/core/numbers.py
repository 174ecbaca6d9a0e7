"""Large numbers as Chinese offices write them: 12,345 → 1.23万, 350,000,000 → 3.5亿.

A target counted in 万元 or 亿元 keeps its values in that unit (``achievement.parse_value``); shown,
the value and its unit are read together, so 35000 万元 is 3.5亿元 and 0.3 亿元 is 3000万元. Below
10,000 a number is printed as before (up to two decimals, trailing zeros dropped, a space before
the unit). Pages in English
get the whole number with thousands separators instead.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.template.defaultfilters import floatformat
from django.utils import formats, translation

__all__ = ["large_number"]

_WAN = Decimal(10_000)
_YI = Decimal(100_000_000)
_MAGNITUDES = {"万": _WAN, "亿": _YI}
_CENT = Decimal("0.01")


def _plain(value: Decimal) -> str:
    """Up to two decimals, trailing zeros dropped: 1.20 → 1.2, 3.00 → 3."""
    text = format(value.quantize(_CENT, rounding=ROUND_HALF_UP), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def large_number(value: object, unit: str = "") -> str:
    """``value`` (in ``unit``) with its unit, in 万 or 亿 once it reaches ten thousand.

    ``large_number(12345)`` → ``1.23万``; ``large_number(35000, "万元")`` → ``3.5亿元``;
    ``large_number(95, "%")`` → ``95 %`` (below ten thousand, as
    the pages print a number and its unit). Anything that is not a number comes back as text.
    """
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return f"{value} {unit}".rstrip()
    if not number.is_finite():
        return f"{value} {unit}".rstrip()
    base_unit = unit
    if len(unit) > 1 and unit[0] in _MAGNITUDES:
        number, base_unit = number * _MAGNITUDES[unit[0]], unit[1:]
    size = abs(number)
    if size < _WAN:  # as the pages always printed it: 2 个, 95 %
        return f"{floatformat(value, -2)} {unit}".rstrip()
    if not (translation.get_language() or "").startswith("zh"):
        grouped = formats.number_format(number.quantize(Decimal(1)), 0, use_l10n=True, force_grouping=True)
        return f"{grouped}{' ' if base_unit else ''}{base_unit}"
    if size < _YI:
        return f"{_plain(number / _WAN)}万{base_unit}"
    return f"{_plain(number / _YI)}亿{base_unit}"
