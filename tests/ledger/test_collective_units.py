"""A collective unit (各相关街道办事处) stands for its member units; its members act for it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from pytest_django import DjangoAssertNumQueries

from reformtrack.ledger.choices import UnitKind
from reformtrack.ledger.models import Plan, Project, Unit
from reformtrack.ledger.permissions import can_edit_project, can_view_project
from reformtrack.ledger.selectors import units_expanded

pytestmark = pytest.mark.django_db


@pytest.fixture
def streets() -> tuple[Unit, Unit, Unit]:
    collective = Unit.objects.create(name="各相关街道办事处", kind=UnitKind.COLLECTIVE)
    east = Unit.objects.create(name="东门街道办事处", kind=UnitKind.STREET)
    west = Unit.objects.create(name="桂园街道办事处", kind=UnitKind.STREET)
    collective.members.add(east, west)
    return collective, east, west


def test_it_expands_a_collective_to_its_members(streets: tuple[Unit, Unit, Unit]) -> None:
    collective, east, west = streets

    assert collective.expand() == [east, west]
    assert east.expand() == [east]
    assert list(east.collectives.all()) == [collective]


def test_it_expands_a_list_once_per_unit_in_order(
    streets: tuple[Unit, Unit, Unit], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    collective, east, west = streets
    office = Unit.objects.create(name="区发改局", kind=UnitKind.GOVERNMENT)
    units = [office, collective, east]

    with django_assert_num_queries(1):
        assert units_expanded(units) == [office, east, west]


def test_a_collective_without_members_stands_for_itself() -> None:
    lonely = Unit.objects.create(name="各有关单位", kind=UnitKind.COLLECTIVE)

    assert units_expanded([lonely]) == [lonely]


def test_members_of_a_lead_collective_see_and_edit_its_projects(
    streets: tuple[Unit, Unit, Unit], store_plan: Callable[..., Plan], make_user: Callable[..., User]
) -> None:
    _collective, east, _west = streets
    plan = store_plan(chapters=1, projects=1, lead_units=("各相关街道办事处",), co_units=())
    project = plan.projects.get(level=1)
    east_clerk = make_user("clerk", east)
    other_clerk = make_user("clerk", "区民防办")

    assert can_view_project(east_clerk, project)
    assert can_edit_project(east_clerk, project)
    assert list(Project.objects.restrict(east_clerk, "view")) == [project]
    assert not can_view_project(other_clerk, project)
