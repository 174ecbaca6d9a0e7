"""Passwords are hashed with Argon2; an older hash is upgraded at the next login."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def test_argon2_comes_first() -> None:
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_it_hashes_new_passwords_with_argon2(make_user: Callable[..., User]) -> None:
    user = make_user("clerk", "区经济促进局", password=PASSWORD)

    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(PASSWORD)


def test_it_upgrades_an_older_hash_at_login(client: Client, make_user: Callable[..., User]) -> None:
    user = make_user("clerk", "区经济促进局", username="old")
    User.objects.filter(pk=user.pk).update(password=make_password(PASSWORD, hasher="pbkdf2_sha256"))

    client.post("/accounts/login/", {"username": "old", "password": PASSWORD})

    user.refresh_from_db()
    assert user.password.startswith("argon2$")
