"""The coordinating office creates accounts: role, unit, a validated password hashed with Argon2."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.utils import translation

from reformtrack.accounts.choices import Role
from reformtrack.accounts.permissions import role_of
from reformtrack.accounts.services import AccountError
from reformtrack.ledger.models import Unit
from reformtrack.ledger.services_accounts import account_create

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def unit() -> Unit:
    return Unit.objects.create(name="区民政局")


def test_the_office_creates_an_account(office_user: User, unit: Unit) -> None:
    user = account_create(
        by=office_user, username="minzheng", name="张三", role=Role.CLERK, unit=unit, password=PASSWORD
    )

    assert (user.get_full_name(), role_of(user), user.profile.unit) == ("张三", Role.CLERK, unit)
    assert user.check_password(PASSWORD) and user.password.startswith("argon2")
    assert not user.is_staff


def test_office_accounts_may_use_the_admin(office_user: User) -> None:
    user = account_create(
        by=office_user, username="office2", name="李四", role=Role.OFFICE, unit=None, password=PASSWORD
    )

    assert user.is_staff and not user.is_superuser


def test_no_one_else_creates_accounts(clerk_user: User, leader_user: User, unit: Unit) -> None:
    for user in [clerk_user, leader_user]:
        with pytest.raises(PermissionDenied):
            account_create(by=user, username="x", name="x", role=Role.CLERK, unit=unit, password=PASSWORD)


@pytest.mark.parametrize(
    ("username", "role", "with_unit", "password", "message"),
    [
        ("clerk", Role.CLERK, True, PASSWORD, "taken"),
        ("new", Role.CLERK, False, PASSWORD, "unit"),
        ("new", "mayor", True, PASSWORD, "role"),
        ("new", Role.CLERK, True, "12345678", "too common"),
        (" ", Role.CLERK, True, PASSWORD, "username"),
    ],
)
def test_it_refuses_bad_input(
    office_user: User,
    clerk_user: User,
    unit: Unit,
    username: str,
    role: str,
    with_unit: bool,
    password: str,
    message: str,
) -> None:
    with translation.override("en"), pytest.raises(AccountError, match=message):
        account_create(
            by=office_user,
            username=username,
            name="x",
            role=role,
            unit=unit if with_unit else None,
            password=password,
        )

    assert not User.objects.filter(username="new").exists()
