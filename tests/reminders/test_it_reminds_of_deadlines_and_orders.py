"""Project and measure deadlines of projects not completed, and unanswered supervision orders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from reformtrack.ledger.models import Project
from reformtrack.reminders.selectors import reminders_due
from reformtrack.supervision.models import SupervisionOrder

from .conftest import Programme

pytestmark = pytest.mark.django_db

PROJECT_DUE = dt.date(2013, 12, 31)  # make_parsed_plan's deadlines
MEASURE_DUE = dt.date(2014, 6, 30)


def _names(item: object) -> set[str]:
    return {user.get_username() for user in item.recipients}  # type: ignore[attr-defined]


def test_the_leader_in_charge_hears_of_an_overdue_project_only(
    programme: Programme, leader_user: User
) -> None:
    Project.objects.filter(pk=programme.project.pk).update(leader=leader_user)

    [before] = reminders_due(PROJECT_DUE - dt.timedelta(days=1))
    [after] = reminders_due(PROJECT_DUE + dt.timedelta(days=1))

    assert before.body == "【提醒】区经济促进局：《（1）项目1-1》完成时限为2013年12月31日，目前尚未完成。"
    assert _names(before) == {"clerk", "unit_lead", "reform_lead"}
    assert after.body.startswith("【催办】")
    assert _names(after) == {"clerk", "unit_lead", "reform_lead", "leader"}


def test_a_completed_project_is_not_chased(programme: Programme) -> None:
    Project.objects.filter(pk=programme.project.pk).update(status="completed")
    assert reminders_due(PROJECT_DUE + dt.timedelta(days=1)) == []
    assert reminders_due(MEASURE_DUE + dt.timedelta(days=1)) == []


def test_a_measure_deadline_goes_to_its_lead_unit(programme: Programme) -> None:
    [item] = reminders_due(MEASURE_DUE - dt.timedelta(days=7))

    assert (
        item.body
        == "【提醒】区经济促进局：《（1）项目1-1》的举措“举措1-1-1”完成时限为2014年6月30日，目前尚未完成。"
    )
    assert item.url == f"/projects/{programme.project.pk}/"


def test_an_unanswered_order_is_chased(programme: Programme, office_user: User) -> None:
    order = SupervisionOrder.objects.create(
        year=2014,
        sequence=12,
        issued_by=office_user,
        issuing_office="coordinating",
        unit=programme.unit,
        project=programme.project,
        reason="进度滞后",
        requirements="限期整改",
        response_due=dt.date(2014, 8, 1),
        grade="blue",
    )

    [item] = reminders_due(dt.date(2014, 8, 2))
    SupervisionOrder.objects.filter(pk=order.pk).update(status="answered")

    assert (
        item.body
        == "【催办】区经济促进局：督办〔2014〕12号（《（1）项目1-1》）应于2014年8月1日前回复，目前尚未回复。"
    )
    assert reminders_due(dt.date(2014, 8, 2)) == []
