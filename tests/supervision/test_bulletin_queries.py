"""Gathering a bulletin and listing bulletins cost the same queries for small and large data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reformtrack.ledger.models import Measure, Plan, Project
from reformtrack.reporting.models import ReportingCycle
from reformtrack.supervision.bulletin import bulletin_sections
from reformtrack.supervision.models import Bulletin

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .conftest import IssueOrder

pytestmark = pytest.mark.django_db

GENERATION_BUDGET = 20
LIST_BUDGET = 8


def generation_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        bulletin_sections(start=dt.date(2014, 1, 1), end=dt.date(2014, 6, 30))
    return len(queries)


def test_generation_costs_the_same_for_10_and_100_projects(
    store_plan: Callable[..., Plan], issue: IssueOrder, office_user: User
) -> None:
    def grow(source: bytes, projects: int) -> None:
        plan = store_plan(source, chapters=2, projects=projects // 2, children=0, measures=2)
        Measure.objects.filter(project__plan=plan).update(deadline=dt.date(2014, 3, 1))
        ReportingCycle.objects.create(
            plan=plan, name="月报", start=dt.date(2014, 1, 1), end=dt.date(2014, 12, 31)
        )
        first = plan.projects.order_by("position").first()
        assert first is not None
        unit = first.units.first()
        assert unit is not None
        issue(unit=unit, project=first, response_due=dt.date(2014, 2, 1))

    grow(b"small", 10)
    small = generation_queries()
    grow(b"large", 100)
    large = generation_queries()

    assert Project.objects.count() == 110
    assert small == large, f"{small} queries for 10 projects, {large} for 110"
    assert large <= GENERATION_BUDGET


@pytest.mark.parametrize("role", ["office_user", "clerk_user"])
def test_the_list_costs_the_same_for_few_and_many_bulletins(
    role: str, client: Client, office_user: User, request: pytest.FixtureRequest
) -> None:
    client.force_login(request.getfixturevalue(role))
    url = reverse("supervision:bulletin_list")

    def add(count: int) -> None:
        Bulletin.objects.bulk_create(
            Bulletin(
                title=f"通报{n}",
                period_start=dt.date(2014, 1, 1),
                period_end=dt.date(2014, 3, 31),
                status="published",
                year=2014 + n // 100000,
                sequence=Bulletin.objects.count() + n + 1,
                issued_by=office_user,
                created_by=office_user,
            )
            for n in range(count)
        )

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add(2)
    client.get(url)
    few = count()
    add(120)
    many = count()

    assert few == many <= LIST_BUDGET
