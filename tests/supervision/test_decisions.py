"""Decisions (表扬与问责决定): who records, answers, follows up, closes and revokes them, and what
each leaves behind (numbers, snapshot, points, history)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from reformtrack.supervision.choices import DecisionStatus
from reformtrack.supervision.decision_services import (
    decision_answer,
    decision_record,
    decision_revoke,
    followup_add,
    rectification_close,
)
from reformtrack.supervision.errors import SupervisionError
from reformtrack.supervision.models import Decision, DecisionFollowup, SupervisionOrder
from reformtrack.supervision.selectors import accountability_records, decision_points
from reformtrack.supervision.services_answer import AttachmentRefused

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Project, Unit

    from .conftest import IssueOrder

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _record(by: User, unit: Unit, **overrides: Any) -> Decision:
    values: dict[str, Any] = {
        "by": by,
        "kind": "criticism",
        "unit": unit,
        "reason": "改革项目逾期未完成，督办单逾期未回复",
        "points": Decimal("-2"),
        **overrides,
    }
    return decision_record(**values)


def _later(days: int = 30) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def test_the_offices_record_decisions_numbered_in_one_sequence_of_the_year(
    office_user: User, supervision_user: User, own_unit: Unit
) -> None:
    first = _record(office_user, own_unit)
    second = _record(supervision_user, own_unit, kind="commendation", points=Decimal("2"))

    year = timezone.localdate().year
    assert (first.number, second.number) == (f"罗督决〔{year}〕1号", f"罗督决〔{year}〕2号")
    assert (first.issuing_office, second.issuing_office) == ("coordinating", "supervision")
    assert first.decided_by == office_user
    assert first.history.get().history_user == office_user


@pytest.mark.parametrize("role", ["leader_user", "unit_lead_user", "clerk_user", "counit_user"])
def test_nobody_else_records_a_decision(role: str, own_unit: Unit, request: pytest.FixtureRequest) -> None:
    with pytest.raises(PermissionDenied):
        _record(request.getfixturevalue(role), own_unit)

    assert not Decision.objects.exists()


def test_a_decision_from_an_accountability_record_keeps_it_as_it_was(
    office_user: User, own_unit: Unit, project: Project, issue: IssueOrder
) -> None:
    order = issue(unit=own_unit, project=project, response_due=dt.date(2014, 2, 1))
    (record,) = accountability_records()

    decision = _record(office_user, own_unit, record=record, projects=[project])
    SupervisionOrder.objects.filter(pk=order.pk).update(status="closed")  # the data move on

    assert accountability_records() == []

    decision.refresh_from_db()
    assert decision.record["unanswered_orders"] == [
        {"id": order.pk, "number": order.number, "project": str(order.project), "response_due": "2014-02-01"}
    ]
    assert decision.record["as_of"] == timezone.localdate().isoformat()
    assert list(decision.projects.all()) == [project]


@pytest.mark.parametrize(
    ("kind", "points"),
    [
        ("commendation", "-1"),
        ("commendation", "6"),
        ("criticism", "1"),
        ("criticism", "-6"),
        ("interview", "-3"),
        ("referral", "-11"),
        ("rectification", "0"),
    ],
)
def test_points_outside_the_kinds_limits_are_refused(
    office_user: User, own_unit: Unit, kind: str, points: str
) -> None:
    with pytest.raises(SupervisionError):
        _record(office_user, own_unit, kind=kind, points=Decimal(points), deadline=_later())

    assert not Decision.objects.exists()


def test_a_rectification_needs_a_deadline_from_today_on(office_user: User, own_unit: Unit) -> None:
    for deadline in (None, timezone.localdate() - dt.timedelta(days=1)):
        with pytest.raises(SupervisionError):
            _record(office_user, own_unit, kind="rectification", points=Decimal("-3"), deadline=deadline)

    made = _record(office_user, own_unit, kind="rectification", points=Decimal("-3"), deadline=_later())
    assert made.deadline == _later()


def test_only_a_rectification_keeps_a_deadline(office_user: User, own_unit: Unit) -> None:
    made = _record(office_user, own_unit, deadline=_later())

    assert made.deadline is None


@pytest.mark.parametrize("role", ["clerk_user", "unit_lead_user"])
def test_the_units_lead_or_clerk_answers_its_own_decision_once(
    role: str, office_user: User, own_unit: Unit, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(role)
    decision = _record(office_user, own_unit)

    answered = decision_answer(
        by=user,
        decision=decision,
        text="已召开专题会议研究整改",
        uploads=[SimpleUploadedFile("整改报告.pdf", PDF)],
    )

    assert (answered.status, answered.answered_by, answered.answer) == (
        "answered",
        user,
        "已召开专题会议研究整改",
    )
    assert [a.original_name for a in answered.attachments.filter(purpose="answer")] == ["整改报告.pdf"]
    with pytest.raises(SupervisionError):
        decision_answer(by=user, decision=answered, text="再次回复")


@pytest.mark.parametrize("role", ["office_user", "supervision_user", "leader_user", "counit_user"])
def test_nobody_else_answers_a_units_decision(
    role: str, office_user: User, own_unit: Unit, request: pytest.FixtureRequest
) -> None:
    decision = _record(office_user, own_unit)

    with pytest.raises(PermissionDenied):
        decision_answer(by=request.getfixturevalue(role), decision=decision, text="回复")


def test_a_clerk_cannot_answer_another_units_decision(
    office_user: User, other_unit: Unit, clerk_user: User
) -> None:
    decision = _record(office_user, other_unit)

    with pytest.raises(PermissionDenied):
        decision_answer(by=clerk_user, decision=decision, text="回复")
    assert Decision.objects.get().status == "issued"


def test_a_refused_file_sends_back_the_whole_answer(
    office_user: User, own_unit: Unit, clerk_user: User
) -> None:
    decision = _record(office_user, own_unit)

    with pytest.raises(AttachmentRefused):
        decision_answer(
            by=clerk_user,
            decision=decision,
            text="回复",
            uploads=[SimpleUploadedFile("run.exe", b"MZ\x90\x00" + b"\x00" * 60)],
        )

    assert Decision.objects.get().status == "issued"


def test_a_rectification_is_followed_up_and_closed_by_the_offices(
    office_user: User, supervision_user: User, own_unit: Unit, clerk_user: User
) -> None:
    decision = _record(office_user, own_unit, kind="rectification", points=Decimal("-3"), deadline=_later())
    with pytest.raises(PermissionDenied):
        followup_add(by=clerk_user, decision=decision, note="已整改")

    followup_add(by=supervision_user, decision=decision, note="实地督查，整改过半")
    closed = rectification_close(by=office_user, decision=decision, note="整改到位，予以销号")

    assert (closed.status, closed.closed_by) == ("closed", office_user)
    notes = list(DecisionFollowup.objects.values_list("note", "closes", "written_by__username"))
    assert notes == [("实地督查，整改过半", False, "supervision"), ("整改到位，予以销号", True, "office")]
    with pytest.raises(SupervisionError):
        followup_add(by=office_user, decision=closed, note="再跟踪")


def test_only_a_rectification_is_followed_up_or_closed(office_user: User, own_unit: Unit) -> None:
    decision = _record(office_user, own_unit)

    with pytest.raises(SupervisionError):
        followup_add(by=office_user, decision=decision, note="跟踪")
    with pytest.raises(SupervisionError):
        rectification_close(by=office_user, decision=decision, note="销号")


def test_a_revoked_decision_stays_on_record_and_no_longer_counts(
    office_user: User, own_unit: Unit, other_unit: Unit, clerk_user: User
) -> None:
    kept = _record(office_user, own_unit, kind="commendation", points=Decimal("3"))
    wrong = _record(office_user, own_unit, points=Decimal("-2.5"))
    _record(office_user, other_unit, kind="referral", points=Decimal("-5"))
    year = timezone.localdate().year
    assert decision_points(year) == {own_unit.pk: Decimal("0.5"), other_unit.pk: Decimal("-5")}
    with pytest.raises(PermissionDenied):
        decision_revoke(by=clerk_user, decision=wrong, reason="误发")

    revoked = decision_revoke(by=office_user, decision=wrong, reason="误发，予以撤销")

    assert (revoked.status, revoked.revoke_reason) == (DecisionStatus.REVOKED, "误发，予以撤销")
    assert Decision.objects.count() == 3
    assert decision_points(year) == {own_unit.pk: Decimal("3"), other_unit.pk: Decimal("-5")}
    assert decision_points(year - 1) == {}
    assert kept.pk in Decision.objects.values_list("pk", flat=True)
    with pytest.raises(SupervisionError):
        decision_answer(by=clerk_user, decision=revoked, text="回复")


def test_the_points_of_a_year_cost_one_query_whatever_the_number_of_decisions(
    office_user: User, own_unit: Unit, other_unit: Unit, django_assert_num_queries: Any
) -> None:
    for i in range(12):
        _record(office_user, own_unit if i % 3 else other_unit, points=Decimal("-1"))
    year = timezone.localdate().year

    with django_assert_num_queries(1):
        points = decision_points(year)

    assert points == {own_unit.pk: Decimal("-8"), other_unit.pk: Decimal("-4")}
