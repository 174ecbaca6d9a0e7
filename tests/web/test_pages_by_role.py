"""Every page for every role: who gets 200, who is sent to log in, who gets 404 and who 403.

A unit role sees the projects its unit leads or takes part in; another unit's project is a 404 (its
existence is not revealed), an action it may not take on a project it sees is a 403.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.models import Milestone, Project, Unit

pytestmark = pytest.mark.django_db

ROLES = [
    "office_user",
    "leader_user",
    "supervision_user",
    "unit_lead_user",
    "clerk_user",
    "counit_user",
    "outsider_clerk",
]

# (page, expected status per role in the order of ROLES)
OK_FOR_ALL = (200, 200, 200, 200, 200, 200, 200)
EXPECTED: dict[str, tuple[int, ...]] = {
    "dashboard": OK_FOR_ALL,
    "project_list": OK_FOR_ALL,
    "project_export": OK_FOR_ALL,
    "unit_list": OK_FOR_ALL,
    "my_work": OK_FOR_ALL,
    "roadmap": OK_FOR_ALL,
    "own_detail": (200, 200, 200, 200, 200, 200, 404),
    "own_print": (200, 200, 200, 200, 200, 200, 404),
    "own_history": (200, 200, 200, 200, 200, 200, 404),
    "own_edit": (200, 200, 403, 200, 200, 403, 404),
    "own_milestone_new": (200, 200, 403, 200, 200, 403, 404),
    "own_milestone_edit": (200, 200, 403, 200, 200, 403, 404),
    "foreign_detail": (200, 200, 200, 404, 404, 404, 404),
    "foreign_print": (200, 200, 200, 404, 404, 404, 404),
    "foreign_history": (200, 200, 200, 404, 404, 404, 404),
    "foreign_edit": (200, 403, 403, 404, 404, 404, 404),
    "own_unit": (200, 200, 200, 200, 200, 200, 404),
    "foreign_unit": (200, 200, 200, 404, 404, 404, 404),
}


@pytest.fixture
def urls(own_project: Project, foreign_project: Project, leader_user: User) -> dict[str, str]:
    own_project.leader = leader_user
    own_project.save()
    milestone = Milestone.objects.create(project=own_project, date="2014-06-30", title="完成调研")
    own_unit = Unit.objects.get(name="区经济促进局")
    foreign_unit = Unit.objects.get(name="区发改局")
    own, foreign = own_project.pk, foreign_project.pk
    return {
        "dashboard": reverse("web:dashboard"),
        "project_list": reverse("ledger:project_list"),
        "project_export": reverse("web:project_export"),
        "unit_list": reverse("ledger:unit_list"),
        "my_work": reverse("web:my_work"),
        "roadmap": reverse("web:roadmap"),
        "own_detail": reverse("web:project_detail", args=[own]),
        "own_print": reverse("web:project_print", args=[own]),
        "own_history": reverse("web:project_history", args=[own]),
        "own_edit": reverse("ledger:project_edit", args=[own]),
        "own_milestone_new": reverse("ledger:milestone_create", args=[own]),
        "own_milestone_edit": reverse("ledger:milestone_edit", args=[own, milestone.pk]),
        "foreign_detail": reverse("web:project_detail", args=[foreign]),
        "foreign_print": reverse("web:project_print", args=[foreign]),
        "foreign_history": reverse("web:project_history", args=[foreign]),
        "foreign_edit": reverse("ledger:project_edit", args=[foreign]),
        "own_unit": reverse("ledger:unit_detail", args=[own_unit.pk]),
        "foreign_unit": reverse("ledger:unit_detail", args=[foreign_unit.pk]),
    }


@pytest.mark.parametrize("page", EXPECTED)
@pytest.mark.parametrize("role", ROLES)
def test_it_answers_each_role_as_the_rules_say(
    role: str, page: str, urls: dict[str, str], client: Client, request: pytest.FixtureRequest
) -> None:
    client.force_login(request.getfixturevalue(role))

    response = client.get(urls[page])

    assert response.status_code == EXPECTED[page][ROLES.index(role)], (role, page)


@pytest.mark.parametrize("page", EXPECTED)
def test_it_sends_anonymous_users_to_the_login_page(page: str, urls: dict[str, str], client: Client) -> None:
    response = client.get(urls[page])

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


def test_it_shows_a_404_in_the_layout_without_naming_the_project(
    urls: dict[str, str], client: Client, clerk_user: User, foreign_project: Project
) -> None:
    client.force_login(clerk_user)

    response = client.get(urls["foreign_detail"])

    assert response.status_code == 404
    text = response.content.decode()
    assert 'data-testid="error-404"' in text
    assert 'data-testid="site-header"' in text
    assert foreign_project.title not in text


def test_it_shows_a_403_in_the_layout(urls: dict[str, str], client: Client, counit_user: User) -> None:
    client.force_login(counit_user)

    response = client.get(urls["own_edit"])

    assert response.status_code == 403
    assert 'data-testid="error-403"' in response.content.decode()


def test_it_refuses_a_forbidden_post_with_403_and_changes_nothing(
    own_project: Project, client: Client, counit_user: User
) -> None:
    client.force_login(counit_user)

    response = client.post(
        reverse("ledger:project_edit", args=[own_project.pk]),
        {
            "title": "改掉",
            "text": "",
            "status": "completed",
            "progress": "100",
            "version": own_project.version,
        },
    )

    assert response.status_code == 403
    own_project.refresh_from_db()
    assert own_project.title == "项目1-1"
