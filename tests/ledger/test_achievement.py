"""Achievement of a target against its form, and the expected path: plain unit tests, no database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from reformtrack.ledger import achievement as a
from reformtrack.ledger.achievement import Spec

D = Decimal


def test_at_least_counts_the_way_from_zero() -> None:
    spec = Spec(a.AT_LEAST, 95, None, "%")
    assert a.achievement(spec, D("95")) == 100.0
    assert a.achievement(spec, D("99")) == 100.0
    assert a.achievement(spec, D("47.5")) == pytest.approx(50.0)


def test_at_least_counts_the_way_from_the_baseline() -> None:
    spec = Spec(a.AT_LEAST, 95, None, "%", baseline=D("80"))
    assert a.achievement(spec, D("90")) == pytest.approx(200 / 3)
    assert a.achievement(spec, D("70")) == 0.0


def test_at_most_is_achieved_under_the_cap() -> None:
    spec = Spec(a.AT_MOST, None, 5, "个工作日")
    assert a.achievement(spec, D("4")) == 100.0
    # without a baseline: the cap's share of the value
    assert a.achievement(spec, D("10")) == pytest.approx(50.0)
    # with one: the way down from it
    with_baseline = Spec(a.AT_MOST, None, 5, "个工作日", baseline=D("20"))
    assert a.achievement(with_baseline, D("10")) == pytest.approx(200 / 3)


def test_a_range_is_achieved_inside_and_measured_to_the_nearer_end() -> None:
    spec = Spec(a.RANGE, 2, 3, "个")
    assert a.achievement(spec, D("2")) == 100.0
    assert a.achievement(spec, D("3")) == 100.0
    assert a.achievement(spec, D("1")) == pytest.approx(50.0)
    assert a.achievement(spec, D("6")) == pytest.approx(50.0)


def test_an_exact_figure_counts_overshoot_against_it() -> None:
    spec = Spec(a.EXACT, 100, 100, "名")
    assert a.achievement(spec, D("100")) == 100.0
    assert a.achievement(spec, D("40")) == pytest.approx(40.0)
    assert a.achievement(spec, D("120")) == pytest.approx(80.0)


def test_a_decrease_from_the_baseline() -> None:
    # 压减30%: from 200 items the aim is 140
    spec = Spec(a.DECREASE, 30, 30, "%", baseline=D("200"))
    assert a.goal(spec) == D("140")
    assert a.achievement(spec, D("170")) == pytest.approx(50.0)
    assert a.achievement(spec, D("130")) == 100.0
    assert a.achievement(spec, D("210")) == 0.0


def test_a_change_without_a_baseline_is_unknown() -> None:
    spec = Spec(a.DECREASE, 30, 30, "%")
    assert a.achievement(spec, D("170")) is None
    assert a.path(spec, plan_start=dt.date(2013, 1, 1), plan_end=dt.date(2015, 12, 31)) is None


def test_an_increase_in_points_and_in_percent() -> None:
    points = Spec(a.INCREASE, 5, 5, "个百分点", baseline=D("60"))
    assert a.goal(points) == D("65")
    assert a.achievement(points, D("62.5")) == pytest.approx(50.0)
    percent = Spec(a.INCREASE, 20, 20, "%", baseline=D("50"))
    assert a.goal(percent) == D("60")
    assert a.achievement(percent, D("55")) == pytest.approx(50.0)


def test_no_value_is_unknown() -> None:
    assert a.achievement(Spec(a.AT_LEAST, 3, None, "个"), None) is None


def test_money_typed_with_wan_and_yi_comes_to_the_targets_unit() -> None:
    assert a.parse_value("3000万", "亿元") == D("0.3")
    assert a.parse_value("1.2亿元", "亿元") == D("1.2")
    assert a.parse_value("2", "亿元") == D("2")
    assert a.parse_value("五千万元", "万元") == D("5000")
    spec = Spec(a.AT_LEAST, 5, None, "亿元")
    assert a.achievement(spec, a.parse_value("2.5亿", "亿元")) == pytest.approx(50.0)


def test_numbers_as_offices_type_them() -> None:
    assert a.parse_value("95%", "%") == D("95")
    assert a.parse_value("1,200", "人") == D("1200")
    assert a.parse_value("十二", "个") == D("12")
    assert a.parse_value("三个", "个") == D("3")
    assert a.parse_value("很多", "个") is None
    assert a.parse_value("", "个") is None


def test_kinds_from_the_unit() -> None:
    assert [a.kind_of(u) for u in ("个", "%", "个百分点", "亿元", "万元", "平方米", "万人")] == [
        a.COUNT,
        a.PERCENTAGE,
        a.PERCENTAGE,
        a.MONEY,
        a.MONEY,
        a.QUANTITY,
        a.COUNT,
    ]


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "form"),
    [
        ("行政审批事项压减30%", 30, 30, "%", a.DECREASE),
        ("办理时限压缩至5个工作日以内", None, 5, "个工作日", a.AT_MOST),
        ("满意度达95%以上", 95, None, "%", a.AT_LEAST),
        ("打造2至3个网商集聚区", 2, 3, "个", a.RANGE),
        ("培养100名青年人才", 100, 100, "名", a.EXACT),
        ("覆盖率提高10个百分点", 10, 10, "个百分点", a.INCREASE),
        ("覆盖率提高到90%", 90, 90, "%", a.EXACT),
        ("提高城镇化率到60%", 60, 60, "%", a.EXACT),
        ("审批事项精简20%以上", 20, None, "%", a.DECREASE),
        ("收入增长10%", 10, 10, "%", a.INCREASE),
    ],
)
def test_the_form_is_inferred_from_the_parsed_target(
    text: str, low: float | None, high: float | None, unit: str, form: str
) -> None:
    assert a.infer_form(text, low, high, unit) == form


def test_the_expected_path_runs_from_the_baseline_to_the_figure() -> None:
    spec = Spec(a.AT_LEAST, 100, None, "家", baseline=D("20"), baseline_date=dt.date(2013, 1, 1))
    line = a.path(spec, plan_start=dt.date(2013, 1, 1), plan_end=dt.date(2015, 1, 1))
    assert line is not None
    assert (line.start, line.start_value, line.end, line.end_value) == (
        dt.date(2013, 1, 1),
        D("20"),
        dt.date(2015, 1, 1),
        D("100"),
    )
    assert line.value_on(dt.date(2014, 1, 1)) == D("60")
    halfway = a.expected(spec, plan_start=None, plan_end=dt.date(2015, 1, 1), on=dt.date(2014, 1, 1))
    assert halfway == 50.0


def test_the_path_starts_at_zero_at_the_plans_start_and_ends_at_the_deadline() -> None:
    spec = Spec(a.AT_LEAST, 10, None, "个", deadline=dt.date(2013, 12, 31))
    line = a.path(spec, plan_start=dt.date(2013, 1, 1), plan_end=dt.date(2015, 12, 31))
    assert line is not None
    assert (line.start, line.start_value, line.end, line.end_value) == (
        dt.date(2013, 1, 1),
        D(0),
        dt.date(2013, 12, 31),
        D(10),
    )
    assert a.expected(spec, plan_start=line.start, plan_end=None, on=dt.date(2014, 6, 1)) == 100.0
    assert a.expected(spec, plan_start=line.start, plan_end=None, on=dt.date(2012, 6, 1)) == 0.0


def test_mean_of_the_known() -> None:
    assert a.mean([50.0, None, 100.0]) == 75.0
    assert a.mean([None]) is None


def test_a_change_is_counted_in_the_baselines_unit() -> None:
    assert a.value_unit(a.DECREASE, "%") == ""
    assert a.value_unit(a.INCREASE, "个百分点") == "%"
    assert a.value_unit(a.AT_LEAST, "%") == "%"
    assert a.value_unit(a.RANGE, "个") == "个"
