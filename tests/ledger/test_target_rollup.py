"""Achievement rolled up to project, chapter and plan: the mean of the targets that have one, in one
query whatever the number of targets and values; a user's roll-up counts only what they see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reformtrack.ledger.models import Plan, Project, Target, TargetValue
from reformtrack.ledger.selectors_targets import plan_achievement

pytestmark = pytest.mark.django_db

TODAY = dt.date(2014, 7, 1)


@pytest.fixture
def plan(store_plan: Callable[..., Plan]) -> Plan:
    """Two chapters of two projects (and a sub-item each), one target 2至3个 on every item."""
    return store_plan(lead_units=("区经济促进局",), co_units=())


def _value(project: Project, value: int, day: dt.date = dt.date(2014, 6, 30)) -> None:
    TargetValue.objects.create(target=project.targets.get(), date=day, value=Decimal(value))


def test_it_is_the_mean_of_the_targets_with_a_value(plan: Plan) -> None:
    first, second, third = plan.projects.filter(level=1).order_by("position")[:3]
    _value(first, 1, dt.date(2013, 6, 30))
    _value(first, 2)  # the latest counts: 100 %
    _value(second, 1)  # 50 %
    _value(third, 0)  # 0 %, in the second chapter

    rollup = plan_achievement(plan, today=TODAY)

    assert rollup.projects[first.pk] == 100.0 and rollup.projects[second.pk] == 50.0
    assert rollup.chapters[first.chapter_id] == 75.0
    assert rollup.chapters[third.chapter_id] == 0.0
    assert rollup.plan == pytest.approx(50.0)
    assert (rollup.targets, rollup.known) == (Target.objects.filter(project__plan=plan).count(), 3)


def test_without_values_nothing_is_known(plan: Plan) -> None:
    rollup = plan_achievement(plan, today=TODAY)
    assert rollup.plan is None and rollup.known == 0 and set(rollup.chapters.values()) == {None}


def test_a_users_rollup_counts_what_they_see(
    plan: Plan, store_plan: Callable[..., Plan], clerk_user: User
) -> None:
    other = store_plan(
        b"other", title="另一个方案", chapters=1, projects=1, children=0, lead_units=("区发改局",)
    )
    _value(plan.projects.filter(level=1).order_by("position")[0], 2)
    _value(other.projects.get(), 0)

    assert (
        plan_achievement(other, today=TODAY, within=Project.objects.restrict(clerk_user, "view")).known == 0
    )
    assert (
        plan_achievement(plan, today=TODAY, within=Project.objects.restrict(clerk_user, "view")).plan == 100.0
    )


def test_it_costs_one_query_whatever_the_number_of_targets_and_values(plan: Plan) -> None:
    with CaptureQueriesContext(connection) as few:
        plan_achievement(plan, today=TODAY)
    for project in plan.projects.all():
        Target.objects.bulk_create(
            Target(project=project, text=f"新增{i}家企业", min_value=10, unit="家", position=10 + i)
            for i in range(5)
        )
    TargetValue.objects.bulk_create(
        TargetValue(target=t, date=dt.date(2014, m, 1), value=Decimal(m))
        for t in Target.objects.filter(project__plan=plan)
        for m in range(1, 7)
    )
    with CaptureQueriesContext(connection) as many:
        rollup = plan_achievement(plan, today=TODAY)

    assert len(few) == len(many) == 1
    assert rollup.known == rollup.targets > 30
