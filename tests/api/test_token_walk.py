"""Every staff endpoint × every role, with a token: lists hold what the pages show the account, and
an id of what it may not see answers 404, as one that does not exist; anonymous callers get 401."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from rest_framework.test import APIClient

from .conftest import ROLES, ApiWorld, ids

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# endpoint → the id of the world's "own" or "other" object of that kind
OBJECTS: dict[str, Callable[[ApiWorld, str], int]] = {
    "plans": lambda world, v: world.projects[v].plan_id,
    "chapters": lambda world, v: world.projects[v].chapter_id,
    "projects": lambda world, v: world.projects[v].pk,
    "measures": lambda world, v: world.projects[v].measures.get().pk,
    "targets": lambda world, v: world.projects[v].targets.get().pk,
    "target-values": lambda world, v: world.values[v].pk,
    "reports": lambda world, v: world.reports[v].pk,
    "orders": lambda world, v: world.orders[v].pk,
    "lights": lambda world, v: world.projects[v].pk,
}
READ_ALL = ("office", "leader", "supervision")


def sees(role: str, endpoint: str, variant: str) -> bool:
    """The pages' rules: every role reads every plan and chapter; the offices and the leader see
    everything; the unit roles their unit's projects (the co-unit's staff too), and orders
    addressed to their own unit only."""
    if role in READ_ALL or endpoint in ("plans", "chapters"):
        return True
    if variant == "other" or role == "outsider":
        return False
    return not (endpoint == "orders" and role == "counit")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", sorted(OBJECTS))
def test_it_scopes_lists_and_hides_another_units_ids(
    role: str,
    endpoint: str,
    api_world: ApiWorld,
    user_of: Callable[[str], User],
    token_client: Callable[..., APIClient],
) -> None:
    client = token_client(user_of(role))
    listed = ids(client.get(f"/api/{endpoint}/", {"page_size": 200}))

    for variant in ("own", "other"):
        pk = OBJECTS[endpoint](api_world, variant)
        visible = sees(role, endpoint, variant)
        assert (pk in listed) == visible, (variant, listed)
        assert client.get(f"/api/{endpoint}/{pk}/").status_code == (200 if visible else 404), variant


def test_a_missing_id_answers_like_a_hidden_one(
    api_world: ApiWorld, clerk_user: User, token_client: Callable[..., APIClient]
) -> None:
    client = token_client(clerk_user)
    other = api_world.projects["other"].pk

    assert client.get(f"/api/projects/{other}/").status_code == 404
    assert client.get("/api/projects/999999/").status_code == 404
    assert client.get(f"/api/projects/{other}/").json() == client.get("/api/projects/999999/").json()


def test_a_unit_sees_its_own_unit_and_not_another(
    api_world: ApiWorld, clerk_user: User, token_client: Callable[..., APIClient]
) -> None:
    from reformtrack.ledger.models import Unit

    client = token_client(clerk_user)
    own, other = (Unit.objects.get(name=name) for name in ("区经济促进局", "区财政局"))

    assert own.pk in ids(client.get("/api/units/", {"page_size": 200}))
    assert client.get(f"/api/units/{own.pk}/").status_code == 200
    assert client.get(f"/api/units/{other.pk}/").status_code == 404


@pytest.mark.parametrize("endpoint", [*sorted(OBJECTS), "units", "bulletins"])
def test_it_answers_an_anonymous_caller_401(endpoint: str, api_world: ApiWorld) -> None:
    client = APIClient()

    assert client.get(f"/api/{endpoint}/").status_code == 401


def test_it_refuses_an_anonymous_write(api_world: ApiWorld) -> None:
    client = APIClient()
    project = api_world.projects["own"]

    assert client.post("/api/projects/", {"title": "x"}).status_code == 401
    assert client.patch(f"/api/projects/{project.pk}/", {"title": "x", "version": 1}).status_code == 401
    project.refresh_from_db()
    assert project.title != "x"
