"""Timeframes: deadline phrases found in text and resolved against the plan period."""

from __future__ import annotations

import datetime as dt

import pytest

from reformtrack.ingest.timeframes import (
    Deadline,
    PlanPeriod,
    find_deadlines,
    latest_deadline,
    resolve_deadline,
)

LUOHU = PlanPeriod(start_year=2013, end_year=2015, issued=dt.date(2013, 5, 20))


def only(text: str, period: PlanPeriod = LUOHU) -> Deadline:
    (found,) = find_deadlines(text, period)
    return found


@pytest.mark.parametrize(
    ("text", "phrase", "date"),
    [
        ("于2013年底前建设完善网上办事大厅", "2013年底前", dt.date(2013, 12, 31)),
        ("2013年年底前完成", "2013年年底前", dt.date(2013, 12, 31)),
        ("2014年上半年形成长效机制", "2014年上半年", dt.date(2014, 6, 30)),
        ("2014年下半年", "2014年下半年", dt.date(2014, 12, 31)),
        ("到2023年，基本建成", "到2023年", dt.date(2023, 12, 31)),
        ("2019年6月底前出台", "2019年6月底前", dt.date(2019, 6, 30)),
        ("2015年前全面完成", "2015年前", dt.date(2015, 12, 31)),
        ("力争2015年全区满意度达95%以上", "力争2015年", dt.date(2015, 12, 31)),
        ("2014年第三季度", "2014年第三季度", dt.date(2014, 9, 30)),
        ("2013年6月30日前完成", "2013年6月30日前", dt.date(2013, 6, 30)),
        ("于2014年6月完成", "于2014年6月", dt.date(2014, 6, 30)),
    ],
)
def test_it_resolves_dated_phrases_to_the_end_of_the_period(text: str, phrase: str, date: dt.date) -> None:
    found = only(text)
    assert (found.text, found.date, found.ongoing) == (phrase, date, False)
    assert text[found.start : found.end] == phrase


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("3年内打造1至2家园区", dt.date(2015, 12, 31)),
        ("三年内完成", dt.date(2015, 12, 31)),
        ("年内完成", dt.date(2013, 12, 31)),
        ("下半年启动", dt.date(2013, 12, 31)),
        ("上半年启动", dt.date(2013, 6, 30)),
        ("第一季度出台", dt.date(2014, 3, 31)),  # the first quarter of the issue year has passed
        ("今年底前完成", dt.date(2013, 12, 31)),
        ("6个月内完成", dt.date(2013, 11, 30)),
    ],
)
def test_it_resolves_relative_phrases_against_the_plan(text: str, date: dt.date) -> None:
    assert only(text).date == date


def test_it_counts_years_within_from_the_period_start_not_the_issue_year() -> None:
    period = PlanPeriod(start_year=2016, end_year=2020, issued=dt.date(2015, 12, 1))
    assert only("5年内建成", period).date == dt.date(2020, 12, 31)


def test_it_leaves_relative_phrases_undated_without_a_plan_period() -> None:
    found = only("3年内建成", PlanPeriod())
    assert (found.text, found.date) == ("3年内", None)


@pytest.mark.parametrize("text", ["持续推进改革", "长期坚持", "长期", "建立长效机制（长期）"])
def test_it_keeps_ongoing_work_without_a_date(text: str) -> None:
    found = only(text)
    assert found.ongoing and found.date is None


@pytest.mark.parametrize(
    "text",
    [
        "（2013年5月20日）",
        "在2013年5月20日召开的会议上",
        "制定《平安罗湖实施方案（2012—2022年）》",
        "截至2012年底，全区已建成",
        "2011年底前已完成",  # before the plan was issued: a baseline
        "青年内部交流",
        "每年底报送",
        "2013年起实施",
        "制定人才工作长期规划纲要",
    ],
)
def test_it_ignores_dates_that_are_not_deadlines(text: str) -> None:
    assert find_deadlines(text, LUOHU) == []


def test_it_finds_several_phrases_in_order() -> None:
    found = find_deadlines("2014年上半年形成长效机制，力争2015年满意度达95%以上", LUOHU)
    assert [d.text for d in found] == ["2014年上半年", "力争2015年"]
    latest = latest_deadline(found)
    assert latest is not None and latest.date == dt.date(2015, 12, 31)


def test_it_prefers_a_dated_deadline_over_an_ongoing_one() -> None:
    found = find_deadlines("持续推进，2014年底前完成", LUOHU)
    latest = latest_deadline(found)
    assert latest is not None and latest.text == "2014年底前"
    assert latest_deadline([]) is None


@pytest.mark.parametrize(
    ("value", "date", "ongoing"),
    [
        ("2014年底前", dt.date(2014, 12, 31), False),
        ("2014年", dt.date(2014, 12, 31), False),
        ("2014年6月", dt.date(2014, 6, 30), False),
        ("2014年6月15日", dt.date(2014, 6, 15), False),
        ("2014-09", dt.date(2014, 9, 30), False),
        ("2013年6月—2014年12月", dt.date(2014, 12, 31), False),
        ("长期", None, True),
        ("持续推进", None, True),
    ],
)
def test_it_resolves_a_deadline_field_value(value: str, date: dt.date | None, ongoing: bool) -> None:
    found = resolve_deadline(value, LUOHU)
    assert found is not None
    assert (found.text, found.date, found.ongoing) == (value, date, ongoing)


def test_it_returns_nothing_for_an_empty_or_unreadable_value() -> None:
    assert resolve_deadline("  ", LUOHU) is None
    assert resolve_deadline("另行通知", LUOHU) is None


def test_it_drops_impossible_months() -> None:
    assert find_deadlines("2014年13月底前", LUOHU) == []
