"""The list of studies: scoped to the reader, filtered, searched, paged, at a constant query count."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reformtrack.ledger.models import Project, Unit
from reformtrack.studies.models import Study
from reformtrack.studies.services import study_start

from .conftest import fill

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan

pytestmark = pytest.mark.django_db


def _studies(plan: Plan, office: User) -> list[Study]:
    return [study_start(project=project, by=office) for project in plan.projects.order_by("position")]


def _rows(client: Client, query: str = "") -> list[str]:
    page = client.get(reverse("studies:list") + query).content.decode()
    return [line for line in page.splitlines() if 'data-testid="study-row"' in line]


def test_a_clerk_lists_the_studies_of_their_units_projects(
    project: Project, other_project: Project, office_user: User, clerk_user: User, client: Client
) -> None:
    study_start(project=project, by=office_user)
    study_start(project=other_project, by=office_user)

    client.force_login(clerk_user)
    assert len(_rows(client)) == 1
    client.force_login(office_user)
    assert len(_rows(client)) == 2


def test_it_filters_by_status_plan_and_lead_unit_and_searches(
    project: Project, other_project: Project, office_user: User, client: Client
) -> None:
    study_start(project=project, by=office_user)
    other = study_start(project=other_project, by=office_user)
    Study.objects.filter(pk=other.pk).update(status="submitted", background="营商环境改革的背景")
    client.force_login(office_user)
    finance = Unit.objects.get(name="区财政局")

    assert len(_rows(client, "?status=submitted")) == 1
    assert len(_rows(client, f"?plan={project.plan_id}")) == 1
    assert len(_rows(client, f"?unit={finance.pk}")) == 1
    assert len(_rows(client, "?q=营商环境")) == 1
    assert len(_rows(client, "?q=没有这个词")) == 0


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["office_user", "clerk_user"])
def test_the_list_costs_the_same_queries_for_few_and_many_studies(
    role: str,
    store_plan: Callable[..., Plan],
    office_user: User,
    client: Client,
    request: pytest.FixtureRequest,
) -> None:
    kwargs: dict[str, Any] = {"chapters": 1, "children": 0, "measures": 0, "lead_units": ("区经济促进局",)}
    _studies(store_plan(b"small", projects=2, **kwargs), office_user)
    client.force_login(request.getfixturevalue(role))
    url = reverse("studies:list")
    client.get(url)
    few = _count(client, url)

    _studies(store_plan(b"large", projects=60, **kwargs), office_user)  # more than a page
    many = _count(client, url)
    second_page = _count(client, url + "?page=2")

    assert few == many == second_page, (few, many, second_page)
    assert len(_rows(client)) == 50


def test_the_study_page_costs_the_same_queries_for_a_short_and_a_long_record(
    filled: Study, clerk_user: User, client: Client
) -> None:
    client.force_login(clerk_user)
    url = reverse("studies:detail", args=[filled.pk])
    client.get(url)
    short = _count(client, url)
    for _ in range(5):
        filled.refresh_from_db()
        fill(filled, clerk_user)
    long = _count(client, url)

    assert short == long, (short, long)
