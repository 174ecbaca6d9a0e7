"""A login lasts a working day at most (SESSION_COOKIE_AGE) and ends when the browser closes."""

from __future__ import annotations

import runpy
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

import reformtrack.settings

PASSWORD = "correct horse battery staple"


def load_settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, Any]:
    for name in [
        "SESSION_COOKIE_AGE",
        "AXES_FAILURE_LIMIT",
        "AXES_COOLOFF_MINUTES",
        "SECURE_COOKIES",
        "DEBUG",
    ]:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(reformtrack.settings.__file__)


def test_it_defaults_to_eight_hours_and_the_browser_session(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = load_settings(monkeypatch, DEBUG="1")

    assert loaded["SESSION_COOKIE_AGE"] == 8 * 60 * 60
    assert loaded["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert loaded["AXES_FAILURE_LIMIT"] == 5
    assert loaded["SESSION_COOKIE_SECURE"] is False  # DEBUG on: plain http on localhost


def test_the_environment_sets_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = load_settings(
        monkeypatch, SESSION_COOKIE_AGE="3600", AXES_FAILURE_LIMIT="3", AXES_COOLOFF_MINUTES="10"
    )

    assert loaded["SESSION_COOKIE_AGE"] == 3600
    assert loaded["AXES_FAILURE_LIMIT"] == 3
    assert loaded["AXES_COOLOFF_TIME"].total_seconds() == 600


def test_production_cookies_are_secure(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = load_settings(monkeypatch, DEBUG="False", SECRET_KEY="s3cret")

    assert loaded["SESSION_COOKIE_SECURE"] is loaded["CSRF_COOKIE_SECURE"] is True


@pytest.mark.django_db
def test_the_session_cookie_dies_with_the_browser(client: Client, django_user_model: type[User]) -> None:
    django_user_model.objects.create_user("clerk", password=PASSWORD)

    response = client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD})

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"]
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
