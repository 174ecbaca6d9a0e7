"""Chinese numerals both ways (ingest/numerals.py), the one place the project converts them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reformtrack.ingest.numerals import chinese_to_int, int_to_chinese, number_value


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("十二", 12),
        ("一百零五", 105),
        ("二十", 20),
        ("两", 2),
        ("二〇一三", 2013),
        ("二○一三", 2013),  # a circle typed for the zero
        ("12", 12),
        ("十", 10),
    ],
)
def test_it_reads_a_numeral(numeral: str, value: int) -> None:
    assert chinese_to_int(numeral) == value


@pytest.mark.parametrize("numeral", ["", "十十", "二二十", "三点五", "负一", "东京"])
def test_it_refuses_what_is_not_a_whole_number(numeral: str) -> None:
    assert chinese_to_int(numeral) is None


@pytest.mark.parametrize(
    ("value", "numeral"),
    [(1, "一"), (10, "十"), (11, "十一"), (21, "二十一"), (105, "一百零五"), (110, "一百一十")],
)
def test_it_prints_a_number(value: int, numeral: str) -> None:
    assert int_to_chinese(value) == numeral
    assert chinese_to_int(numeral) == value


def test_amounts_in_capitals_and_nothing_below_one() -> None:
    assert int_to_chinese(20, financial=True) == "贰拾"
    assert int_to_chinese(0) == "0"


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("12.5", Decimal("12.5")),
        ("1,200", Decimal(1200)),
        ("１２", Decimal(12)),
        ("3000万", Decimal(30_000_000)),
        ("1.2亿", Decimal(120_000_000)),
        ("三千万", Decimal(30_000_000)),
        ("十二点五", Decimal("12.5")),
        ("-3", Decimal(-3)),
    ],
)
def test_it_reads_a_number_as_offices_type_it(typed: str, value: Decimal) -> None:
    assert number_value(typed) == value


@pytest.mark.parametrize("typed", ["", "abc", "95%", "1e5", "很多"])
def test_it_refuses_what_is_not_a_number(typed: str) -> None:
    assert number_value(typed) is None
