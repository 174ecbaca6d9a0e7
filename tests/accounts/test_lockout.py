"""After AXES_FAILURE_LIMIT failed logins a username is locked out from that address (django-axes)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.test import Client

from reformtrack.accounts.services import account_unlock

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
HERE, ELSEWHERE = "10.0.0.1", "10.0.0.2"


@pytest.fixture
def clerk(make_user: Callable[..., User]) -> User:
    return make_user("clerk", "区经济促进局", username="clerk", password=PASSWORD)


def login(client: Client, username: str, password: str, address: str = HERE) -> int:
    response = client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )
    return response.status_code


def fail_until_locked(client: Client, username: str = "clerk") -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, username, "wrong")


def test_the_limit_is_five_failures() -> None:
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_it_locks_out_after_repeated_failures(client: Client, clerk: User) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "clerk", "wrong") == 200

    response = client.post("/accounts/login/", {"username": "clerk", "password": "wrong"}, REMOTE_ADDR=HERE)
    # the right password does not help any more
    again = client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD}, REMOTE_ADDR=HERE)

    assert response.status_code == again.status_code == 429
    page = again.content.decode()
    page = page[page.index('data-testid="lockout"') :]
    assert page.index("登录已暂时锁定") < page.index("Locked out")  # Chinese first
    assert "_auth_user_id" not in client.session


def test_it_locks_the_username_only_from_that_address(
    client: Client, clerk: User, make_user: Callable[..., User]
) -> None:
    make_user("counit", "区科技创新局", username="counit", password=PASSWORD)
    fail_until_locked(client)

    assert login(client, "clerk", PASSWORD, ELSEWHERE) == 302
    client.logout()
    assert login(client, "counit", PASSWORD, HERE) == 302


def test_a_success_before_the_limit_starts_the_count_again(client: Client, clerk: User) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "clerk", "wrong")
    assert login(client, "clerk", PASSWORD) == 302
    client.logout()

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "clerk", "wrong")

    assert login(client, "clerk", PASSWORD) == 302


def test_the_office_lifts_a_lockout(client: Client, clerk: User, office_user: User) -> None:
    fail_until_locked(client)

    with pytest.raises(PermissionDenied):
        account_unlock(by=clerk, username="clerk")
    assert account_unlock(by=office_user, username="clerk") == 1

    assert login(client, "clerk", PASSWORD) == 302
