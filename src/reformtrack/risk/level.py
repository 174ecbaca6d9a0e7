"""The risk level of an assessment by the office's rule: a pure function, no database.

High when any assessed dimension is scored at or below ``score_high_at``, or any risk's likelihood ×
impact reaches ``product_high_at``; medium likewise with the ``medium`` thresholds; low otherwise. A
dimension without a score counts as the lowest score (an unjudged dimension is no reassurance).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .choices import CORE_DIMENSIONS, Dimension, RiskLevel

__all__ = ["Rule", "assessed_dimensions", "risk_level"]


@dataclass(frozen=True)
class Rule:
    """The thresholds of :class:`~.models.RiskRule`, as plain values."""

    assess_safety: bool = False
    scale_max: int = 5
    score_high_at: int = 1
    score_medium_at: int = 2
    product_high_at: int = 15
    product_medium_at: int = 8


def assessed_dimensions(rule: Rule) -> tuple[Dimension, ...]:
    """The dimensions the rule assesses: the four, and 安全性 where the office adds it."""
    return (*CORE_DIMENSIONS, Dimension.SAFETY) if rule.assess_safety else CORE_DIMENSIONS


def risk_level(rule: Rule, scores: Mapping[str, int | None], risks: Iterable[tuple[int, int]]) -> RiskLevel:
    """The level of an assessment with ``scores`` (dimension → score) and ``risks`` ((likelihood,
    impact) pairs), by ``rule``. Dimensions the rule does not assess are ignored."""
    lowest = min((scores.get(d) or 0 for d in assessed_dimensions(rule)), default=rule.scale_max)
    product = max((likelihood * impact for likelihood, impact in risks), default=0)
    if lowest <= rule.score_high_at or product >= rule.product_high_at:
        return RiskLevel.HIGH
    if lowest <= rule.score_medium_at or product >= rule.product_medium_at:
        return RiskLevel.MEDIUM
    return RiskLevel.LOW
