"""Simplified Chinese first: English only when the user picks it."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from django.urls import reverse


def test_it_answers_in_chinese_whatever_the_browser_asks_for(client: Client) -> None:
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "zh-hans"
    assert "登录" in response.content.decode()


def test_it_answers_in_english_once_the_user_switches(client: Client) -> None:
    switched = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    response = client.get(reverse("accounts:login"))

    assert response.headers["Content-Language"] == "en"
    assert "Log in" in response.content.decode()


def test_it_ignores_a_language_it_does_not_have(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    response = client.get(reverse("accounts:login"))

    assert response.headers["Content-Language"] == "zh-hans"
