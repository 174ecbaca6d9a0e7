"""An assessment from the lead unit's draft to the office's sign-off and decision, each step refused
to the roles the rules leave out, and the hold on the project each step leaves."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.core.exceptions import PermissionDenied

from reformtrack.ledger.choices import ProjectStatus
from reformtrack.ledger.models import Project
from reformtrack.risk.choices import AssessmentStatus, Decision, RiskLevel
from reformtrack.risk.errors import AssessmentError, ConcurrentAssessment
from reformtrack.risk.models import Assessment, DimensionScore
from reformtrack.risk.services import (
    assessment_create,
    assessment_decide,
    assessment_return,
    assessment_save,
    assessment_sign_off,
    assessment_submit,
    group_add,
    risk_add,
    rule_update,
)

from .conftest import SignOff, drafted

if TYPE_CHECKING:
    from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["leader_user", "supervision_user", "counit_user", "outsider_clerk"])
def test_only_the_office_and_the_lead_unit_start_an_assessment(
    role: str, project: Project, request: pytest.FixtureRequest
) -> None:
    with pytest.raises(PermissionDenied):
        assessment_create(project=project, by=request.getfixturevalue(role))
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("role", ["clerk_user", "unit_lead_user", "office_user"])
def test_the_lead_units_staff_and_the_office_start_one_with_the_four_dimensions(
    role: str, project: Project, request: pytest.FixtureRequest
) -> None:
    assessment = assessment_create(project=project, by=request.getfixturevalue(role))

    dimensions = list(
        DimensionScore.objects.filter(assessment=assessment).values_list("dimension", flat=True)
    )
    assert dimensions == ["legality", "rationality", "feasibility", "controllability"]
    assert assessment.history.get().history_user == request.getfixturevalue(role)


def test_the_office_adds_safety_by_its_rule(project: Project, office_user: User, clerk_user: User) -> None:
    rule_update(by=office_user, version=1, assess_safety=True)

    assessment = assessment_create(project=project, by=clerk_user)

    assert assessment.scores.filter(dimension="safety").exists()


def test_a_second_open_assessment_is_refused(project: Project, clerk_user: User) -> None:
    assessment_create(project=project, by=clerk_user)
    with pytest.raises(AssessmentError):
        assessment_create(project=project, by=clerk_user)


def test_the_clerk_of_another_unit_cannot_edit(project: Project, clerk_user: User, counit_user: User) -> None:
    assessment = assessment_create(project=project, by=clerk_user)
    with pytest.raises(PermissionDenied):
        group_add(assessment=assessment, by=counit_user, name="沿街商户")
    with pytest.raises(PermissionDenied):
        assessment_save(assessment=assessment, by=counit_user, version=1, summary="", scores={})


def test_submitting_needs_every_score_and_its_evidence(project: Project, clerk_user: User) -> None:
    assessment = assessment_create(project=project, by=clerk_user)
    assessment = assessment_save(
        assessment=assessment, by=clerk_user, version=1, summary="", scores={"legality": (4, "符合规定")}
    )
    with pytest.raises(AssessmentError, match="每项评估内容"):
        assessment_submit(assessment=assessment, by=clerk_user, version=assessment.version)


def test_a_score_outside_the_scale_is_refused(project: Project, clerk_user: User) -> None:
    assessment = assessment_create(project=project, by=clerk_user)
    with pytest.raises(AssessmentError):
        assessment_save(
            assessment=assessment, by=clerk_user, version=1, summary="", scores={"legality": (6, "x")}
        )


def test_a_stale_save_is_refused(project: Project, clerk_user: User, unit_lead_user: User) -> None:
    assessment = assessment_create(project=project, by=clerk_user)
    assessment_save(assessment=assessment, by=unit_lead_user, version=1, summary="先保存", scores={})
    with pytest.raises(ConcurrentAssessment):
        assessment_save(assessment=assessment, by=clerk_user, version=1, summary="后保存", scores={})


def test_the_clerk_cannot_sign_off_or_return(project: Project, clerk_user: User, leader_user: User) -> None:
    assessment = drafted(project, clerk_user)
    for user in (clerk_user, leader_user):
        with pytest.raises(PermissionDenied):
            assessment_sign_off(assessment=assessment, by=user, version=assessment.version)
        with pytest.raises(PermissionDenied):
            assessment_return(assessment=assessment, by=user, version=assessment.version, comment="改")


def test_a_returned_assessment_is_changed_and_submitted_again(
    project: Project, clerk_user: User, office_user: User
) -> None:
    assessment = drafted(project, clerk_user)
    assessment = assessment_return(
        assessment=assessment, by=office_user, version=assessment.version, comment="补充利益相关群体"
    )
    assert assessment.status == AssessmentStatus.RETURNED
    group_add(assessment=assessment, by=clerk_user, name="沿街商户", concerns="经营受影响")

    assessment = assessment_submit(assessment=assessment, by=clerk_user, version=assessment.version)

    assert assessment.status == AssessmentStatus.SUBMITTED


def test_a_high_sign_off_holds_the_project(project: Project, sign_off: SignOff, office_user: User) -> None:
    assessment = sign_off(project, score=1)

    project.refresh_from_db()
    assert (assessment.level, assessment.status) == (RiskLevel.HIGH, AssessmentStatus.SIGNED_OFF)
    assert assessment.signed_off_by == office_user
    assert project.start_held
    assert project.history.latest().history_user == office_user


def test_a_risk_of_high_likelihood_and_impact_makes_it_high(
    project: Project, clerk_user: User, office_user: User
) -> None:
    assessment = assessment_create(project=project, by=clerk_user)
    risk_add(
        assessment=assessment, by=clerk_user, description="群体上访", likelihood=4, impact=5, owner="区信访局"
    )
    scores = {d: (5, "依据") for d in ("legality", "rationality", "feasibility", "controllability")}
    assessment = assessment_save(assessment=assessment, by=clerk_user, version=1, summary="", scores=scores)
    assessment = assessment_submit(assessment=assessment, by=clerk_user, version=assessment.version)

    assessment = assessment_sign_off(assessment=assessment, by=office_user, version=assessment.version)

    assert assessment.level == RiskLevel.HIGH


def test_a_low_sign_off_leaves_the_project_free(project: Project, sign_off: SignOff) -> None:
    assert sign_off(project, score=4).level == RiskLevel.LOW
    project.refresh_from_db()
    assert not project.start_held


def test_go_ahead_releases_the_hold(project: Project, sign_off: SignOff, office_user: User) -> None:
    assessment = sign_off(project)

    assessment = assessment_decide(
        assessment=assessment,
        by=office_user,
        version=assessment.version,
        decision=Decision.GO_AHEAD,
        reason="已落实化解措施",
    )

    project.refresh_from_db()
    assert not project.start_held
    assert (assessment.decision, assessment.decided_by, assessment.decision_reason) == (
        "go_ahead",
        office_user,
        "已落实化解措施",
    )


def test_change_keeps_the_hold_until_a_new_assessment_is_signed_off_below_high(
    project: Project, sign_off: SignOff, office_user: User
) -> None:
    first = sign_off(project)
    assessment_decide(
        assessment=first, by=office_user, version=first.version, decision=Decision.CHANGE, reason="调整方案"
    )
    project.refresh_from_db()
    assert project.start_held

    second = sign_off(project, score=3)

    project.refresh_from_db()
    assert second.level == RiskLevel.LOW
    assert not project.start_held


def test_stop_keeps_the_hold_and_suspends_the_project(
    project: Project, sign_off: SignOff, office_user: User
) -> None:
    assessment = sign_off(project)
    assessment_decide(
        assessment=assessment,
        by=office_user,
        version=assessment.version,
        decision=Decision.STOP,
        reason="暂缓",
    )

    project.refresh_from_db()
    assert (project.start_held, project.status) == (True, ProjectStatus.SUSPENDED)


def test_a_decision_needs_a_reason_the_office_and_a_high_level(
    project: Project, sign_off: SignOff, office_user: User, clerk_user: User
) -> None:
    high = sign_off(project)
    with pytest.raises(AssessmentError):
        assessment_decide(
            assessment=high, by=office_user, version=high.version, decision="go_ahead", reason=" "
        )
    with pytest.raises(PermissionDenied):
        assessment_decide(
            assessment=high, by=clerk_user, version=high.version, decision="go_ahead", reason="好"
        )
    with pytest.raises(AssessmentError):
        assessment_decide(
            assessment=high, by=office_user, version=high.version, decision="maybe", reason="好"
        )
    assert not Assessment.objects.exclude(decision="").exists()


def test_no_decision_on_a_low_assessment(project: Project, sign_off: SignOff, office_user: User) -> None:
    low = sign_off(project, score=4)
    with pytest.raises(AssessmentError):
        assessment_decide(
            assessment=low, by=office_user, version=low.version, decision="go_ahead", reason="好"
        )


def test_the_rule_is_the_offices_and_keeps_its_thresholds_in_order(
    office_user: User, clerk_user: User
) -> None:
    with pytest.raises(PermissionDenied):
        rule_update(by=clerk_user, version=1, scale_max=10)
    with pytest.raises(AssessmentError):
        rule_update(by=office_user, version=1, score_high_at=3, score_medium_at=2)

    rule = rule_update(by=office_user, version=1, scale_max=10, score_high_at=4, score_medium_at=6)
    rule = rule_update(by=office_user, version=rule.version, product_high_at=20)

    assert (rule.scale_max, rule.score_high_at, rule.product_high_at) == (10, 4, 20)
    assert [h.history_user for h in rule.history.all()] == [office_user, office_user]


def test_the_projects_history_words_the_hold_in_chinese(
    project: Project, sign_off: SignOff, office_user: User
) -> None:
    from reformtrack.core.change_reasons import record_reason

    assessment = sign_off(project)
    assessment_decide(
        assessment=assessment,
        by=office_user,
        version=assessment.version,
        decision=Decision.STOP,
        reason="暂缓",
    )

    reasons = [record_reason(row) for row in project.history.order_by("-history_date", "-history_id")[:2]]
    assert reasons == ["修改：因风险评估暂停启动、状态", "修改：因风险评估暂停启动"]
