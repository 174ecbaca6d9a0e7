"""The anonymous API shows what the portal publishes (selectors_public), and nothing internal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.test import APIClient

from reformtrack.ledger.services_publish import plan_publish, projects_set_public

from .conftest import ApiWorld

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def test_it_shows_published_plans_and_their_public_projects_only(
    api_world: ApiWorld, office_user: User
) -> None:
    client = APIClient()
    own, other = api_world.projects["own"], api_world.projects["other"]
    assert client.get("/api/public/plans/").json()["count"] == 0
    assert client.get(f"/api/public/plans/{own.plan_id}/").status_code == 404

    plan_publish(by=office_user, plan=own.plan)
    assert client.get("/api/public/projects/").json()["count"] == 0  # published, no project public yet
    projects_set_public(by=office_user, projects=[own], public=True)

    plans = client.get("/api/public/plans/").json()["results"]
    projects = client.get("/api/public/projects/").json()["results"]
    assert [plan["id"] for plan in plans] == [own.plan_id]
    assert [project["id"] for project in projects] == [own.pk]
    assert client.get(f"/api/public/projects/{other.pk}/").status_code == 404
    shown = client.get(f"/api/public/projects/{own.pk}/").json()
    assert set(shown) == {
        "id",
        "plan",
        "label",
        "title",
        "progress",
        "status",
        "light",
        "deadline",
        "deadline_text",
        "targets",
    }
    assert shown["targets"][0]["latest_value"] == {"date": "2014-06-30", "value": "1.0000"}


def test_it_refuses_writes(api_world: ApiWorld) -> None:
    client = APIClient()

    assert client.post("/api/public/projects/", {"title": "x"}).status_code == 405
