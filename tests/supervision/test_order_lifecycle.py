"""An order is issued, answered and closed out, or escalated to a higher grade; with history."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.core.exceptions import PermissionDenied

from reformtrack.ledger.models import Project, Unit
from reformtrack.supervision.errors import SupervisionError
from reformtrack.supervision.services import order_close, order_escalate, order_respond

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .conftest import IssueOrder

pytestmark = pytest.mark.django_db


def test_it_goes_from_issued_to_answered_to_closed(
    issue: IssueOrder, project: Project, own_unit: Unit, clerk_user: User, supervision_user: User
) -> None:
    order = issue(unit=own_unit, project=project, measure=project.measures.first())
    assert order.status == "issued" and order.issuing_office == "coordinating"

    order = order_respond(by=clerk_user, order=order, text="已完成整改。")
    assert (order.status, order.response, order.responded_by) == ("answered", "已完成整改。", clerk_user)

    order = order_close(by=supervision_user, order=order)
    assert order.status == "closed" and order.closed_by == supervision_user and order.closed_at
    assert [h.history_change_reason for h in order.history.order_by("history_date")] == [
        "issued",
        "answered",
        "closed",
    ]
    with pytest.raises(SupervisionError):
        order_close(by=supervision_user, order=order)


def test_it_escalates_to_a_new_order_of_the_next_grade(
    issue: IssueOrder, project: Project, own_unit: Unit, supervision_user: User
) -> None:
    blue = issue(unit=own_unit, project=project)

    yellow = order_escalate(by=supervision_user, order=blue, reason="逾期未整改")
    red = order_escalate(by=supervision_user, order=yellow, reason="仍未整改")

    blue.refresh_from_db()
    assert blue.status == "escalated"
    assert (yellow.grade, yellow.escalated_from, yellow.sequence) == ("yellow", blue, blue.sequence + 1)
    assert (red.grade, red.escalated_from, red.issuing_office) == ("red", yellow, "supervision")
    assert red.reason == "仍未整改" and red.requirements == blue.requirements
    with pytest.raises(SupervisionError):
        order_escalate(by=supervision_user, order=red, reason="再升级")


def test_it_refuses_a_measure_of_another_project(
    issue: IssueOrder, project: Project, other_project: Project, own_unit: Unit
) -> None:
    with pytest.raises(SupervisionError):
        issue(unit=own_unit, project=other_project, measure=project.measures.first())


def test_it_refuses_issuing_closing_and_escalating_to_others(
    issue: IssueOrder,
    project: Project,
    own_unit: Unit,
    clerk_user: User,
    leader_user: User,
    unit_lead_user: User,
) -> None:
    order = issue(unit=own_unit, project=project)
    for user in (clerk_user, leader_user, unit_lead_user):
        with pytest.raises(PermissionDenied):
            issue(by=user, unit=own_unit, project=project)
        with pytest.raises(PermissionDenied):
            order_close(by=user, order=order)
        with pytest.raises(PermissionDenied):
            order_escalate(by=user, order=order, reason="x")


def test_it_refuses_answers_from_other_units_and_offices(
    issue: IssueOrder,
    project: Project,
    own_unit: Unit,
    outsider_clerk: User,
    counit_user: User,
    office_user: User,
) -> None:
    order = issue(unit=own_unit, project=project)

    for user in (outsider_clerk, counit_user, office_user):
        with pytest.raises(PermissionDenied):
            order_respond(by=user, order=order, text="冒名回复")

    order.refresh_from_db()
    assert order.status == "issued" and order.response == ""
