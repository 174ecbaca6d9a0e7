"""Timeframes: deadline phrases found in text and resolved against the plan period."""

from __future__ import annotations

import datetime as dt

import pytest

from reformtrack.ingest.timeframes import (
    Deadline,
    PlanPeriod,
    find_deadlines,
    find_stated_deadline,
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


# --- parts of a month or a year, conditions, stated deadlines -----------------------------------

PROVINCE = PlanPeriod(start_year=2024, end_year=2026, issued=dt.date(2024, 3, 5))


@pytest.mark.parametrize(
    ("text", "phrase", "date"),
    [
        ("于2024年6月初完成", "于2024年6月初", dt.date(2024, 6, 10)),
        ("2024年7月上旬前上线", "2024年7月上旬前", dt.date(2024, 7, 10)),
        ("2024年7月中旬召开", "2024年7月中旬", dt.date(2024, 7, 20)),
        ("2024年9月中前报送", "2024年9月中前", dt.date(2024, 9, 20)),
        ("2024年8月下旬前完成", "2024年8月下旬前", dt.date(2024, 8, 31)),
        ("2028年2月底前", "2028年2月底前", dt.date(2028, 2, 29)),
        ("2025年初前出台", "2025年初前", dt.date(2025, 3, 31)),
        ("2024年年中前实现", "2024年年中前", dt.date(2024, 6, 30)),
        ("今年年中前完成", "今年年中前", dt.date(2024, 6, 30)),
        ("明年初启动", "明年初", dt.date(2025, 3, 31)),
        ("年中前完成评估", "年中前", dt.date(2024, 6, 30)),
    ],
)
def test_it_resolves_parts_of_months_and_years_to_a_stated_day(text: str, phrase: str, date: dt.date) -> None:
    found = only(text, PROVINCE)
    assert (found.text, found.date) == (phrase, date)


def test_a_start_of_year_already_past_at_issue_is_next_years() -> None:
    late = PlanPeriod(start_year=2024, end_year=2026, issued=dt.date(2024, 7, 1))
    assert only("年初启动", late).date == dt.date(2025, 3, 31)


@pytest.mark.parametrize(
    "text",
    ["2024年中国际展会", "2024年中小企业发展", "2024年初步建成", "2024年6月初步形成", "每年年初通报"],
)
def test_words_starting_with_chu_or_zhong_are_no_parts_of_a_year(text: str) -> None:
    assert find_deadlines(text, PROVINCE) == []


@pytest.mark.parametrize(
    "text",
    [
        "受到行政处罚的企业3年内不得申报省级示范企业",
        "近3年内无重大违法记录的企业",
        "对新设立3年以内的企业实行包容审慎监管",
        "成立5年以内的科技型中小企业",
        "对连续2年评价靠后的地区进行约谈",
        "任职满2年的干部",
        "自受理之日起15日内办结",
        "6个月内不得再次申请",
        "3年内有违法违规记录的企业",
    ],
)
def test_spans_inside_conditions_and_penalties_are_no_deadlines(text: str) -> None:
    assert find_deadlines(text, PROVINCE) == []


def test_a_counted_span_that_ends_the_work_is_still_a_deadline() -> None:
    assert only("力争3年内建成省级示范区", PROVINCE).date == dt.date(2026, 12, 31)
    assert only("6个月内完成清理", PROVINCE).date == dt.date(2024, 9, 30)
    assert only("3年内有序推进", PROVINCE).date == dt.date(2026, 12, 31)


@pytest.mark.parametrize(
    ("text", "value", "date"),
    [
        ("完成时限：2024年6月底前", "2024年6月底前", dt.date(2024, 6, 30)),
        ("对连续3年靠后的地区约谈，完成时间为2024年12月底前。", "2024年12月底前", dt.date(2024, 12, 31)),
        ("时间节点：2024年10月中旬", "2024年10月中旬", dt.date(2024, 10, 20)),
        ("完成时限：长期", "长期", None),
    ],
)
def test_it_finds_a_deadline_stated_with_a_label(text: str, value: str, date: dt.date | None) -> None:
    found = find_stated_deadline(text, PROVINCE)
    assert found is not None
    assert (found.text, found.date) == (value, date)
    assert text[found.start : found.end] == value


def test_a_text_without_a_label_states_no_deadline() -> None:
    assert find_stated_deadline("2025年底前实现全覆盖", PROVINCE) is None
    assert find_stated_deadline("完成时限：待定", PROVINCE) is None
    assert find_stated_deadline("审批完成时间由2023年的30日压缩至2024年的10日", PROVINCE) is None
    assert find_stated_deadline("明确时间节点，倒排工期", PROVINCE) is None
