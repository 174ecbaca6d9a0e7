"""The services check their caller: each step is for its role alone, whatever path calls it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from reformtrack.evaluation import services, services_panel
from reformtrack.evaluation.errors import ConcurrentEvaluation, EvaluationRefused
from reformtrack.evaluation.models import Evaluation
from reformtrack.evaluation.permissions import can_view_evaluation
from reformtrack.ledger.models import Project

from .conftest import conclude, office_evaluate, self_evaluate

pytestmark = pytest.mark.django_db

ROLES = (
    "office_user",
    "leader_user",
    "supervision_user",
    "unit_lead_user",
    "clerk_user",
    "counit_user",
    "outsider_clerk",
)
OFFICE = {"office_user"}
LEAD_UNIT = {"unit_lead_user", "clerk_user"}


def _people(request: pytest.FixtureRequest) -> dict[str, User]:
    return {name: request.getfixturevalue(name) for name in ROLES}


def test_only_the_office_opens_an_evaluation(project: Project, request: pytest.FixtureRequest) -> None:
    for name, user in _people(request).items():
        if name in OFFICE:
            continue
        with pytest.raises(PermissionDenied):
            services.evaluation_open(project=project, by=user)
    office = request.getfixturevalue("office_user")
    assert services.evaluation_open(project=project, by=office).opened_by == office
    with pytest.raises(EvaluationRefused):
        services.evaluation_open(project=project, by=office)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_lead_units_reform_lead_and_clerk_self_evaluate(
    role: str, evaluation: Evaluation, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(role)
    if role in LEAD_UNIT:
        assert self_evaluate(evaluation, user).status == "office"
    else:
        with pytest.raises(PermissionDenied):
            self_evaluate(evaluation, user)
        assert Evaluation.objects.get(pk=evaluation.pk).self_at is None


@pytest.mark.parametrize("role", ROLES)
def test_only_the_office_evaluates_and_concludes(
    role: str, evaluation: Evaluation, clerk_user: User, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(role)
    evaluation = self_evaluate(evaluation, clerk_user)
    if role in OFFICE:
        assert conclude(office_evaluate(evaluation, user), user).status == "concluded"
        return
    with pytest.raises(PermissionDenied):
        office_evaluate(evaluation, user)
    office_evaluate(evaluation, request.getfixturevalue("office_user"))
    evaluation.refresh_from_db()
    with pytest.raises(PermissionDenied):
        conclude(evaluation, user)
    with pytest.raises(PermissionDenied):
        services_panel.criterion_add(evaluation=evaluation, by=user, name="标准", weight=Decimal(1))
    with pytest.raises(PermissionDenied):
        services_panel.expert_create(by=user, username="expert-x", name="专家", password="Zq8#long-enough")


def test_the_steps_come_in_order_and_a_stale_save_is_refused(
    evaluation: Evaluation, office_user: User, clerk_user: User
) -> None:
    with pytest.raises(EvaluationRefused):  # nothing to evaluate before the self-evaluation
        office_evaluate(evaluation, office_user)
    stale = evaluation.version
    services.evaluation_set_due(
        evaluation=evaluation, by=office_user, version=stale, due=dt.date(2016, 6, 30)
    )
    with pytest.raises(ConcurrentEvaluation):
        services.evaluation_self(
            evaluation=evaluation,
            by=clerk_user,
            version=stale,
            goals_met="met",
            summary="完成",
            cost=None,
            problems="",
        )
    evaluation.refresh_from_db()
    evaluation = self_evaluate(evaluation, clerk_user)
    with pytest.raises(EvaluationRefused):  # concluded only after the office's evaluation
        conclude(evaluation, office_user)


def test_the_viewers_are_those_who_see_the_project(
    evaluation: Evaluation, request: pytest.FixtureRequest
) -> None:
    seen = {name for name, user in _people(request).items() if can_view_evaluation(user, evaluation)}
    listed = {
        name for name, user in _people(request).items() if Evaluation.objects.restrict(user, "view").exists()
    }

    assert seen == listed == set(ROLES) - {"outsider_clerk"}


def test_nobody_is_invited_to_score_their_own_units_project(
    evaluation: Evaluation, office_user: User, counit_user: User, outsider_clerk: User, leader_user: User
) -> None:
    with pytest.raises(EvaluationRefused):
        services_panel.reviewer_invite(evaluation=evaluation, by=office_user, reviewer=counit_user)
    services_panel.reviewer_invite(evaluation=evaluation, by=office_user, reviewer=outsider_clerk)
    services_panel.reviewer_invite(evaluation=evaluation, by=office_user, reviewer=leader_user)

    assert can_view_evaluation(outsider_clerk, evaluation)  # the assignment shows it to them
    with pytest.raises(EvaluationRefused):
        services_panel.reviewer_invite(evaluation=evaluation, by=office_user, reviewer=outsider_clerk)


def test_an_expert_account_has_no_role_and_sees_only_its_assignment(
    evaluation: Evaluation, other_project: Project, office_user: User
) -> None:
    from reformtrack.accounts.permissions import role_of

    other = services.evaluation_open(project=other_project, by=office_user)
    expert = services_panel.expert_create(
        by=office_user, username="expert-wang", name="王专家", password="Zq8#long-enough"
    )
    services_panel.reviewer_invite(evaluation=evaluation, by=office_user, reviewer=expert)

    assert role_of(expert) is None
    assert list(Evaluation.objects.restrict(expert, "view")) == [evaluation]
    assert not can_view_evaluation(expert, other)
    assert not Project.objects.restrict(expert, "view").exists()
    with pytest.raises(PermissionDenied):  # the panel is not sitting yet
        services_panel.scores_submit(evaluation=evaluation, by=expert, scores={}, comments="")


def test_a_declined_assignment_shows_the_evaluation_no_more(
    evaluation: Evaluation, office_user: User, outsider_clerk: User
) -> None:
    services_panel.reviewer_invite(evaluation=evaluation, by=office_user, reviewer=outsider_clerk)
    services_panel.assignment_respond(evaluation=evaluation, by=outsider_clerk, accept=False)

    assert not can_view_evaluation(outsider_clerk, evaluation)
    with pytest.raises(PermissionDenied):
        services_panel.assignment_respond(evaluation=evaluation, by=outsider_clerk, accept=True)
