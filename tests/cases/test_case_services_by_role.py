"""The case services refuse whoever the rules refuse, in the service itself, and move a case
draft → submitted → returned → submitted → approved → marked for publication → archived."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from reformtrack.accounts.choices import Role
from reformtrack.cases import services
from reformtrack.cases.choices import CaseStatus
from reformtrack.cases.errors import CaseError, ConcurrentCaseEdit
from reformtrack.cases.models import Case

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan, Project

    from .conftest import MakeCase


def test_it_lets_the_lead_units_clerk_and_reform_lead_draft(
    make_case: MakeCase, clerk_user: User, unit_lead_user: User
) -> None:
    by_clerk = make_case()
    by_lead = make_case(by=unit_lead_user, title="第二个案例")

    assert by_clerk.status == by_lead.status == CaseStatus.DRAFT
    assert by_clerk.unit.name == "区经济促进局"
    assert by_clerk.history.get().history_user == clerk_user


@pytest.mark.parametrize("role", ["office_user", "leader_user", "supervision_user", "counit_user"])
def test_it_refuses_a_draft_from_anyone_but_the_lead_unit(
    make_case: MakeCase, role: str, request: pytest.FixtureRequest
) -> None:
    with pytest.raises(PermissionDenied):
        make_case(by=request.getfixturevalue(role))

    assert not Case.objects.exists()


def test_a_unit_that_does_not_see_the_project_gets_not_found(
    make_case: MakeCase, outsider_clerk: User
) -> None:
    with pytest.raises(Http404):
        make_case(by=outsider_clerk)


def test_it_refuses_a_case_without_a_title(make_case: MakeCase) -> None:
    with pytest.raises(CaseError):
        make_case(title="  \r\n ")


def test_the_whole_review_runs_and_each_step_is_refused_to_the_wrong_role(
    make_case: MakeCase,
    clerk_user: User,
    office_user: User,
    counit_user: User,
    leader_user: User,
    make_user: Callable[..., User],
) -> None:
    case = make_case()
    with pytest.raises(Http404):  # another unit's draft does not exist for it
        services.case_submit(case=case, by=counit_user, version=case.version)
    colleague = make_user(Role.COUNIT, "区经济促进局")  # reads the unit's draft, submits nothing
    with pytest.raises(PermissionDenied):
        services.case_submit(case=case, by=colleague, version=case.version)
    case = services.case_submit(case=case, by=clerk_user, version=case.version)
    assert case.status == CaseStatus.SUBMITTED
    with pytest.raises(PermissionDenied):  # the unit cannot approve its own case
        services.case_approve(case=case, by=clerk_user, version=case.version)
    with pytest.raises(PermissionDenied):
        services.case_update(case=case, by=clerk_user, version=case.version, title="改")
    with pytest.raises(CaseError):
        services.case_return(case=case, by=office_user, version=case.version, comment="  ")

    case = services.case_return(case=case, by=office_user, version=case.version, comment="请补充成效数据")
    assert (case.status, case.return_comment) == (CaseStatus.RETURNED, "请补充成效数据")
    case = services.case_update(case=case, by=clerk_user, version=case.version, results="建成3个集聚区。")
    case = services.case_submit(case=case, by=clerk_user, version=case.version)
    with pytest.raises(Http404):  # the leader reads approved cases only
        services.case_approve(case=case, by=leader_user, version=case.version)
    case = services.case_approve(case=case, by=office_user, version=case.version)

    assert (case.status, case.approved_by, case.results) == (
        CaseStatus.APPROVED,
        office_user,
        "建成3个集聚区。",
    )
    assert case.return_comment == ""
    with pytest.raises(PermissionDenied):  # approved: final for the unit
        services.case_update(case=case, by=clerk_user, version=case.version, title="改")
    reasons = list(case.history.order_by("history_id").values_list("history_change_reason", flat=True))
    assert reasons == [None, "submitted", "returned", "edited", "submitted", "approved"]


def test_only_the_office_marks_only_approved_cases_for_publication(
    make_case: MakeCase, clerk_user: User, office_user: User
) -> None:
    case = make_case()
    with pytest.raises(CaseError):
        services.case_publish(case=case, by=office_user, version=case.version)
    case = services.case_submit(case=case, by=clerk_user, version=case.version)
    case = services.case_approve(case=case, by=office_user, version=case.version)
    with pytest.raises(PermissionDenied):
        services.case_publish(case=case, by=clerk_user, version=case.version)

    case = services.case_publish(case=case, by=office_user, version=case.version)
    assert case.published
    case = services.case_publish(case=case, by=office_user, version=case.version, published=False)
    assert not case.published


def test_the_office_archives_and_the_case_leaves_the_library_unpublished(
    approved_case: Case, office_user: User, clerk_user: User
) -> None:
    case = services.case_publish(case=approved_case, by=office_user, version=approved_case.version)
    with pytest.raises(PermissionDenied):
        services.case_archive(case=case, by=clerk_user, version=case.version)

    case = services.case_archive(case=case, by=office_user, version=case.version)

    assert case.archived_at is not None and not case.published
    assert Case.objects.filter(pk=case.pk).exists()  # kept, never deleted
    assert not Case.objects.restrict(clerk_user, "view").filter(pk=case.pk).exists()
    with pytest.raises(CaseError):
        services.case_archive(case=case, by=office_user, version=case.version)


def test_a_stale_save_is_refused_with_who_acted_first(
    make_case: MakeCase, clerk_user: User, unit_lead_user: User
) -> None:
    case = make_case()
    opened_at = case.version
    services.case_update(case=case, by=unit_lead_user, version=opened_at, title="改革分管领导先改")

    with pytest.raises(ConcurrentCaseEdit, match="unit_lead"):
        services.case_update(
            case=Case.objects.get(pk=case.pk), by=clerk_user, version=opened_at, title="联络员后改"
        )

    assert Case.objects.get(pk=case.pk).title == "改革分管领导先改"


def test_other_projects_are_kept_and_must_be_visible(
    make_case: MakeCase, project: Project, clerk_user: User, store_plan: object
) -> None:
    from reformtrack.ledger.models import Project as ProjectModel

    sibling = (
        ProjectModel.objects.filter(plan=project.plan).exclude(pk=project.pk).order_by("position").first()
    )
    assert sibling is not None
    case = make_case(other_projects=[sibling, project])

    assert list(case.other_projects.all()) == [sibling]
    foreign = store_plan(b"foreign", lead_units=("区财政局",), co_units=())  # type: ignore[operator]
    with pytest.raises(PermissionDenied):
        services.case_update(
            case=case, by=clerk_user, version=case.version, other_projects=[foreign.projects.first()]
        )


def test_an_edit_keeps_the_other_projects_the_editor_cannot_see(
    make_case: MakeCase, clerk_user: User, office_user: User, store_plan: Callable[..., Plan]
) -> None:
    case = make_case()
    foreign = store_plan(b"foreign", lead_units=("区财政局",), co_units=()).projects.order_by("position")[0]
    case = services.case_update(case=case, by=office_user, version=case.version, other_projects=[foreign])

    case = services.case_update(case=case, by=clerk_user, version=case.version, other_projects=[], title="改")

    assert list(case.other_projects.all()) == [foreign]
