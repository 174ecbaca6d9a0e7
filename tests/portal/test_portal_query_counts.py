"""The portal's pages cost the same number of queries for 10 and for 200 projects (and plans)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .conftest import build_public_plan

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan

pytestmark = pytest.mark.django_db

# Queries per page, session included (an anonymous visitor with a language cookie has none).
# the project page: + the citizens' rating panel (the summary, the office's rating rules, whether the
# project is open for rating, the published comments)
BUDGET = {"home": 7, "plan": 5, "project": 10}  # home: + the open award votes


def _url(page: str, plan: Plan) -> str:
    first = plan.projects.order_by("position").first()
    assert first is not None
    return {
        "home": reverse("portal:home"),
        "plan": reverse("portal:plan", args=[plan.pk]),
        "project": reverse("portal:project", args=[first.pk]),
    }[page]


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("page", sorted(BUDGET))
def test_a_public_page_costs_the_same_for_10_and_200_projects(
    page: str, client: Client, office_user: User
) -> None:
    small = build_public_plan(10, office=office_user, title="小方案")
    client.get(_url(page, small))  # warm caches before counting
    small_count = _count(client, _url(page, small))

    large = build_public_plan(200, office=office_user, title="大方案")
    for i in range(3):  # more plans on the home page too
        build_public_plan(2, office=office_user, title=f"另一方案{i}")
    large_count = _count(client, _url(page, large))

    assert small_count == large_count, f"{page}: {small_count} queries for 10, {large_count} for 200"
    assert large_count <= BUDGET[page], f"{page}: {large_count} queries, budget {BUDGET[page]}"
