"""The unit list and page (what a unit leads and takes part in), and "my work" for each kind of user."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.choices import ProjectStatus
from reformtrack.ledger.models import Plan, Project, Unit
from reformtrack.ledger.views_units import PROJECT_PAGE_SIZE

from .conftest import CLERK_UNIT, COUNIT_UNIT, BuildPlan

pytestmark = pytest.mark.django_db


def test_it_counts_what_each_unit_leads_and_takes_part_in(
    web_plan: Plan, client: Client, office_user: User
) -> None:
    client.force_login(office_user)

    response = client.get(reverse("ledger:unit_list"))

    counts = {unit.name: (unit.lead_count, unit.co_count) for unit in response.context["page"].object_list}
    assert counts["区经济促进局"] == (4, 0)
    assert counts["区科技创新局"] == (0, 4)
    assert counts["区民政局"] == (4, 0)  # the sub-items


def test_it_searches_units_by_name(web_plan: Plan, client: Client, office_user: User) -> None:
    client.force_login(office_user)

    response = client.get(reverse("ledger:unit_list"), {"q": "科技"})

    assert [unit.name for unit in response.context["page"].object_list] == ["区科技创新局"]


def test_it_lists_a_unit_role_only_the_units_it_may_see(
    web_plan: Plan, other_plan: Plan, client: Client, counit_user: User
) -> None:
    client.force_login(counit_user)

    response = client.get(reverse("ledger:unit_list"))

    names = {unit.name for unit in response.context["page"].object_list}
    assert "区科技创新局" in names and "区经济促进局" in names
    assert "区发改局" not in names


def test_it_shows_what_a_unit_leads_and_takes_part_in(
    web_plan: Plan, client: Client, office_user: User
) -> None:
    client.force_login(office_user)
    lead = Unit.objects.get(name="区经济促进局")
    co = Unit.objects.get(name="区科技创新局")

    led = client.get(reverse("ledger:unit_detail", args=[lead.pk])).context
    part = client.get(reverse("ledger:unit_detail", args=[co.pk])).context

    assert [row.project.title for row in led["led"].rows] == ["项目1-1", "项目1-2", "项目2-1", "项目2-2"]
    assert led["part"].rows == []
    assert part["led"].rows == [] and len(part["part"].rows) == 4


def test_it_shows_a_collectives_projects_on_its_members_page(
    other_plan: Plan, client: Client, office_user: User
) -> None:
    street = Unit.objects.create(name="桂园街道办事处")
    collective = Unit.objects.create(name="各街道办事处")
    collective.members.add(street)
    project = other_plan.projects.get()
    project.project_units.create(unit=collective, role="co", position=0)
    client.force_login(office_user)

    response = client.get(reverse("ledger:unit_detail", args=[street.pk]))

    assert [row.project.pk for row in response.context["part"].rows] == [project.pk]
    assert "各街道办事处" in response.content.decode()  # "member of"


def test_it_shows_a_clerk_their_units_open_projects_nearest_first(
    web_plan: Plan, client: Client, clerk_user: User
) -> None:
    Project.objects.filter(plan=web_plan, title="项目1-2").update(status=ProjectStatus.COMPLETED)
    client.force_login(clerk_user)

    response = client.get(reverse("web:my_work"))

    key, _title, rows = response.context["sections"][0]
    assert key == "unit"
    assert [row.project.title for row in rows] == ["项目1-1", "项目2-1", "项目2-2"]
    assert response.context["done_count"] == 1


def test_it_shows_a_leader_the_projects_they_are_in_charge_of(
    web_plan: Plan, client: Client, leader_user: User
) -> None:
    Project.objects.filter(plan=web_plan, title="项目2-2").update(leader=leader_user)
    client.force_login(leader_user)

    response = client.get(reverse("web:my_work"))

    key, _title, rows = response.context["sections"][0]
    assert key == "leader"
    assert [row.project.title for row in rows] == ["项目2-2"]


def test_it_shows_the_office_what_needs_review(web_plan: Plan, client: Client, office_user: User) -> None:
    client.force_login(office_user)

    response = client.get(reverse("web:my_work"))

    key, _title, rows = response.context["sections"][0]
    assert key == "review"
    assert {row.project.title for row in rows} == {"项目1-1", "项目2-1"}


def test_it_explains_an_empty_my_work(web_plan: Plan, client: Client, supervision_user: User) -> None:
    client.force_login(supervision_user)

    response = client.get(reverse("web:my_work"))

    assert 'data-testid="my-work-empty"' in response.content.decode()


def test_it_pages_each_of_a_units_tables_on_its_own(
    big_plan: BuildPlan, client: Client, office_user: User
) -> None:
    plan = big_plan(120, title="分页方案")  # 120 projects led by the clerk's unit, the co-unit in each
    lead = Unit.objects.get(name=CLERK_UNIT)
    co = Unit.objects.get(name=COUNIT_UNIT)
    client.force_login(office_user)
    ordered = list(plan.projects.order_by("position").values_list("pk", flat=True))

    first = client.get(reverse("ledger:unit_detail", args=[lead.pk]))
    third = client.get(reverse("ledger:unit_detail", args=[lead.pk]) + "?led_page=3&part_page=2")
    co_page = client.get(reverse("ledger:unit_detail", args=[co.pk]) + "?part_page=2")

    assert [row.project.pk for row in first.context["led"].rows] == ordered[:PROJECT_PAGE_SIZE]
    assert first.context["led"].page.paginator.count == 120
    assert [row.project.pk for row in third.context["led"].rows] == ordered[2 * PROJECT_PAGE_SIZE :]
    assert 'href="?led_page=2&amp;part_page=2"' in third.content.decode()  # the other table keeps its page
    assert [row.project.pk for row in co_page.context["part"].rows] == ordered[
        PROJECT_PAGE_SIZE : 2 * PROJECT_PAGE_SIZE
    ]
