"""How far a target (指标) is achieved, and where it should be by now. Plain Python, no Django.

A target has a *form*, stored on it (``Target.form``, set at import by :func:`infer_form`):

- ``exact``: a figure to reach (``培养100名``): below it, the way from the baseline (or 0) to it;
  above it, the overshoot counts against it;
- ``at_least`` (``满意度达95%以上``) and ``at_most`` (``控制在5个工作日以内``);
- ``range`` (``打造2至3个``): inside is achieved, below or above is measured to the nearer end;
- ``decrease`` and ``increase``: a change from the baseline (``压减30%`` is the baseline less 30 %,
  ``提高5个百分点`` the baseline plus 5); without a baseline nothing can be said (``None``).

and a *kind*, read from its unit (:func:`kind_of`): a count (``个``, ``家``: whole numbers), a
percentage (``%``, ``个百分点``), money (``元``, ``万元``, ``亿元``: a value typed as ``3000万`` is
brought to the target's unit) or any other quantity. Typed numbers are read by the project's one
reader of numerals, :func:`reformtrack.ingest.numerals.number_value`.

Achievement is a percentage from 0 to 100. The expected path runs in a straight line from the
baseline (or 0) at the baseline's date (or the plan's first day) to the target's figure at its
deadline (or the plan's last day); on a date, the expected achievement is the share of that time
gone by, which is what the path's value there would achieve.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from reformtrack.ingest.numerals import number_value

__all__ = [
    "FORMS",
    "Path",
    "Spec",
    "achievement",
    "expected",
    "goal",
    "infer_form",
    "kind_of",
    "mean",
    "parse_value",
    "path",
    "value_unit",
]

EXACT, AT_LEAST, AT_MOST, RANGE, DECREASE, INCREASE = (
    "exact",
    "at_least",
    "at_most",
    "range",
    "decrease",
    "increase",
)
FORMS = (EXACT, AT_LEAST, AT_MOST, RANGE, DECREASE, INCREASE)
COUNT, PERCENTAGE, MONEY, QUANTITY = "count", "percentage", "money", "quantity"

# Counting words of ingest.targets: their values are whole numbers.
_COUNTERS = frozenset("个家所名人座处条支项套间栋台辆户位场件张本片块株棵艘架种")
_RATES = frozenset(("%", "％", "个百分点"))
_MAGNITUDES = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
# A change from a baseline: 压减30%, 降低5个百分点, 增长20%: the verb right before the figure. A verb
# followed by 至/到 names the level to reach instead (压减至5个工作日, 提高城镇化率到60%), which the
# bounds already say.
_DECREASE_RE = re.compile(r"(?:压减|削减|缩减|精简|减少|降低|下降|压缩)(?=\d)")
_INCREASE_RE = re.compile(r"(?:增长|提高|提升|增加)(?=\d)")
_RELATIVE_UNITS = _RATES | {"倍"}


@dataclass(frozen=True)
class Spec:
    """What achievement is computed from: the target's form, bounds, unit, baseline and deadline."""

    form: str
    min_value: float | None
    max_value: float | None
    unit: str = ""
    baseline: Decimal | None = None
    baseline_date: dt.date | None = None
    deadline: dt.date | None = None


@dataclass(frozen=True)
class Path:
    """The expected path: a straight line from (start, start_value) to (end, end_value)."""

    start: dt.date
    start_value: Decimal
    end: dt.date
    end_value: Decimal

    def value_on(self, day: dt.date) -> Decimal:
        """The path's value on a day (the start's before it, the end's after it)."""
        return self.start_value + (self.end_value - self.start_value) * Decimal(str(_share(self, day)))


def kind_of(unit: str) -> str:
    """count, percentage, money or quantity, from the target's unit as printed."""
    if unit in _RATES:
        return PERCENTAGE
    if unit.endswith("元"):
        return MONEY
    if unit in _COUNTERS or (len(unit) == 2 and unit[0] in _MAGNITUDES and unit[1] in _COUNTERS):
        return COUNT
    return QUANTITY


def value_unit(form: str, unit: str) -> str:
    """The unit a target's values are measured in: its own, except for a change from the baseline,
    whose values are in the baseline's unit (压减30% counts items, not percent; 提高5个百分点 is a
    rate in %)."""
    if form not in (DECREASE, INCREASE):
        return unit
    if unit == "个百分点":
        return "%"
    return "" if unit in _RELATIVE_UNITS else unit


def infer_form(text: str, min_value: float | None, max_value: float | None, unit: str) -> str:
    """The form of a target as ingest parsed it: a change from the baseline when a verb of change
    stands before a rate without 至/到 (``压减30%``, ``提高5个百分点``); else from the bounds."""
    if unit in _RELATIVE_UNITS and min_value is not None and max_value in (None, min_value):
        if _DECREASE_RE.search(text):
            return DECREASE
        if _INCREASE_RE.search(text):
            return INCREASE
    if min_value is not None and max_value is not None:
        return EXACT if min_value == max_value else RANGE
    if max_value is not None:
        return AT_MOST
    return AT_LEAST


