"""Anonymous visitors read what is published, and whatever is not answers 404 (never 403)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.services_publish import plan_unpublish, projects_set_public

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_the_published_plan_only(
    client: Client, published_plan: Plan, hidden_plan: Plan
) -> None:
    response = client.get(reverse("portal:home"))

    assert response.status_code == 200
    page = response.content.decode()
    assert published_plan.title in page
    assert hidden_plan.title not in page
    assert "工作人员登录" in page
    assert 'data-testid="nav-dashboard"' not in page  # not the staff frame


def test_the_plan_page_shows_its_projects_with_lights_in_words(client: Client, published_plan: Plan) -> None:
    response = client.get(reverse("portal:plan", args=[published_plan.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    for project in published_plan.projects.all():
        assert project.title in page
    assert 'data-testid="light-badge"' in page
    assert "严重滞后" in page  # the light as a word (overdue: red), not colour alone


def test_the_project_page_shows_lead_units_measures_targets_and_milestones(
    client: Client, published_plan: Plan
) -> None:
    project = published_plan.projects.get(title="项目1-1")

    response = client.get(reverse("portal:project", args=[project.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert project.title in page
    assert "区发改局" in page
    assert "举措1-1-1" in page
    assert "打造2至3个网商集聚区" in page


def test_an_unpublished_plan_and_its_projects_are_404(client: Client, hidden_plan: Plan) -> None:
    project = hidden_plan.projects.get()

    assert client.get(reverse("portal:plan", args=[hidden_plan.pk])).status_code == 404
    assert client.get(reverse("portal:project", args=[project.pk])).status_code == 404


def test_a_project_not_marked_public_is_404_and_left_off_the_plan(
    client: Client, published_plan: Plan, office_user: User
) -> None:
    project = published_plan.projects.get(title="项目1-2")
    projects_set_public(by=office_user, projects=[project], public=False)

    assert client.get(reverse("portal:project", args=[project.pk])).status_code == 404
    assert project.title not in client.get(reverse("portal:plan", args=[published_plan.pk])).content.decode()


def test_a_withdrawn_plan_is_404_again(client: Client, published_plan: Plan, office_user: User) -> None:
    plan_unpublish(by=office_user, plan=published_plan)
    project = published_plan.projects.first()
    assert project is not None

    assert client.get(reverse("portal:plan", args=[published_plan.pk])).status_code == 404
    assert client.get(reverse("portal:project", args=[project.pk])).status_code == 404


def test_a_staff_user_sees_the_same_as_the_public(
    client: Client, published_plan: Plan, hidden_plan: Plan, office_user: User
) -> None:
    client.force_login(office_user)

    assert client.get(reverse("portal:plan", args=[hidden_plan.pk])).status_code == 404
    assert client.get(reverse("portal:plan", args=[published_plan.pk])).status_code == 200


def test_a_targets_latest_actual_value_is_written_plainly(client: Client, published_plan: Plan) -> None:
    import datetime as dt
    from decimal import Decimal

    from reformtrack.ledger.models import TargetValue

    project = published_plan.projects.get(title="项目1-1")
    target = project.targets.get()
    TargetValue.objects.create(target=target, date=dt.date(2014, 3, 31), value=Decimal("1.5"))
    TargetValue.objects.create(target=target, date=dt.date(2014, 6, 30), value=Decimal("3.0000"))

    page = client.get(reverse("portal:project", args=[project.pk])).content.decode()

    assert "3 个" in page
    assert "2014年6月30日" in page
    assert "1.5 个" not in page and "E+" not in page


def test_an_outside_expert_without_a_role_reads_the_portal_too(
    client: Client, published_plan: Plan, hidden_plan: Plan, make_user: Any
) -> None:
    client.force_login(make_user(None, username="expert"))  # the no-role fence lets the portal through

    assert client.get(reverse("portal:home")).status_code == 200
    assert client.get(reverse("portal:plan", args=[published_plan.pk])).status_code == 200
    assert client.get(reverse("portal:plan", args=[hidden_plan.pk])).status_code == 404
