"""Every role on a project of its own unit and on one of another unit: view, edit, comment, manage."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser, User

from reformtrack.accounts.permissions import can_manage_programme, role_of
from reformtrack.ledger.models import Plan, Project, Unit
from reformtrack.ledger.permissions import (
    can_comment_project,
    can_edit_project,
    can_view_project,
    can_view_unit,
)

pytestmark = pytest.mark.django_db

# (view, edit, comment) on the project 区经济促进局 leads with 区科技创新局, then on 区发改局's project
MATRIX = {
    "office_user": ((True, True, True), (True, True, True)),
    "leader_user": ((True, True, True), (True, False, False)),
    "supervision_user": ((True, False, True), (True, False, True)),
    "unit_lead_user": ((True, True, True), (False, False, False)),
    "clerk_user": ((True, True, True), (False, False, False)),
    "counit_user": ((True, False, True), (False, False, False)),
    "outsider_clerk": ((False, False, False), (False, False, False)),
}


@pytest.fixture
def own_and_other(store_plan: Callable[..., Plan], leader_user: User) -> tuple[Project, Project]:
    own_plan = store_plan(
        b"own", chapters=1, projects=1, lead_units=("区经济促进局",), co_units=("区科技创新局",)
    )
    other_plan = store_plan(b"other", chapters=1, projects=1, lead_units=("区发改局",), co_units=())
    own = own_plan.projects.get(level=1)
    own.leader = leader_user
    own.save()
    return own, other_plan.projects.get(level=1)


@pytest.mark.parametrize("fixture", MATRIX)
def test_it_applies_the_matrix_to_every_role(
    fixture: str, request: pytest.FixtureRequest, own_and_other: tuple[Project, Project]
) -> None:
    user = request.getfixturevalue(fixture)

    for project, expected in zip(own_and_other, MATRIX[fixture], strict=True):
        actual = (
            can_view_project(user, project),
            can_edit_project(user, project),
            can_comment_project(user, project),
        )
        assert actual == expected, (fixture, project.title)
        assert Project.objects.restrict(user, "view").filter(pk=project.pk).exists() == expected[0]
        assert Project.objects.restrict(user, "change").filter(pk=project.pk).exists() == expected[1]


@pytest.mark.parametrize("fixture", MATRIX)
def test_only_the_office_manages_the_programme(fixture: str, request: pytest.FixtureRequest) -> None:
    user = request.getfixturevalue(fixture)

    assert can_manage_programme(user) == (fixture == "office_user")


def test_it_gives_anonymous_and_roleless_users_nothing(
    make_user: Callable[..., User], own_and_other: tuple[Project, Project]
) -> None:
    users: list[User | AnonymousUser] = [AnonymousUser(), make_user(None)]
    for user in users:
        assert role_of(user) is None
        assert not Project.objects.restrict(user, "view").exists()
        assert not Unit.objects.restrict(user, "view").exists()
        assert not can_manage_programme(user)
        for project in own_and_other:
            assert not can_view_project(user, project)
            assert not can_comment_project(user, project)


def test_a_superuser_counts_as_the_office(admin_user: User, own_and_other: tuple[Project, Project]) -> None:
    assert role_of(admin_user) == "office"
    assert can_manage_programme(admin_user)
    assert all(can_edit_project(admin_user, project) for project in own_and_other)


def test_an_inactive_user_has_no_role(office_user: User) -> None:
    office_user.is_active = False

    assert role_of(office_user) is None
    assert not can_manage_programme(office_user)


def test_unit_roles_see_their_unit_and_their_partners_only(
    clerk_user: User, outsider_clerk: User, office_user: User, own_and_other: tuple[Project, Project]
) -> None:
    names = set(Unit.objects.restrict(clerk_user, "view").values_list("name", flat=True))

    assert {"区经济促进局", "区科技创新局"} <= names
    assert "区发改局" not in names
    assert can_view_unit(clerk_user, Unit.objects.get(name="区科技创新局"))
    assert not can_view_unit(clerk_user, Unit.objects.get(name="区发改局"))
    assert set(Unit.objects.restrict(outsider_clerk, "view").values_list("name", flat=True)) == {"区司法局"}
    assert Unit.objects.restrict(office_user, "view").count() == Unit.objects.count()
