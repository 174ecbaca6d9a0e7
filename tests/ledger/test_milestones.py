"""Milestones: whoever may edit a project plans them; each change is kept with its author."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from reformtrack.ledger.errors import LedgerError
from reformtrack.ledger.models import Milestone, Plan, Project
from reformtrack.ledger.services import milestone_create, milestone_delete, milestone_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(store_plan: Callable[..., Plan]) -> Project:
    return store_plan(
        chapters=1, projects=1, lead_units=("区经济促进局",), co_units=("区科技创新局",)
    ).projects.get(level=1)


def test_it_adds_milestones_in_order(project: Project, clerk_user: User) -> None:
    first = milestone_create(
        project=project, by=clerk_user, date=dt.date(2013, 9, 30), title=" 出台实施细则 "
    )
    second = milestone_create(project=project, by=clerk_user, date=dt.date(2013, 12, 31), title="完成试点")

    assert [m.title for m in project.milestones.all()] == ["出台实施细则", "完成试点"]
    assert (first.position, second.position) == (0, 1)
    assert first.history.get().history_user == clerk_user


def test_it_marks_done_and_deletes_keeping_the_history(
    project: Project, clerk_user: User, office_user: User
) -> None:
    milestone = milestone_create(
        project=project, by=clerk_user, date=dt.date(2013, 9, 30), title="出台实施细则"
    )

    milestone_update(milestone=milestone, by=clerk_user, done=True)
    milestone_delete(milestone=milestone, by=office_user)

    assert not Milestone.objects.exists()
    history = Milestone.history.order_by("history_id")
    assert [(h.history_type, h.done, h.history_user) for h in history] == [
        ("+", False, clerk_user),
        ("~", True, clerk_user),
        ("-", True, office_user),
    ]


def test_it_keeps_out_who_may_not_edit_the_project(
    project: Project, counit_user: User, clerk_user: User
) -> None:
    milestone = milestone_create(
        project=project, by=clerk_user, date=dt.date(2013, 9, 30), title="出台实施细则"
    )

    with pytest.raises(PermissionDenied):
        milestone_create(project=project, by=counit_user, date=dt.date(2014, 1, 1), title="x")
    with pytest.raises(PermissionDenied):
        milestone_update(milestone=milestone, by=counit_user, done=True)
    with pytest.raises(PermissionDenied):
        milestone_delete(milestone=milestone, by=counit_user)


def test_it_refuses_an_empty_title(project: Project, clerk_user: User) -> None:
    with pytest.raises(LedgerError):
        milestone_create(project=project, by=clerk_user, date=dt.date(2013, 9, 30), title=" ")
