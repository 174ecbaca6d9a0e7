"""After AXES_FAILURE_LIMIT failed logins a username is locked out from that address, and after
AXES_ADDRESS_FAILURE_LIMIT failures from one address whatever the usernames the address is (django-axes,
accounts/lockout.py); the address is the client's, taken from X-Forwarded-For behind a trusted proxy only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from reformtrack.accounts.services import AccountError, account_unlock, lockout_lift

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


# --- behind a reverse proxy, many usernames, the lockout page, lifting it ---------------------------
PROXY, CLIENT, ATTACKER = "10.0.0.1", "198.51.100.7", "203.0.113.5"


def login_via(client: Client, username: str, password: str, forwarded: str, remote: str = PROXY) -> int:
    response = client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded,
    )
    return response.status_code


def test_it_ignores_x_forwarded_for_without_a_trusted_proxy(
    client: Client, clerk: User, settings: Any
) -> None:
    settings.TRUSTED_PROXIES = []
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login_via(client, "clerk", "wrong", ATTACKER)

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {PROXY}
    assert login_via(client, "clerk", PASSWORD, CLIENT) == 429  # the header changes nothing


def test_behind_a_trusted_proxy_a_stranger_cannot_lock_out_a_user(
    client: Client, clerk: User, settings: Any
) -> None:
    settings.TRUSTED_PROXIES = [PROXY]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        # what the client writes itself stands left of what the proxy appends: never believed
        login_via(client, "clerk", "wrong", f"{CLIENT}, {ATTACKER}")

    assert login_via(client, "clerk", PASSWORD, ATTACKER) == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    assert login_via(client, "clerk", PASSWORD, CLIENT) == 302


def test_a_client_that_is_not_the_proxy_cannot_choose_its_address(
    client: Client, clerk: User, settings: Any
) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.0/30"]  # networks work too
    login_via(client, "clerk", "wrong", CLIENT, remote=ATTACKER)
    login_via(client, "clerk", "wrong", f"{CLIENT}, 10.0.0.2", remote="10.0.0.1")  # two proxies

    assert sorted(AccessAttempt.objects.values_list("ip_address", flat=True)) == [CLIENT, ATTACKER]


def test_it_limits_failures_per_address_across_usernames(client: Client, clerk: User, settings: Any) -> None:
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    for number in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        assert login(client, f"guess{number}", "wrong") == 200  # one try each: no username lockout
    assert login(client, "guess-last", "wrong") == 429

    response = client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD}, REMOTE_ADDR=HERE)
    assert response.status_code == 429
    assert "本网络地址登录失败已达 8 次" in response.content.decode()
    assert login(client, "clerk", PASSWORD, ELSEWHERE) == 302


def test_the_lockout_page_says_what_happened_and_when_to_try_again(client: Client, clerk: User) -> None:
    fail_until_locked(client)
    last = AccessAttempt.objects.get(username="clerk").attempt_time
    until = timezone.localtime(last + settings.AXES_COOLOFF_TIME)

    page = client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD}, REMOTE_ADDR=HERE)

    text = page.content.decode()
    assert f"该账户在本网络地址连续 {settings.AXES_FAILURE_LIMIT} 次登录失败" in text
    assert f"请于 <strong>{until:%Y}年{until.month}月{until.day}日 {until:%H:%M}</strong> 后再试" in text


def test_the_office_lifts_lockouts_in_the_admin(
    client: Client, clerk: User, office_user: User, settings: Any
) -> None:
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    fail_until_locked(client)  # clerk from HERE
    for number in range(3):
        login(client, f"guess{number}", "wrong")  # and the address as a whole
    User.objects.filter(pk=office_user.pk).update(is_staff=True)
    office = Client()
    office.force_login(office_user)

    listing = office.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    for attempt in AccessAttempt.objects.all():  # every row is locked: by username, or by address
        until = timezone.localtime(attempt.attempt_time + settings.AXES_COOLOFF_TIME)
        assert f"{until:%Y-%m-%d %H:%M}" in listing.content.decode(), attempt.username
    office.post(
        "/admin/axes/accessattempt/",
        {"action": "lift_address", "_selected_action": [AccessAttempt.objects.get(username="clerk").pk]},
    )

    assert not AccessAttempt.objects.filter(ip_address=HERE).exists()
    assert login(client, "clerk", PASSWORD) == 302


def test_the_office_lifts_one_persons_lockout_from_the_user_admin(
    client: Client, clerk: User, office_user: User
) -> None:
    fail_until_locked(client)
    User.objects.filter(pk=office_user.pk).update(is_staff=True)
    office = Client()
    office.force_login(office_user)

    office.post("/admin/auth/user/", {"action": "unlock", "_selected_action": [clerk.pk]})

    assert login(client, "clerk", PASSWORD) == 302


def test_only_the_office_lifts_lockouts_and_it_names_what(clerk: User, office_user: User) -> None:
    with pytest.raises(PermissionDenied):
        lockout_lift(by=clerk, ip_address=HERE)
    with pytest.raises(AccountError):  # nothing named would lift every lockout at once
        lockout_lift(by=office_user)


def test_check_deploy_warns_behind_a_proxy_without_trusted_proxies(settings: Any) -> None:
    from django.core.checks import run_checks

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = []
    assert "accounts.W001" in {message.id for message in run_checks(include_deployment_checks=True)}

    settings.TRUSTED_PROXIES = [PROXY]
    assert "accounts.W001" not in {message.id for message in run_checks(include_deployment_checks=True)}
