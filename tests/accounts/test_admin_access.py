"""The coordinating office runs accounts and units in the admin; other staff get nothing there."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from reformtrack.accounts.choices import Role
from reformtrack.ledger.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_client(office_user: User, client: Client) -> Client:
    office_user.is_staff = True
    office_user.save()
    client.force_login(office_user)
    return client


def test_the_office_manages_people_and_units(office_client: Client, clerk_user: User) -> None:
    for url in [
        "/admin/",
        "/admin/auth/user/",
        f"/admin/auth/user/{clerk_user.pk}/change/",
        "/admin/ledger/unit/",
    ]:
        assert office_client.get(url).status_code == 200, url
    page = office_client.get(f"/admin/auth/user/{clerk_user.pk}/change/").content.decode()
    assert "区经济促进局" in page
    assert "is_superuser" not in page  # the office cannot hand out every right


def test_the_office_sets_a_persons_role_and_unit(office_client: Client, clerk_user: User) -> None:
    unit = Unit.objects.create(name="区民政局")
    profile = clerk_user.profile

    response = office_client.post(
        f"/admin/accounts/profile/{profile.pk}/change/",
        {"user": clerk_user.pk, "role": Role.UNIT_LEAD, "unit": unit.pk, "phone": "0755-1234"},
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    profile.refresh_from_db()
    assert (profile.role, profile.unit, profile.phone) == (Role.UNIT_LEAD, unit, "0755-1234")


def test_other_staff_are_kept_out(client: Client, make_user: Callable[..., User]) -> None:
    clerk = make_user("clerk", "区经济促进局")
    clerk.is_staff = True
    clerk.save()
    client.force_login(clerk)

    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/ledger/unit/").status_code == 403
