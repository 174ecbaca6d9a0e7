"""The order pages: a unit sees only its orders; the list's query count does not grow with rows."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from reformtrack.ledger.models import Project, Unit
from reformtrack.supervision.models import SupervisionOrder

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .conftest import IssueOrder

pytestmark = pytest.mark.django_db


def _orders(n: int, unit: Unit, project: Project, by: User) -> None:
    start = SupervisionOrder.objects.count()
    SupervisionOrder.objects.bulk_create(
        SupervisionOrder(
            year=2014,
            sequence=start + i + 1,
            issued_by=by,
            issuing_office="coordinating",
            unit=unit,
            project=project,
            measure=project.measures.first(),
            reason="进度滞后",
            requirements="限期整改",
            response_due=dt.date(2014, 7, 1),
            grade="blue",
        )
        for i in range(n)
    )


def test_it_shows_a_unit_only_its_own_orders(
    issue: IssueOrder,
    project: Project,
    other_project: Project,
    own_unit: Unit,
    other_unit: Unit,
    client: Client,
    clerk_user: User,
) -> None:
    own = issue(unit=own_unit, project=project)
    other = issue(unit=other_unit, project=other_project)
    client.force_login(clerk_user)

    page = client.get(reverse("supervision:order_list")).content.decode()

    assert own.number in page and other.number not in page
    assert client.get(reverse("supervision:order_detail", args=[other.pk])).status_code == 404
    response = client.post(reverse("supervision:order_respond", args=[other.pk]), {"text": "冒名回复"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == "issued"


def test_it_filters_by_status_grade_and_unit(
    issue: IssueOrder,
    project: Project,
    other_project: Project,
    own_unit: Unit,
    other_unit: Unit,
    client: Client,
    supervision_user: User,
) -> None:
    blue = issue(unit=own_unit, project=project)
    red = issue(unit=other_unit, project=other_project, grade="red")
    client.force_login(supervision_user)
    url = reverse("supervision:order_list")

    by_grade = client.get(url, {"grade": "red"}).content.decode()
    by_unit = client.get(url, {"unit": own_unit.pk}).content.decode()
    by_status = client.get(url, {"status": "closed"}).content.decode()

    assert red.number in by_grade and blue.number not in by_grade
    assert blue.number in by_unit and red.number not in by_unit
    assert blue.number not in by_status and red.number not in by_status


def test_it_answers_and_closes_through_the_pages(
    issue: IssueOrder, project: Project, own_unit: Unit, client: Client, clerk_user: User, office_user: User
) -> None:
    order = issue(unit=own_unit, project=project)
    client.force_login(clerk_user)
    response = client.post(reverse("supervision:order_respond", args=[order.pk]), {"text": "已整改"})
    assert response.status_code == 302
    client.force_login(office_user)
    client.post(reverse("supervision:order_close", args=[order.pk]), {"confirm": "yes"})

    order.refresh_from_db()
    assert (order.status, order.response) == ("closed", "已整改")
    assert "已整改" in client.get(reverse("supervision:order_detail", args=[order.pk])).content.decode()


def test_it_issues_through_the_form(
    project: Project, own_unit: Unit, client: Client, office_user: User
) -> None:
    client.force_login(office_user)
    response = client.post(
        reverse("supervision:order_issue"),
        {
            "project": project.pk,
            "unit": own_unit.pk,
            "grade": "yellow",
            "reason": "质量不高",
            "requirements": "重新报送",
            "response_due": "2014-08-01",
        },
    )

    order = SupervisionOrder.objects.get()
    assert response.status_code == 302 and order.grade == "yellow" and order.issued_by == office_user


# session, user, profile, years, count, page (the nav and the filters cost nothing more per row)
LIST_BUDGET = {"office_user": 7, "clerk_user": 7}  # with the bell's unread count


@pytest.mark.parametrize("user_fixture", ["office_user", "clerk_user"])
def test_it_lists_10_and_100_orders_in_the_same_number_of_queries(
    user_fixture: str,
    project: Project,
    own_unit: Unit,
    client: Client,
    office_user: User,
    request: pytest.FixtureRequest,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    client.force_login(request.getfixturevalue(user_fixture))
    url = reverse("supervision:order_list")
    _orders(10, own_unit, project, office_user)
    for count in (10, 90):
        _orders(count, own_unit, project, office_user)
        with django_assert_num_queries(LIST_BUDGET[user_fixture]):
            assert client.get(url).status_code == 200