def _magnitude(unit: str) -> Decimal:
    return _MAGNITUDES.get(unit[:1], Decimal(1)) if len(unit) > 1 else Decimal(1)


def parse_value(text: str, unit: str) -> Decimal | None:
    """A value typed for a target, in the target's unit; ``None`` if it is not a number.

    The target's unit may follow the number (``95%``, ``3个``). A figure typed with 万 or 亿 for a
    target counted in 万元 or 亿元 is brought to that unit (``3000万`` of a 亿元 target is 0.3);
    a bare figure is taken in the target's unit.
    """
    typed = text.strip()
    base = unit[1:] if _magnitude(unit) != 1 else unit
    for suffix in (base, "％", "%"):
        if suffix and typed.endswith(suffix):
            typed = typed[: -len(suffix)].strip()
            break
    value = number_value(typed)
    if value is None:
        return None
    if any(mark in typed for mark in _MAGNITUDES):
        return value / _magnitude(unit)
    return value


def goal(spec: Spec) -> Decimal | None:
    """The figure the target aims at: the lower bound (the upper one of a cap), or, for a change,
    the baseline changed by it (``None`` without a baseline)."""
    if spec.form in (DECREASE, INCREASE):
        if spec.baseline is None or spec.min_value is None:
            return None
        amount = Decimal(str(spec.min_value))
        if spec.unit in ("%", "％"):
            amount = spec.baseline * amount / 100
        elif spec.unit == "倍":
            amount = spec.baseline * amount
        return spec.baseline - amount if spec.form == DECREASE else spec.baseline + amount
    if spec.form == AT_MOST:
        return _dec(spec.max_value)
    top = _dec(spec.max_value)
    if spec.form == RANGE and top is not None and spec.baseline is not None and spec.baseline > top:
        return top  # coming down from above, a range is reached at its top
    return _dec(spec.min_value if spec.min_value is not None else spec.max_value)


def _dec(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _clip(share: Decimal) -> float:
    return float(max(Decimal(0), min(Decimal(100), share * 100)))


def _towards(start: Decimal, aim: Decimal, value: Decimal) -> float:
    """The share of the way from ``start`` to ``aim`` that ``value`` has gone (0–100)."""
    if aim == start:
        return 100.0 if value == aim else 0.0
    return _clip((value - start) / (aim - start))


def _under_cap(cap: Decimal, value: Decimal, baseline: Decimal | None) -> float:
    """A value above a cap: the way down from the baseline, or without one the cap's share of it."""
    if value <= cap:
        return 100.0
    if baseline is not None and baseline > cap:
        return _towards(baseline, cap, value)
    return _clip(cap / value) if value > 0 else 0.0


def achievement(spec: Spec, value: Decimal | None) -> float | None:
    """How far ``value`` achieves the target, 0–100; ``None`` without a value, or for a change
    from a baseline that is not known."""
    if value is None:
        return None
    aim = goal(spec)
    if aim is None:
        return None
    start = spec.baseline if spec.baseline is not None else Decimal(0)
    if spec.form == AT_MOST:
        return _under_cap(aim, value, spec.baseline)
    if spec.form == RANGE:
        low, high = _dec(spec.min_value), _dec(spec.max_value)
        if low is not None and value < low:
            return _towards(start if start < low else Decimal(0), low, value)
        if high is not None and value > high:
            return _under_cap(high, value, spec.baseline)
        return 100.0
    if spec.form in (DECREASE, INCREASE):
        return _towards(start, aim, value)
    if spec.form == EXACT and value > aim:
        return _clip(1 - (value - aim) / aim) if aim > 0 else 0.0
    # exact below its figure, and at least
    if value >= aim:
        return 100.0
    return _towards(start if start < aim else Decimal(0), aim, value)


def path(spec: Spec, *, plan_start: dt.date | None, plan_end: dt.date | None) -> Path | None:
    """The expected path, or ``None`` when it has no start, end or figure (a change without a
    baseline), or the target is a cap without a baseline (nothing to come down from)."""
    start = spec.baseline_date or plan_start
    end = spec.deadline or plan_end
    aim = goal(spec)
    if start is None or end is None or aim is None:
        return None
    if spec.form == AT_MOST and spec.baseline is None:
        return None
    return Path(start, spec.baseline if spec.baseline is not None else Decimal(0), end, aim)


def _share(line: Path, day: dt.date) -> float:
    if line.end <= line.start:
        return 1.0 if day >= line.end else 0.0
    return max(0.0, min(1.0, (day - line.start).days / (line.end - line.start).days))


def expected(
    spec: Spec, *, plan_start: dt.date | None, plan_end: dt.date | None, on: dt.date
) -> float | None:
    """The achievement expected on a day: the share of the path's time gone by (0–100)."""
    line = path(spec, plan_start=plan_start, plan_end=plan_end)
    return None if line is None else _share(line, on) * 100


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the known values; ``None`` when none is known."""
    known = [value for value in values if value is not None]
    return sum(known) / len(known) if known else None
