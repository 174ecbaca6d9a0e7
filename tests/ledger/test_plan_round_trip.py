"""Whatever tree ingest gives, the stored ledger gives the same tree back."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reformtrack.ingest.model import Chapter, Item, Measure, ParsedPlan
from reformtrack.ledger.models import Plan
from reformtrack.ledger.selectors import ProjectNode, plan_ledger
from reformtrack.ledger.services import plan_import

UNITS = ["区发改局", "区财政局", "团区委", "各街道办事处", "区 民政局"]
words = st.text(alphabet="改革创新推进建设机制", min_size=1, max_size=8)
measures = st.builds(Measure, text=words, lead_units=st.lists(st.sampled_from(UNITS), max_size=2))


def items(depth: int) -> st.SearchStrategy[Item]:
    children = st.lists(items(depth - 1), max_size=3) if depth > 1 else st.just([])
    return st.builds(
        Item,
        number=st.none() | st.integers(1, 50),
        label=st.sampled_from(["（一）", "1.", "（1）", ""]),
        title=words,
        text=words,
        measures=st.lists(
            st.builds(Measure, text=words, lead_units=st.lists(st.sampled_from(UNITS), max_size=2)),
            max_size=3,
        ),
        lead_units=st.lists(st.sampled_from(UNITS), max_size=3),
        co_units=st.lists(st.sampled_from(UNITS), max_size=2),
        children=children,
    )


plans = st.builds(
    ParsedPlan,
    title=words,
    chapters=st.lists(
        st.builds(Chapter, number=st.integers(1, 20), title=words, items=st.lists(items(3), max_size=3)),
        max_size=4,
    ),
)


def parsed_shape(item: Item) -> Any:
    return (item.label, item.title, [m.text for m in item.measures], [parsed_shape(c) for c in item.children])


def stored_shape(node: ProjectNode) -> Any:
    project = node.project
    return (
        project.label,
        project.title,
        [row.measure.text for row in node.measures],
        [stored_shape(c) for c in node.children],
    )


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parsed=plans)
def test_the_stored_tree_is_the_parsed_tree(parsed: ParsedPlan) -> None:
    Plan.objects.all().delete()
    plan = plan_import(parsed=parsed, source_bytes=b"round trip", filename="x.txt")

    ledger = plan_ledger(plan)

    assert [[stored_shape(p) for p in c.projects] for c in ledger.chapters] == [
        [parsed_shape(i) for i in c.items] for c in parsed.chapters
    ]

    def assert_levels(node: ProjectNode, level: int) -> None:
        assert node.project.level == level
        for child in node.children:
            assert child.project.parent_id == node.project.pk
            assert_levels(child, level + 1)

    for chapter in ledger.chapters:
        for node in chapter.projects:
            assert node.project.parent_id is None
            assert_levels(node, 1)
