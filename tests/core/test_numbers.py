"""Large sums and counts as Chinese offices write them: 万 and 亿 (core.numbers, the large_number filter)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from reformtrack.core.numbers import large_number


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (12_345, "", "1.23万"),
        (350_000_000, "", "3.5亿"),
        (10_000, "元", "1万元"),
        (Decimal("35000"), "万元", "3.5亿元"),  # a target kept in 万元
        (Decimal("0.3"), "亿元", "3000万元"),
        (Decimal("1.234"), "万元", "1.23万元"),
        (-12_345, "元", "-1.23万元"),
        (123_456_789_012, "元", "1234.57亿元"),
        (12_000, "个", "1.2万个"),
    ],
)
def test_it_writes_large_numbers_in_wan_and_yi(value: object, unit: str, shown: str) -> None:
    with translation.override("zh-hans"):
        assert large_number(value, unit) == shown


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (95, "%", "95 %"),
        (2, "个", "2 个"),
        (Decimal("0.5"), "万元", "0.50 万元"),
        (9999, "", "9999"),
        ("x", "", "x"),
    ],
)
def test_small_numbers_and_words_are_printed_as_before(value: object, unit: str, shown: str) -> None:
    with translation.override("zh-hans"):
        assert large_number(value, unit) == shown


def test_english_pages_get_the_whole_number() -> None:
    with translation.override("en"):
        assert large_number(35_000, "万元") == "350,000,000 元"
        assert large_number(12_345) == "12,345"


def test_the_template_filter() -> None:
    template = Template("{% load ledger_extras %}[{{ v|large_number:u }}][{{ none|large_number:u }}]")
    with translation.override("zh-hans"):
        assert template.render(Context({"v": 350_000_000, "u": "元", "none": None})) == "[3.5亿元][]"
