"""Item and measure deadlines: a stated 完成时限 wins, conditions set none, 上旬/年中 resolve to a day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reformtrack.ingest.build import build_plan
from reformtrack.ingest.model import Item, ParsedPlan

PLAN = Path(__file__).parents[1] / "fixtures" / "plans" / "headless_items_plan.txt"


@pytest.fixture(scope="module")
def plan() -> ParsedPlan:
    return build_plan(PLAN.read_text(encoding="utf-8"))


def item(plan: ParsedPlan, chapter: int, label: str, *, child: str | None = None) -> Item:
    (found,) = [i for i in plan.chapters[chapter - 1].items if i.label == label]
    if child is not None:
        (found,) = [c for c in found.children if c.label == child]
    return found


def due(found: Item) -> tuple[dt.date | None, str]:
    return found.deadline, found.deadline_text


def test_a_time_limit_in_the_annotation_wins_over_a_later_date_in_the_text(plan: ParsedPlan) -> None:
    # （牵头单位：省司法厅；完成时限：2024年6月底前） after a text that says 2025年底前
    second = item(plan, 2, "（二）")

    assert due(second) == (dt.date(2024, 6, 30), "2024年6月底前")
    assert [(m.deadline, m.deadline_text) for m in second.measures] == [
        (dt.date(2024, 6, 30), "2024年6月底前")
    ]


def test_a_time_limit_line_wins_over_body_dates_and_penalty_spans(plan: ParsedPlan) -> None:
    # the text holds 3年以内 (a condition), 连续2年, 3年内不得申报 (a penalty) and 2025年底前
    third = item(plan, 2, "（三）")

    assert due(third) == (dt.date(2024, 12, 31), "2024年12月底前")
    assert third.measures[0].deadline == dt.date(2024, 12, 31)


def test_a_completion_time_in_the_annotation_wins_over_the_start_of_a_month(plan: ParsedPlan) -> None:
    # 于2024年9月初建成… （…；完成时间：2024年10月中旬）
    fifth = item(plan, 2, "（五）")

    assert due(fifth) == (dt.date(2024, 10, 20), "2024年10月中旬")


def test_a_stated_clause_wins_and_procedure_spans_set_nothing(plan: ParsedPlan) -> None:
    # 在政策出台之日起15日内…，对连续3年…，每年年初…，完成时间为2024年12月底前。
    publicity = item(plan, 3, "（二）")

    assert due(publicity) == (dt.date(2024, 12, 31), "2024年12月底前")


def test_without_a_stated_deadline_the_last_date_of_the_text_is_due(plan: ParsedPlan) -> None:
    # 2024年7月上旬前 … 2024年年中前
    fourth = item(plan, 2, "（四）")

    assert due(fourth) == (dt.date(2024, 7, 10), "2024年7月上旬前")
    assert due(item(plan, 2, "（六）", child="2.")) == (dt.date(2024, 8, 31), "2024年8月下旬前")
    assert due(item(plan, 2, "（六）")) == (dt.date(2024, 12, 31), "2024年底前")  # its sub-items' last


def test_each_measure_keeps_its_first_date_beside_its_text(plan: ParsedPlan) -> None:
    measure = item(plan, 2, "（六）", child="2.").measures[0]

    assert (measure.deadline, measure.deadline_text) == (dt.date(2024, 8, 31), "2024年8月下旬前")
    assert measure.deadline_text in measure.text


def test_no_deadline_comes_from_a_condition_or_a_penalty(plan: ParsedPlan) -> None:
    texts = [m.deadline_text for i in plan.items() for m in i.measures] + [
        i.deadline_text for i in plan.items()
    ]

    assert not any("年内" in text or "年以内" in text or "日内" in text for text in texts), texts


def test_a_sample_style_plan_keeps_its_deadlines() -> None:
    text = (
        "某区改革方案\n一、重点任务\n"
        "（一）建设网上办事大厅。于2013年底前建设完善网上办事大厅，2014年上半年形成长效机制。"
        "（牵头单位：区政务办）\n"
        "（二）推进简政放权。3年内完成审批事项清理。（牵头单位：区编办）\n"
        "区人民政府\n2013年5月20日\n"
    )
    plan = build_plan(text)
    first, second = plan.chapters[0].items

    assert due(first) == (dt.date(2014, 6, 30), "2014年上半年")
    assert due(second) == (dt.date(2015, 12, 31), "3年内")


def test_a_clause_that_only_states_a_time_limit_dates_the_measures_before_it() -> None:
    text = (
        "某区方案\n一、重点任务\n"
        "（一）推进清理。开展涉企收费清理，2025年底前全面完成；完成时限：2024年底前。（牵头单位：区发改局）\n"
        "区人民政府\n2024年3月5日\n"
    )
    (first,) = build_plan(text).items()

    assert due(first) == (dt.date(2024, 12, 31), "2024年底前")
    assert [(m.text, m.deadline, m.lead_units) for m in first.measures] == [
        ("开展涉企收费清理，2025年底前全面完成", dt.date(2024, 12, 31), ["区发改局"])
    ]
