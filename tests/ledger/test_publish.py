"""The portal's publish steps: only the office publishes; a plan and each project are two steps;
withdrawing a plan hides it while its projects keep their marks; history records each change."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.core.exceptions import PermissionDenied

from reformtrack.ledger.models import Plan, Project
from reformtrack.ledger.selectors_public import is_public, public_projects, published_plans
from reformtrack.ledger.services_publish import plan_publish, plan_unpublish, projects_set_public

if TYPE_CHECKING:
    from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db


def test_a_published_plan_shows_only_the_projects_marked_public(
    store_plan: Callable[..., Plan], office_user: User
) -> None:
    plan = store_plan(b"plan")
    first, second = plan.projects.order_by("position")[:2]

    assert not published_plans().exists()
    plan_publish(by=office_user, plan=plan)
    projects_set_public(by=office_user, projects=[first], public=True)

    assert list(published_plans()) == [plan]
    assert list(public_projects()) == [first]
    assert is_public(first) and not is_public(second)
    assert first.history.first().history_change_reason == "made public"


def test_withdrawing_the_plan_hides_its_projects_and_keeps_their_marks(
    store_plan: Callable[..., Plan], office_user: User
) -> None:
    plan = store_plan(b"plan")
    plan_publish(by=office_user, plan=plan, all_projects=True)
    count = Project.objects.filter(plan=plan).count()
    assert public_projects().count() == count > 0

    plan_unpublish(by=office_user, plan=plan)

    assert not public_projects().exists()
    assert Project.objects.filter(plan=plan, public=True).count() == count
    plan_publish(by=office_user, plan=plan)
    assert public_projects().count() == count


@pytest.mark.parametrize("role", ["leader_user", "supervision_user", "clerk_user"])
def test_only_the_office_publishes(
    role: str, store_plan: Callable[..., Plan], request: pytest.FixtureRequest
) -> None:
    plan = store_plan(b"plan")
    user: User = request.getfixturevalue(role)

    with pytest.raises(PermissionDenied):
        plan_publish(by=user, plan=plan, all_projects=True)
    with pytest.raises(PermissionDenied):
        projects_set_public(by=user, projects=plan.projects.all(), public=True)
    assert not published_plans().exists() and not Project.objects.filter(public=True).exists()
