"""A token past its rate is answered 429 (other tokens are not); so is an anonymous client past its."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rest_framework.test import APIClient

from .conftest import ApiWorld

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def test_a_token_past_its_rate_gets_429(
    api_world: ApiWorld,
    office_user: User,
    clerk_user: User,
    token_client: Callable[..., APIClient],
    settings: Any,
) -> None:
    settings.API_TOKEN_RATE = "3/minute"
    busy, quiet = token_client(office_user), token_client(clerk_user)

    answers = [busy.get("/api/plans/").status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
    assert quiet.get("/api/plans/").status_code == 200


def test_an_anonymous_client_past_its_rate_gets_429(api_world: ApiWorld, settings: Any) -> None:
    settings.API_ANON_RATE = "2/minute"
    client = APIClient()

    answers = [
        client.get("/api/public/plans/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code for n in range(3)
    ]

    assert answers == [200, 200, 429]  # a forged X-Forwarded-For is no new client


def test_a_page_size_is_bounded(
    api_world: ApiWorld, office_user: User, token_client: Callable[..., APIClient], settings: Any
) -> None:
    settings.API_MAX_PAGE_SIZE = 1
    api = token_client(office_user)

    page = api.get("/api/projects/", {"page_size": 100}).json()

    assert page["count"] == 2 and len(page["results"]) == 1 and page["next"]
    assert api.get("/api/projects/", {"page": 99}).status_code == 404
