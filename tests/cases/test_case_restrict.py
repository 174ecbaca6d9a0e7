"""Case.objects.restrict(): drafts to their unit and the office, approved cases to every role,
archived ones to the office alone; "change" is what each may edit now."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from reformtrack.cases.models import Case
from reformtrack.cases.permissions import can_view_case
from reformtrack.cases.services import case_archive, case_submit

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from .conftest import MakeCase

ROLES = (
    "office_user",
    "leader_user",
    "supervision_user",
    "unit_lead_user",
    "clerk_user",
    "counit_user",
    "outsider_clerk",
)


@pytest.fixture
def cases(make_case: MakeCase, approved_case: Case, clerk_user: User, office_user: User) -> dict[str, Case]:
    draft = make_case(title="草稿")
    submitted = make_case(title="已报送")
    submitted = case_submit(case=submitted, by=clerk_user, version=submitted.version)
    gone = make_case(title="已归档")
    gone = case_archive(case=gone, by=office_user, version=gone.version)
    return {"approved": approved_case, "draft": draft, "submitted": submitted, "archived": gone}


SEES = {
    "office_user": {"approved", "draft", "submitted", "archived"},
    "leader_user": {"approved"},
    "supervision_user": {"approved"},
    "unit_lead_user": {"approved", "draft", "submitted"},
    "clerk_user": {"approved", "draft", "submitted"},
    "counit_user": {"approved"},  # another unit's drafts are not theirs
    "outsider_clerk": {"approved"},
}
CHANGES = {
    "office_user": {"draft", "submitted"},
    "unit_lead_user": {"draft"},
    "clerk_user": {"draft"},
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_and_changes_what_the_rules_say(
    role: str, cases: dict[str, Case], request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(role)
    names = {case.pk: name for name, case in cases.items()}

    seen = {names[pk] for pk in Case.objects.restrict(user, "view").values_list("pk", flat=True)}
    changed = {names[pk] for pk in Case.objects.restrict(user, "change").values_list("pk", flat=True)}

    assert seen == SEES[role]
    assert changed == CHANGES.get(role, set())
    assert {name for name, case in cases.items() if can_view_case(user, case)} == seen


def test_an_anonymous_user_sees_nothing(cases: dict[str, Case]) -> None:
    from django.contrib.auth.models import AnonymousUser

    nobody: AnonymousUser = AnonymousUser()
    assert not Case.objects.restrict(nobody, "view").exists()
