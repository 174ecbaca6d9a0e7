"""project_assign: the coordinating office sets a project's leader in charge and its units."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.utils import translation

from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.errors import ConcurrentEdit, LedgerError
from reformtrack.ledger.models import Plan, Project, ProjectUnit, Unit
from reformtrack.ledger.services import project_assign, project_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(store_plan: Callable[..., Plan]) -> Project:
    return store_plan(chapters=1, projects=1).projects.get(level=1)


def units(*names: str) -> list[Unit]:
    return [Unit.objects.get_or_create(name=name)[0] for name in names]


def test_it_sets_leader_and_units_in_order(project: Project, office_user: User, leader_user: User) -> None:
    saved = project_assign(
        project=project,
        by=office_user,
        leader=leader_user,
        lead_units=units("区经济促进局", "区财政局"),
        co_units=units("区科技创新局", "区财政局"),
    )

    links = ProjectUnit.objects.filter(project=project).order_by("role", "position")
    assert [(link.unit.name, link.role) for link in links] == [
        ("区科技创新局", UnitRole.CO),
        ("区经济促进局", UnitRole.LEAD),
        ("区财政局", UnitRole.LEAD),
    ]
    assert (saved.leader, saved.version) == (leader_user, 2)
    last = project.history.order_by("-history_id").first()
    assert last.history_user == office_user
    assert "区经济促进局" in last.history_change_reason


def test_a_form_opened_before_the_assignment_cannot_overwrite_it(
    project: Project, office_user: User, leader_user: User, make_user: Callable[..., User]
) -> None:
    clerk = make_user("clerk", "区发改局")  # a lead unit of the fixture plan
    project_assign(
        project=project, by=office_user, leader=leader_user, lead_units=units("区发改局"), co_units=[]
    )

    with pytest.raises(ConcurrentEdit):
        project_update(project=project, by=clerk, version=1, title="旧表单里的标题")


def test_only_the_office_assigns(project: Project, clerk_user: User, leader_user: User) -> None:
    for user in [clerk_user, leader_user]:
        with pytest.raises(PermissionDenied):
            project_assign(project=project, by=user, leader=None, lead_units=[], co_units=[])


def test_the_leader_must_be_a_district_leader(project: Project, office_user: User, clerk_user: User) -> None:
    with translation.override("en"), pytest.raises(LedgerError, match="not a district leader"):
        project_assign(project=project, by=office_user, leader=clerk_user, lead_units=[], co_units=[])
