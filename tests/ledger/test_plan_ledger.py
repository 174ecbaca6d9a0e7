"""plan_ledger assembles the whole ledger tree in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytest_django import DjangoAssertNumQueries

from reformtrack.ingest.model import ParsedPlan
from reformtrack.ledger.selectors import plan_ledger
from reformtrack.ledger.services import plan_import

MakePlan = Callable[..., ParsedPlan]

pytestmark = pytest.mark.django_db

LEDGER_QUERIES = 8  # + the chapters' own targets


def test_it_builds_the_tree_in_printed_order(make_plan: MakePlan) -> None:
    plan = plan_import(parsed=make_plan(chapters=2, projects=2, children=2), source_bytes=b"x", filename="x")

    ledger = plan_ledger(plan)

    assert [node.chapter.number for node in ledger.chapters] == [1, 2]
    first = ledger.chapters[0].projects[0]
    assert first.project.title == "项目1-1"
    assert [child.project.title for child in first.children] == ["子项1-1-1", "子项1-1-2"]
    assert [node.project.title for node in ledger.projects()][:4] == [
        "项目1-1",
        "子项1-1-1",
        "子项1-1-2",
        "项目1-2",
    ]
    assert len(list(ledger.projects())) == 2 * 2 * 3


def test_it_splits_units_by_role(make_plan: MakePlan) -> None:
    plan = plan_import(parsed=make_plan(chapters=1, projects=1, children=0), source_bytes=b"x", filename="x")

    node = next(plan_ledger(plan).projects())

    assert [unit.name for unit in node.lead_units] == ["区发改局", "区财政局"]
    assert [unit.name for unit in node.co_units] == ["各街道办事处"]
    assert [unit.name for unit in node.measures[0].lead_units] == ["区经济促进局"]
    assert node.measures[1].lead_units == []
    assert [target.text for target in node.targets] == ["打造2至3个网商集聚区"]


def test_it_takes_the_same_queries_for_a_small_and_a_large_plan(
    make_plan: MakePlan, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    small = plan_import(
        parsed=make_plan(chapters=1, projects=1, measures=1, children=0), source_bytes=b"s", filename="s"
    )
    large = plan_import(
        parsed=make_plan(chapters=8, projects=6, measures=5, children=3), source_bytes=b"l", filename="l"
    )

    for plan in (small, large):
        with django_assert_num_queries(LEDGER_QUERIES):
            ledger = plan_ledger(plan.pk)
            # touch everything a renderer touches
            for node in ledger.projects():
                _ = [u.name for u in node.lead_units + node.co_units]
                _ = [t.text for t in node.targets]
                _ = [(row.measure.text, [u.name for u in row.lead_units]) for row in node.measures]
