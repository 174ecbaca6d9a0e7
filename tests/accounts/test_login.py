"""Password login and logout at /accounts/; the password can be changed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def clerk(make_user: Callable[..., User]) -> User:
    return make_user("clerk", "区经济促进局", username="clerk", password=PASSWORD)


def test_it_shows_the_login_page(client: Client) -> None:
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_it_logs_in_with_the_right_password(client: Client, clerk: User) -> None:
    response = client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD, "next": "/me/"})

    assert response.status_code == 302
    assert response["Location"] == "/me/"
    assert client.session["_auth_user_id"] == str(clerk.pk)


def test_it_refuses_a_wrong_password(client: Client, clerk: User) -> None:
    response = client.post("/accounts/login/", {"username": "clerk", "password": "wrong"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_it_refuses_an_inactive_account(client: Client, clerk: User) -> None:
    clerk.is_active = False
    clerk.save()

    client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD})

    assert "_auth_user_id" not in client.session


def test_it_logs_out_on_post(client: Client, clerk: User) -> None:
    client.force_login(clerk)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_it_changes_the_password(client: Client, clerk: User) -> None:
    client.force_login(clerk)
    new = "another horse battery staple"

    response = client.post(
        "/accounts/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )

    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    clerk.refresh_from_db()
    assert clerk.check_password(new)
    assert clerk.password.startswith("argon2")


def test_the_password_page_wants_a_login(client: Client) -> None:
    response = client.get("/accounts/password/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
