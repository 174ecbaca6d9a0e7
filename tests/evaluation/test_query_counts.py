"""The evaluation pages cost the same number of queries whatever the number of evaluations,
assignments, criteria and reviewers."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reformtrack.evaluation import services, services_panel
from reformtrack.evaluation.models import Evaluation
from reformtrack.ledger.models import Plan

from .conftest import CLERK_UNIT, COUNIT_UNIT, with_panel

pytestmark = pytest.mark.django_db


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _evaluations(store_plan: Callable[..., Plan], office: User, how_many: int) -> list[Evaluation]:
    plan = store_plan(
        b"many", chapters=2, projects=3, children=0, lead_units=(CLERK_UNIT,), co_units=(COUNIT_UNIT,)
    )
    projects = list(plan.projects.order_by("position"))[:how_many]
    return [services.evaluation_open(project=project, by=office) for project in projects]


@pytest.mark.parametrize("role", ["office_user", "clerk_user"])
def test_the_list_costs_the_same_for_one_evaluation_and_six(
    role: str,
    store_plan: Callable[..., Plan],
    office_user: User,
    client: Client,
    request: pytest.FixtureRequest,
) -> None:
    client.force_login(request.getfixturevalue(role))
    url = reverse("evaluation:list")
    _evaluations(store_plan, office_user, 1)
    one = _count(client, url)
    for project in Plan.objects.get().projects.exclude(evaluation__isnull=False):
        services.evaluation_open(project=project, by=office_user)

    assert Evaluation.objects.count() == 6
    assert _count(client, url) == one


def test_an_experts_assignments_cost_the_same_for_one_and_six(
    store_plan: Callable[..., Plan], office_user: User, client: Client
) -> None:
    expert = services_panel.expert_create(
        by=office_user, username="expert-q", name="专家", password="Zq8#long-enough"
    )
    evaluations = _evaluations(store_plan, office_user, 6)
    services_panel.reviewer_invite(evaluation=evaluations[0], by=office_user, reviewer=expert)
    client.force_login(expert)
    one = _count(client, reverse("evaluation:mine"))
    for evaluation in evaluations[1:]:
        services_panel.reviewer_invite(evaluation=evaluation, by=office_user, reviewer=expert)

    assert _count(client, reverse("evaluation:mine")) == one


def test_the_evaluation_page_costs_the_same_for_two_criteria_and_one_reviewer_as_for_more(
    evaluation: Evaluation, office_user: User, clerk_user: User, outsider_clerk: User, client: Client
) -> None:
    with_panel(evaluation, office_user, clerk_user, [outsider_clerk])
    client.force_login(office_user)
    url = reverse("evaluation:detail", args=[evaluation.pk])
    few = _count(client, url)
    for number in range(3):
        expert = services_panel.expert_create(
            by=office_user, username=f"expert-{number}", name="专家", password="Zq8#long-enough"
        )
        services_panel.reviewer_invite(evaluation=evaluation, by=office_user, reviewer=expert)
        services_panel.criterion_add(
            evaluation=evaluation, by=office_user, name=f"标准{number}", weight=Decimal(10)
        )

    assert _count(client, url) == few
