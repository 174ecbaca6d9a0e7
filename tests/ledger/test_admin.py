"""The admin serves the master data: the unit registry and the plans."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from reformtrack.ledger.choices import UnitKind
from reformtrack.ledger.models import Plan, Unit, UnitAlias

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(admin_user: User) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


def test_it_lists_units_and_plans(admin_client_: Client, store_plan: Callable[..., Plan]) -> None:
    plan = store_plan()

    units = admin_client_.get("/admin/ledger/unit/")
    plans = admin_client_.get("/admin/ledger/plan/")
    page = admin_client_.get(f"/admin/ledger/plan/{plan.pk}/change/")

    assert units.status_code == plans.status_code == page.status_code == 200
    assert "区发改局" in units.content.decode()
    assert plan.title in plans.content.decode()
    assert "plan.txt" in page.content.decode()


def test_the_unit_list_takes_the_same_queries_for_more_units(
    admin_client_: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for n in range(30):
        Unit.objects.create(name=f"区第{n}局", kind=UnitKind.GOVERNMENT)

    with django_assert_max_num_queries(12):
        assert admin_client_.get("/admin/ledger/unit/").status_code == 200


def test_it_stores_alias_names_normalised(admin_client_: Client) -> None:
    response = admin_client_.post(
        "/admin/ledger/unit/add/",
        {
            "name": " 区 发改局 ",
            "kind": UnitKind.GOVERNMENT,
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-name": "区发展和改革局；",
        },
    )

    assert response.status_code == 302, response.content.decode()
    unit = Unit.objects.get()
    assert unit.name == "区发改局"
    assert UnitAlias.objects.get().name == "区发展和改革局"


def test_plans_cannot_be_added_by_hand(admin_client_: Client) -> None:
    assert admin_client_.get("/admin/ledger/plan/add/").status_code == 403


def test_it_keeps_out_users_who_are_not_staff(client: Client, django_user_model: type[User]) -> None:
    client.force_login(django_user_model.objects.create_user("outsider"))

    response = client.get("/admin/ledger/unit/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
