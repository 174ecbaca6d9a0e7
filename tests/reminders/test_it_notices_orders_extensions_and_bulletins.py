"""Orders issued, answered, closed or escalated; extensions requested or decided; bulletins issued:
each reaches the people it concerns, in Chinese, once, on the channel they chose."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import formats, timezone

from reformtrack.accounts.choices import Role
from reformtrack.reminders.choices import Channel
from reformtrack.reminders.models import Delivery, Notification, WebhookTarget
from reformtrack.supervision.models import Bulletin, SupervisionOrder
from reformtrack.supervision.services import (
    bulletin_issue,
    extension_decide,
    extension_request,
    order_close,
    order_escalate,
    order_issue,
    order_respond,
)
from reformtrack.supervision.signals import order_event

from .conftest import Programme
from .notices_helpers import choose, send_waiting, unread
from .robot import robot_server

pytestmark = pytest.mark.django_db

Capture = Callable[..., Any]
UNIT_PEOPLE = ("clerk", "unit_lead", "reform_lead")


def _issue(programme: Programme, office: User, capture: Capture) -> SupervisionOrder:
    with capture(execute=True):
        return order_issue(
            by=office,
            unit=programme.unit,
            project=programme.project,
            reason="进度滞后",
            requirements="限期整改",
            response_due=dt.date(2014, 7, 1),
            grade="blue",
        )


def _people(programme: Programme) -> list[User]:
    return [programme.clerk, programme.unit_lead, programme.reform_lead]


def test_an_issued_order_reaches_the_unit_and_its_answer_the_office(
    programme: Programme, office_user: User, django_capture_on_commit_callbacks: Capture
) -> None:
    order = _issue(programme, office_user, django_capture_on_commit_callbacks)
    number = order.number

    for person in _people(programme):
        assert unread(person) == [f"督办单已签发：《{number}》"]
    body = Notification.objects.filter(recipient=programme.clerk).get().body
    assert body == f"{number}（《（1）项目1-1》）已签发至区经济促进局，请于2014年7月1日前回复。"
    assert unread(office_user) == []  # the issuer
    assert unread(programme.counit) == []

    with django_capture_on_commit_callbacks(execute=True):
        order_respond(by=programme.clerk, order=order, text="已整改")
    assert unread(office_user) == [f"督办单已回复：《{number}》"]
    assert len(unread(programme.unit_lead)) == 1  # the unit hears nothing of its own answer


def test_closing_and_escalating_reach_the_unit(
    programme: Programme, office_user: User, django_capture_on_commit_callbacks: Capture
) -> None:
    first = _issue(programme, office_user, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        second = order_escalate(by=office_user, order=first, reason="逾期未回复")
    with django_capture_on_commit_callbacks(execute=True):
        order_close(by=office_user, order=second)

    due = timezone.localdate() + dt.timedelta(days=7)
    assert unread(programme.unit_lead) == [
        f"督办单已签发：《{first.number}》",
        f"督办单已升级：《{first.number}》",  # the new order is not announced a second time
        f"督办单已销号：《{second.number}》",
    ]
    escalated = Notification.objects.filter(recipient=programme.clerk).order_by("id")[1]
    printed = formats.date_format(due, "DATE_FORMAT")
    assert f"已升级为{second.number}，区经济促进局须于{printed}前回复" in escalated.body
    assert escalated.url == f"/supervision/orders/{second.pk}/"


def test_extensions_go_to_the_office_and_back_to_the_unit(
    programme: Programme, office_user: User, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        request = extension_request(
            by=programme.clerk,
            project=programme.project,
            requested_deadline=dt.date(2016, 6, 30),
            reasons="征地未完成",
        )
    assert unread(office_user) == ["延期申请已提交：《（1）项目1-1》"]
    assert Notification.objects.get(recipient=office_user).body == (
        "区经济促进局申请将《（1）项目1-1》的完成时限延至2016年6月30日。"
    )

    with django_capture_on_commit_callbacks(execute=True):
        extension_decide(by=office_user, request=request, approve=False, comment="理由不充分")
    assert unread(programme.unit_lead) == ["延期申请已审批：《（1）项目1-1》"]
    assert Notification.objects.get(recipient=programme.unit_lead).body == (
        "《（1）项目1-1》延期至2016年6月30日的申请未获批准：理由不充分"
    )


def test_an_issued_bulletin_reaches_the_offices_and_leaders(
    programme: Programme,
    office_user: User,
    make_user: Callable[..., User],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    leader = make_user(Role.LEADER, username="leader")
    supervisor = make_user(Role.SUPERVISION, username="supervisor")
    draft = Bulletin.objects.create(
        title="一季度通报",
        period_start=dt.date(2014, 1, 1),
        period_end=dt.date(2014, 3, 31),
        status="draft",
        created_by=office_user,
    )
    with django_capture_on_commit_callbacks(execute=True):
        issued = bulletin_issue(by=office_user, bulletin=draft, version=draft.version)

    for person in (leader, supervisor):
        assert unread(person) == ["通报已印发：《一季度通报》"]
        assert Notification.objects.get(recipient=person).body == f"通报{issued.number}《一季度通报》已印发。"
    assert unread(office_user) == []
    assert unread(programme.clerk) == []  # a unit reads it once published


def test_the_units_robot_hears_the_units_events_once(
    programme: Programme, office_user: User, django_capture_on_commit_callbacks: Capture
) -> None:
    with robot_server() as robot:
        WebhookTarget.objects.create(name="经促局群", kind="wecom", url=robot.url, unit=programme.unit)
        other = programme.counit.profile.unit
        WebhookTarget.objects.create(name="科创局群", kind="wecom", url=robot.url, unit=other)
        order = _issue(programme, office_user, django_capture_on_commit_callbacks)
        order_event.send(sender=SupervisionOrder, order=order, event="issued", by=office_user)
        send_waiting()
        send_waiting()

    assert [message["text"]["content"] for message in robot.received] == [
        f"{order.number}（《（1）项目1-1》）已签发至区经济促进局，请于2014年7月1日前回复。"
    ]


def test_a_person_who_chose_nothing_gets_nothing_and_e_mail_without_an_address_comes_in_the_app(
    programme: Programme,
    office_user: User,
    django_capture_on_commit_callbacks: Capture,
    mail_outbox: list[Any],
) -> None:
    choose(programme.clerk, order_issued="none")
    choose(programme.unit_lead, order_issued="email")  # the unit lead has no address
    _issue(programme, office_user, django_capture_on_commit_callbacks)
    send_waiting()

    assert unread(programme.clerk) == []
    assert not Delivery.objects.filter(recipient=programme.clerk).exists()
    assert len(unread(programme.unit_lead)) == 1
    assert Delivery.objects.get(recipient=programme.unit_lead).channel == Channel.IN_APP
    assert mail_outbox == []
