"""The header's grouped menus by role: which links each role is shown, none for a user without a
role (who gets only their review assignments), and no query to decide."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reformtrack.accounts.permissions import role_of
from reformtrack.web.templatetags.web_menu import site_menus

pytestmark = pytest.mark.django_db

ALL = {
    "cycle": [
        "nav-studies",
        "nav-risk",
        "nav-risk-rule",
        "nav-evaluations",
        "nav-my-reviews",
        "nav-cases",
    ],
    "incentives": ["nav-appraisal", "nav-bonus", "nav-award", "nav-decisions", "nav-accountability"],
    "open": ["nav-portal", "nav-ratings", "nav-api-tokens", "nav-webhooks"],
}


def _shown(user: User) -> dict[str, list[str]]:
    return {group.key: [link.testid for link in group.links] for group in site_menus({}, user)}


def test_the_office_is_shown_every_link(office_user: User) -> None:
    assert _shown(office_user) == ALL


def test_the_supervision_office_is_shown_the_accountability_records_but_not_the_risk_rule(
    supervision_user: User,
) -> None:
    shown = _shown(supervision_user)

    assert "nav-risk-rule" not in shown["cycle"]
    assert "nav-accountability" in shown["incentives"]


@pytest.mark.parametrize("role", ["leader_user", "unit_lead_user", "clerk_user", "counit_user"])
def test_the_other_roles_are_shown_the_lists_without_the_offices_tools(
    role: str, request: pytest.FixtureRequest
) -> None:
    shown = _shown(request.getfixturevalue(role))

    assert shown == {
        "cycle": [link for link in ALL["cycle"] if link != "nav-risk-rule"],
        "incentives": [link for link in ALL["incentives"] if link != "nav-accountability"],
        "open": ["nav-portal"],
    }


def test_deciding_the_menus_costs_no_query(clerk_user: User) -> None:
    role_of(clerk_user)  # the request's user has its profile read by the no-role fence already

    with CaptureQueriesContext(connection) as captured:
        site_menus({}, clerk_user)

    assert len(captured) == 0


def test_a_user_without_a_role_sees_only_their_review_assignments(client: Client) -> None:
    expert = User.objects.create_user("expert-sun", password="x-Pass-2014-x")
    client.force_login(expert)

    page = client.get(reverse("evaluation:mine")).content.decode()

    assert 'data-testid="nav-my-reviews"' in page
    assert 'data-testid="nav-dashboard"' not in page
    assert 'data-testid="nav-menu-cycle"' not in page
    assert site_menus({}, expert) == []


def test_every_link_of_the_menus_opens_for_the_clerk(client: Client, clerk_user: User) -> None:
    client.force_login(clerk_user)
    page = client.get(reverse("web:dashboard")).content.decode()

    assert 'data-testid="nav-menu-cycle"' in page
    assert 'data-testid="nav-menu-incentives"' in page
    for group in site_menus({}, clerk_user):
        for link in group.links:
            assert client.get(link.url).status_code == 200, link.url


def test_the_open_government_tools_are_the_offices(
    client: Client, office_user: User, clerk_user: User
) -> None:
    def links(user: User) -> set[str]:
        return {link.testid for group in site_menus({}, user) if group.key == "open" for link in group.links}

    assert links(office_user) == {"nav-portal", "nav-ratings", "nav-api-tokens", "nav-webhooks"}
    assert links(clerk_user) == {"nav-portal"}
    client.force_login(office_user)
    for group in site_menus({}, office_user):
        for link in group.links:
            assert client.get(link.url).status_code == 200, link.url
