"""Sorting and pagination of the project library: 50 a page, stable order, filters kept across pages."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.models import Plan
from reformtrack.ledger.views import PAGE_SIZE

pytestmark = pytest.mark.django_db

BuildPlan = Callable[..., Plan]


@pytest.fixture
def office(client: Client, office_user: User) -> Client:
    client.force_login(office_user)
    return client


def page_ids(client: Client, **params: str | int) -> list[int]:
    response = client.get(reverse("ledger:project_list"), params)
    assert response.status_code == 200
    return [row.project.pk for row in response.context["rows"]]


def test_it_lists_in_plan_order_by_default(big_plan: BuildPlan, office: Client) -> None:
    plan = big_plan(20)

    assert page_ids(office) == list(plan.projects.order_by("position").values_list("pk", flat=True))


@pytest.mark.parametrize("sort", ["deadline", "-deadline", "progress", "-progress", "title", "status"])
def test_it_sorts(sort: str, big_plan: BuildPlan, office: Client) -> None:
    plan = big_plan(20)

    expected = list(plan.projects.order_by(sort, "plan_id", "position", "pk").values_list("pk", flat=True))
    assert page_ids(office, sort=sort) == expected


def test_it_pages_by_fifty_without_repeating_or_skipping(big_plan: BuildPlan, office: Client) -> None:
    plan = big_plan(PAGE_SIZE * 2 + 5)

    pages = [page_ids(office, sort="-progress", page=n) for n in (1, 2, 3)]

    assert [len(ids) for ids in pages] == [PAGE_SIZE, PAGE_SIZE, 5]
    seen = [pk for ids in pages for pk in ids]
    assert sorted(seen) == sorted(plan.projects.values_list("pk", flat=True))


def test_it_keeps_the_filters_in_the_page_links(big_plan: BuildPlan, office: Client) -> None:
    big_plan(PAGE_SIZE * 3)

    response = office.get(reverse("ledger:project_list"), {"q": "营销", "status": "", "page": "1"})
    assert response.context["page"].paginator.count < PAGE_SIZE  # one title in 8: 18 projects
    response = office.get(reverse("ledger:project_list"), {"sort": "title", "page": "2"})

    text = response.content.decode()
    assert 'data-testid="pagination"' in text
    assert "?sort=title&amp;page=3" in text


def test_it_shows_the_last_page_for_a_page_number_too_large(big_plan: BuildPlan, office: Client) -> None:
    big_plan(PAGE_SIZE + 1)

    assert len(page_ids(office, page=99)) == 1


def test_the_sort_choices_are_in_chinese_both_ways(big_plan: BuildPlan, office: Client) -> None:
    # django-filter words the descending choices itself, and ships no zh_Hans catalogue of its own
    big_plan(2)

    text = office.get(reverse("ledger:project_list")).content.decode()

    assert "descending" not in text
    assert "（降序）" in text
