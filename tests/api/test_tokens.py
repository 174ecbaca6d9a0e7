"""Tokens: made by the coordinating office on its pages, the key shown once and stored hashed,
a revoked token refused at once, a read-only token refused every write."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from rest_framework.test import APIClient

from reformtrack.api.choices import TokenScope
from reformtrack.api.models import ApiToken
from reformtrack.api.services import token_create, token_revoke

from .conftest import ApiWorld

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _key_of(page: str) -> str:
    found = re.search(r'data-testid="token-key"|value="(rt_[^"]+)"', page)
    keys = re.findall(r'value="(rt_[^"]+)"', page)
    assert found and len(keys) == 1
    return str(keys[0])


def test_the_office_creates_a_token_and_sees_its_key_once(
    api_world: ApiWorld, office_user: User, clerk_user: User, client: Client
) -> None:
    client.force_login(office_user)

    page = client.post(
        "/api/tokens/new/", {"name": "城市大脑", "kind": "system", "owner": clerk_user.pk, "scope": "read"}
    )

    assert page.status_code == 200
    key = _key_of(page.content.decode())
    token = ApiToken.objects.get()
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str(list(ApiToken.objects.values()))  # only the hash and a prefix are kept
    assert key.startswith(token.key_prefix)
    listing = client.get("/api/tokens/").content.decode()
    assert token.key_prefix in listing and key not in listing
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/projects/").status_code == 200


def test_nobody_but_the_office_makes_or_revokes_tokens(
    api_world: ApiWorld, office_user: User, leader_user: User, clerk_user: User
) -> None:
    with pytest.raises(PermissionDenied):
        token_create(by=leader_user, name="x", owner=leader_user)
    token, _ = token_create(by=office_user, name="x", owner=clerk_user)
    with pytest.raises(PermissionDenied):
        token_revoke(by=clerk_user, token=token)


def test_a_revoked_token_stops_working_at_once(
    api_world: ApiWorld, office_user: User, clerk_user: User, client: Client
) -> None:
    token, key = token_create(by=office_user, name="联络员", owner=clerk_user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/projects/").status_code == 200
    client.force_login(office_user)

    assert client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 302

    assert api.get("/api/projects/").status_code == 401
    assert api.get("/api/public/plans/").status_code == 200  # the public API reads no token
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == office_user


def test_an_unknown_key_is_refused(api_world: ApiWorld) -> None:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token rt_not-a-key")

    assert api.get("/api/projects/").status_code == 401


def test_a_token_of_a_deactivated_account_is_refused(
    api_world: ApiWorld, office_user: User, clerk_user: User, token_client: Callable[..., APIClient]
) -> None:
    api = token_client(clerk_user)
    clerk_user.is_active = False
    clerk_user.save()

    assert api.get("/api/projects/").status_code == 401


def test_a_read_token_may_not_write(
    api_world: ApiWorld, office_user: User, token_client: Callable[..., APIClient]
) -> None:
    api = token_client(office_user, scope=TokenScope.READ)
    project = api_world.projects["own"]

    response = api.patch(f"/api/projects/{project.pk}/", {"title": "改过的标题", "version": project.version})

    assert response.status_code == 403
    project.refresh_from_db()
    assert project.title != "改过的标题"


def test_a_token_records_its_last_use(
    api_world: ApiWorld, office_user: User, token_client: Callable[..., APIClient]
) -> None:
    api = token_client(office_user)

    api.get("/api/plans/")

    assert ApiToken.objects.get().last_used_at is not None
