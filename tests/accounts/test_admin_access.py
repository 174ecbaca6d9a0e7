"""The coordinating office runs accounts and units in the admin; other staff get nothing there.

The office manages the programme's accounts only: a superuser's or a staff account's pages answer
404 to it, and nothing it posts gives an account rights (superuser, staff, groups, permissions).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client

from reformtrack.accounts.choices import Role
from reformtrack.accounts.models import Profile
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


@pytest.fixture
def privileged(make_user: Callable[..., User]) -> dict[str, User]:
    """A superuser and a staff account (a colleague of the office: office accounts are staff)."""
    colleague = make_user(Role.OFFICE, username="colleague")
    colleague.is_staff = True
    colleague.save()
    return {
        "superuser": User.objects.create_superuser("root", password="Root-pass-123456"),
        "staff": colleague,
    }


@pytest.mark.parametrize("kind", ["superuser", "staff"])
def test_it_refuses_the_office_the_pages_of_superusers_and_staff(
    office_client: Client, privileged: dict[str, User], kind: str
) -> None:
    account = privileged[kind]
    before = User.objects.values().get(pk=account.pk)

    for page in ("change", "password", "delete", "history"):
        url = f"/admin/auth/user/{account.pk}/{page}/"
        assert office_client.get(url).status_code == 404, url
    posted = office_client.post(
        f"/admin/auth/user/{account.pk}/password/",
        {"password1": "Hijacked-pass-987", "password2": "Hijacked-pass-987", "usable_password": "true"},
    )
    assert posted.status_code == 404
    assert office_client.post(f"/admin/auth/user/{account.pk}/delete/", {"post": "yes"}).status_code == 404
    profile = getattr(account, "profile", None)
    if profile is not None:
        assert office_client.get(f"/admin/accounts/profile/{profile.pk}/change/").status_code == 404

    listing = office_client.get("/admin/auth/user/").content.decode()
    assert f"/admin/auth/user/{account.pk}/change/" not in listing
    assert User.objects.values().get(pk=account.pk) == before


def test_the_office_resets_the_password_of_a_programme_account(
    office_client: Client, clerk_user: User
) -> None:
    url = f"/admin/auth/user/{clerk_user.pk}/password/"
    assert office_client.get(url).status_code == 200

    office_client.post(
        url, {"password1": "New-pass-98765", "password2": "New-pass-98765", "usable_password": "true"}
    )

    clerk_user.refresh_from_db()
    assert clerk_user.check_password("New-pass-98765")


def test_it_lets_the_office_hand_out_no_rights(office_client: Client, clerk_user: User) -> None:
    group = Group.objects.create(name="everything")
    group.permissions.set(Permission.objects.all())
    page = office_client.get(f"/admin/auth/user/{clerk_user.pk}/change/").content.decode()
    for field in ("is_superuser", "is_staff", "groups", "user_permissions"):
        assert f'name="{field}"' not in page, field

    response = office_client.post(
        f"/admin/auth/user/{clerk_user.pk}/change/",
        {
            "username": "clerk-renamed",
            "first_name": "",
            "email": "",
            "is_active": "on",
            "is_superuser": "on",
            "is_staff": "on",
            "groups": [group.pk],
            "user_permissions": [Permission.objects.get(codename="change_user").pk],
            **_profile_inline(clerk_user),
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    clerk_user.refresh_from_db()
    assert clerk_user.username == "clerk-renamed"  # the form was saved, without the rights
    assert (clerk_user.is_superuser, clerk_user.is_staff) == (False, False)
    assert not clerk_user.groups.exists() and not clerk_user.user_permissions.exists()


def test_it_gives_the_office_no_profile_of_a_superuser(
    office_client: Client, privileged: dict[str, User]
) -> None:
    response = office_client.post(
        "/admin/accounts/profile/add/", {"user": privileged["superuser"].pk, "role": Role.LEADER, "phone": ""}
    )

    assert response.status_code == 200  # the form again: that account is not one to choose
    assert not Profile.objects.filter(user=privileged["superuser"]).exists()


def _profile_inline(user: User) -> dict[str, str]:
    profile = user.profile
    return {
        "profile-TOTAL_FORMS": "1",
        "profile-INITIAL_FORMS": "1",
        "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1",
        "profile-0-id": str(profile.pk),
        "profile-0-user": str(user.pk),
        "profile-0-role": profile.role,
        "profile-0-unit": str(profile.unit_id or ""),
        "profile-0-phone": profile.phone,
    }
