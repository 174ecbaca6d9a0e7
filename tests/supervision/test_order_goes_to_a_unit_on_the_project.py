"""An order is addressed to a unit on its project (lead or co-unit, itself or through a collective):
a unit outside it would see the order's title while the project answers its people 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.choices import UnitKind, UnitRole
from reformtrack.ledger.models import Project, Unit
from reformtrack.supervision.errors import SupervisionError
from reformtrack.supervision.models import SupervisionOrder
from reformtrack.supervision.permissions import unit_takes_part

from .conftest import IssueOrder

if TYPE_CHECKING:
    from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

ORDER = {"grade": "blue", "reason": "临近时限", "requirements": "按期完成", "response_due": "2014-08-01"}


def test_the_service_refuses_a_unit_not_on_the_project(
    project: Project, other_unit: Unit, issue: IssueOrder
) -> None:
    with pytest.raises(SupervisionError, match=other_unit.name):
        issue(unit=other_unit, project=project)

    assert not SupervisionOrder.objects.exists()


def test_the_lead_unit_and_a_co_unit_take_orders(project: Project, own_unit: Unit, issue: IssueOrder) -> None:
    co_unit = Unit.objects.get(name="区科技创新局")

    issue(unit=own_unit, project=project)
    issue(unit=co_unit, project=project)

    assert set(SupervisionOrder.objects.values_list("unit__name", flat=True)) == {own_unit.name, co_unit.name}


def test_a_member_of_a_collective_on_the_project_takes_orders(
    project: Project, issue: IssueOrder, make_user: Callable[..., User], client: Client
) -> None:
    collective = Unit.objects.create(name="各相关街道办事处", kind=UnitKind.COLLECTIVE)
    street = Unit.objects.create(name="桂园街道办事处", kind=UnitKind.STREET)
    collective.members.add(street)
    project.project_units.create(unit=collective, role=UnitRole.CO, position=1)

    order = issue(unit=street, project=project)

    assert unit_takes_part(street, project)
    # and its people can open the project the order is about
    client.force_login(make_user("clerk", street))
    assert client.get(reverse("web:project_detail", args=[project.pk])).status_code == 200
    assert order.unit == street


def test_the_form_offers_only_the_units_on_the_project(
    project: Project, other_unit: Unit, own_unit: Unit, client: Client, office_user: User
) -> None:
    client.force_login(office_user)

    response = client.get(reverse("supervision:order_issue"), {"project": project.pk})

    offered = set(response.context["form"].fields["unit"].queryset.values_list("name", flat=True))
    assert offered == {own_unit.name, "区科技创新局"}


def test_a_post_naming_a_unit_off_the_project_is_refused(
    project: Project, other_unit: Unit, client: Client, office_user: User
) -> None:
    client.force_login(office_user)

    response = client.post(
        reverse("supervision:order_issue"), {**ORDER, "project": project.pk, "unit": other_unit.pk}
    )

    assert response.status_code == 400
    assert not SupervisionOrder.objects.exists()
