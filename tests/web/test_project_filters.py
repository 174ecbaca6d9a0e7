"""Filters of the project library: plan, chapter, unit (lead/co, via collectives), leader, status, flag."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.choices import ProjectStatus, UnitRole
from reformtrack.ledger.models import Plan, Project, ProjectUnit, Unit

pytestmark = pytest.mark.django_db

BuildPlan = Callable[..., Plan]


def ids(client: Client, **params: str | int) -> set[int]:
    response = client.get(reverse("ledger:project_list"), params)
    assert response.status_code == 200
    return {row.project.pk for row in response.context["rows"]}


@pytest.fixture
def office(client: Client, office_user: User) -> Client:
    client.force_login(office_user)
    return client


def test_it_filters_by_plan(web_plan: Plan, other_plan: Plan, office: Client) -> None:
    assert ids(office, plan=other_plan.pk) == set(other_plan.projects.values_list("pk", flat=True))


def test_it_filters_by_chapter(web_plan: Plan, office: Client) -> None:
    chapter = web_plan.chapters.get(number=2)

    assert ids(office, chapter=chapter.pk) == set(chapter.projects.values_list("pk", flat=True))


def test_it_filters_by_unit_in_either_role(web_plan: Plan, other_plan: Plan, office: Client) -> None:
    counit = Unit.objects.get(name="区科技创新局")

    found = ids(office, unit=counit.pk)

    assert found == set(Project.objects.filter(project_units__unit=counit).values_list("pk", flat=True))
    assert found and not found & set(other_plan.projects.values_list("pk", flat=True))


def test_it_filters_by_unit_and_role(web_plan: Plan, office: Client) -> None:
    counit = Unit.objects.get(name="区科技创新局")

    assert ids(office, unit=counit.pk, unit_role=UnitRole.LEAD) == set()
    assert ids(office, unit=counit.pk, unit_role=UnitRole.CO)


def test_it_finds_a_members_projects_through_its_collective(other_plan: Plan, office: Client) -> None:
    street = Unit.objects.create(name="东门街道办事处")
    collective = Unit.objects.create(name="各街道办事处")
    collective.members.add(street)
    project = other_plan.projects.get()
    ProjectUnit.objects.create(project=project, unit=collective, role=UnitRole.CO, position=0)

    assert ids(office, unit=street.pk) == {project.pk}


def test_it_filters_by_leader(web_plan: Plan, office: Client, leader_user: User) -> None:
    project = web_plan.projects.get(title="项目2-1")
    project.leader = leader_user
    project.save()

    assert ids(office, leader=leader_user.pk) == {project.pk}


def test_it_filters_by_status(big_plan: BuildPlan, office: Client) -> None:
    plan = big_plan(8)

    found = ids(office, status=ProjectStatus.COMPLETED)

    assert found == set(plan.projects.filter(status=ProjectStatus.COMPLETED).values_list("pk", flat=True))
    assert len(found) == 2


def test_it_filters_by_the_review_flag(web_plan: Plan, office: Client) -> None:
    flagged = set(web_plan.projects.filter(needs_review=True).values_list("pk", flat=True))

    assert flagged
    assert ids(office, needs_review="true") == flagged
    assert ids(office, needs_review="false") == set(web_plan.projects.values_list("pk", flat=True)) - flagged


def test_it_highlights_flagged_projects(web_plan: Plan, office: Client) -> None:
    response = office.get(reverse("ledger:project_list"), {"needs_review": "true"})

    assert 'data-testid="needs-review-badge"' in response.content.decode()


def test_it_ignores_a_filter_value_that_is_not_valid(web_plan: Plan, office: Client) -> None:
    assert ids(office, status="nonsense", unit="x") == set(web_plan.projects.values_list("pk", flat=True))


def test_it_offers_a_unit_role_only_the_units_it_may_see(
    web_plan: Plan, other_plan: Plan, client: Client, counit_user: User
) -> None:
    client.force_login(counit_user)

    response = client.get(reverse("ledger:project_list"))

    names = {str(label) for _value, label in response.context["filterset"].form.fields["unit"].choices}
    assert "区科技创新局" in names
    assert "区发改局" not in names
