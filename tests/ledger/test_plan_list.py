"""plan_list gives every plan with its counts in one query."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytest_django import DjangoAssertNumQueries

from reformtrack.ledger.models import Plan
from reformtrack.ledger.selectors import plan_list

pytestmark = pytest.mark.django_db


def test_it_counts_projects_and_measures(
    store_plan: Callable[..., Plan], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    big = store_plan(b"a", chapters=2, projects=2, measures=3, children=1)
    small = store_plan(b"b", chapters=1, projects=1, measures=1, children=0)

    with django_assert_num_queries(1):
        counts = {p.pk: (p.project_count, p.measure_count, p.source.filename) for p in plan_list()}

    assert counts == {
        small.pk: (1, 1, "plan.txt"),
        big.pk: (2 * 2 * 2, 2 * 2 * 3 + 2 * 2 * 1, "plan.txt"),
    }
