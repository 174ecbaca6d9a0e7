"""The office's publish steps on the staff pages: publish a plan with all its projects, withdraw
it, mark one project internal; what the portal then shows follows."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.selectors_public import public_projects, published_plans

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan

pytestmark = pytest.mark.django_db


def test_the_office_publishes_withdraws_and_marks_a_project_internal(
    client: Client, office_user: User, store_plan: Callable[..., Plan]
) -> None:
    plan = store_plan(b"staff")
    project = plan.projects.order_by("position").first()
    assert project is not None
    client.force_login(office_user)
    url = reverse("ledger:plan_publish", args=[plan.pk])

    assert "plan-publish-form" in client.get(url).content.decode()
    client.post(url, {"action": "publish", "all_projects": "on"})
    assert list(published_plans()) == [plan]
    assert public_projects().count() == plan.projects.count()
    assert (
        'data-testid="project-make-internal"'
        in client.get(reverse("web:project_detail", args=[project.pk])).content.decode()
    )

    client.post(reverse("ledger:project_public", args=[project.pk]), {"public": "0"})
    assert not public_projects().filter(pk=project.pk).exists()
    client.logout()
    assert client.get(reverse("portal:project", args=[project.pk])).status_code == 404

    client.force_login(office_user)
    client.post(url, {"action": "withdraw"})
    assert not published_plans().exists()


def test_publishing_without_all_projects_shows_none_of_them(
    client: Client, office_user: User, store_plan: Callable[..., Plan]
) -> None:
    plan = store_plan(b"staff")
    client.force_login(office_user)

    client.post(reverse("ledger:plan_publish", args=[plan.pk]), {"action": "publish"})

    assert list(published_plans()) == [plan]
    assert not public_projects().exists()
