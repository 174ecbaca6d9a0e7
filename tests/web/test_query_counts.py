"""Every list page and the dashboard cost the same number of queries for 10 and for 1,000 projects.

Each page is requested for a plan of 10 projects, then for a plan of 1,000 (both built with
bulk_create); the two counts must be equal and within the page's budget, so an N+1 query fails here.
The Excel export reads the projects in chunks of ``EXPORT_CHUNK`` (bounded memory, bounded IN
lists): it costs its budget plus four prefetch queries per further chunk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reformtrack.ledger.library_export import EXPORT_CHUNK
from reformtrack.ledger.models import Plan, Unit
from reformtrack.ledger.services import milestone_create, milestone_update, project_update

pytestmark = pytest.mark.django_db

BuildPlan = Callable[..., Plan]

# Queries per page, session and user included, and the bell's unread count (base.html). A unit
# role's visibility filter is a subquery, not an extra query, so the budgets hold for every role.
BUDGET = {
    # + the bell's unread count, the status lights per chapter, the targets' achievement, overdue measures,
    # the targets the chapters state
    "dashboard": 17,
    "project_list": 15,  # + the tag filter's choices, the rows' tags, the tag facets
    "project_list_search": 16,  # the unit filter checks its value: one query more
    # + the extension requests of the projects shown, + the tag filter's choices, + the amendments'
    # marks of the rows and the projects dropped by amendments
    "roadmap": 16,
    "unit_list": 6,
    "unit_detail": 14,  # + the units merged into it, + a COUNT for each of its two paged tables
    # a reform lead's or clerk's: + what the unit owes (reports owed 3, orders 1), the overdue count
    "my_work": 14,
    # + the light's changes, the extensions, may the unit ask, tags, their history, the amendments'
    # changes of the project and their units' names, the pre-decision study and the evaluation panels
    "project_detail": 26,
    "project_history": 10,
}
EXPORT_BUDGET = 10  # one COUNT decides between the download and a background job
EXPORT_PREFETCHES = 4  # project units, targets, measures, measure units


def url_of(page: str, plan: Plan) -> str:
    unit = Unit.objects.get(name="区经济促进局")
    first = plan.projects.order_by("position").first()
    assert first is not None
    return {
        "dashboard": reverse("web:dashboard") + f"?plan={plan.pk}",
        "project_list": reverse("ledger:project_list") + f"?plan={plan.pk}&sort=-deadline",
        "project_list_search": reverse("ledger:project_list")
        + f"?plan={plan.pk}&q=优化环境&unit={unit.pk}&status=in_progress&needs_review=false",
        "roadmap": reverse("web:roadmap") + f"?plan={plan.pk}",
        "unit_list": reverse("ledger:unit_list"),
        "unit_detail": reverse("ledger:unit_detail", args=[unit.pk]),
        "my_work": reverse("web:my_work"),
        "project_detail": reverse("web:project_detail", args=[first.pk]),
        "project_history": reverse("web:project_history", args=[first.pk]),
    }[page]


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("page", BUDGET)
@pytest.mark.parametrize("role", ["office_user", "clerk_user"])
def test_it_costs_the_same_queries_for_10_and_1000_projects(
    page: str, role: str, big_plan: BuildPlan, client: Client, request: pytest.FixtureRequest
) -> None:
    user: User = request.getfixturevalue(role)
    client.force_login(user)
    small = big_plan(10, title="小方案")
    client.get(url_of(page, small))  # warm caches (content types, jieba) before counting

    small_count = count(client, url_of(page, small))
    large = big_plan(1000, title="大方案")
    large_count = count(client, url_of(page, large))

    assert small_count == large_count, f"{page}: {small_count} queries for 10, {large_count} for 1000"
    assert large_count <= BUDGET[page], f"{page}: {large_count} queries, budget {BUDGET[page]}"


@pytest.mark.parametrize("role", ["office_user", "clerk_user"])
def test_the_export_costs_four_queries_per_chunk(
    role: str, big_plan: BuildPlan, client: Client, request: pytest.FixtureRequest
) -> None:
    client.force_login(request.getfixturevalue(role))
    url = reverse("web:project_export") + "?plan={}"
    small = big_plan(10, title="小方案")
    count(client, url.format(small.pk))

    small_count = count(client, url.format(small.pk))
    large = big_plan(1000, title="大方案")
    large_count = count(client, url.format(large.pk))

    chunks = -(-1000 // EXPORT_CHUNK)
    assert small_count <= EXPORT_BUDGET
    assert large_count == small_count + EXPORT_PREFETCHES * (chunks - 1)


def test_the_history_page_costs_the_same_queries_for_a_short_and_a_long_history(
    big_plan: BuildPlan, client: Client, office_user: User
) -> None:
    client.force_login(office_user)
    project = big_plan(10, title="小方案").projects.order_by("position").first()
    assert project is not None
    url = reverse("web:project_history", args=[project.pk])
    project = project_update(project=project, by=office_user, version=project.version, progress=1)
    client.get(url)
    few = count(client, url)

    for i in range(2, 14):
        project = project_update(project=project, by=office_user, version=project.version, progress=i)
        day = dt.date(2025, 1, i)
        milestone = milestone_create(project=project, by=office_user, date=day, title=f"节点{i}")
        milestone_update(milestone=milestone, by=office_user, done=True)
    many = count(client, url)

    assert few == many <= BUDGET["project_history"], f"{few} queries, then {many}"
