"""The level of an assessment by the office's rule: a pure function of scores and risks."""

from __future__ import annotations

from reformtrack.risk.choices import Dimension, RiskLevel
from reformtrack.risk.level import Rule, assessed_dimensions, risk_level

RULE = Rule(scale_max=5, score_high_at=1, score_medium_at=2, product_high_at=15, product_medium_at=8)
GOOD = {d.value: 4 for d in Dimension}


def test_good_scores_and_small_risks_are_low() -> None:
    assert risk_level(RULE, GOOD, [(2, 3)]) == RiskLevel.LOW


def test_a_dimension_at_the_high_threshold_is_high() -> None:
    assert risk_level(RULE, {**GOOD, "legality": 1}, []) == RiskLevel.HIGH


def test_a_dimension_at_the_medium_threshold_is_medium() -> None:
    assert risk_level(RULE, {**GOOD, "feasibility": 2}, []) == RiskLevel.MEDIUM


def test_a_risk_reaching_the_high_product_is_high_and_one_below_is_medium() -> None:
    assert risk_level(RULE, GOOD, [(3, 5)]) == RiskLevel.HIGH
    assert risk_level(RULE, GOOD, [(2, 4), (1, 1)]) == RiskLevel.MEDIUM
    assert risk_level(RULE, GOOD, [(7, 1)]) == RiskLevel.LOW  # 7 < 8


def test_an_unscored_dimension_counts_as_the_lowest_score() -> None:
    assert risk_level(RULE, {**GOOD, "controllability": None}, []) == RiskLevel.HIGH


def test_safety_counts_only_where_the_rule_assesses_it() -> None:
    scores = {**GOOD, "safety": 1}
    assert risk_level(RULE, scores, []) == RiskLevel.LOW
    with_safety = Rule(assess_safety=True)
    assert risk_level(with_safety, scores, []) == RiskLevel.HIGH
    assert assessed_dimensions(with_safety)[-1] == Dimension.SAFETY
    assert len(assessed_dimensions(RULE)) == 4


def test_the_thresholds_are_the_offices() -> None:
    strict = Rule(scale_max=10, score_high_at=5, score_medium_at=7, product_high_at=6, product_medium_at=4)
    assert risk_level(strict, {d.value: 5 for d in Dimension}, []) == RiskLevel.HIGH
    assert risk_level(strict, {d.value: 8 for d in Dimension}, [(2, 2)]) == RiskLevel.MEDIUM
