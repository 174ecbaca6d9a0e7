"""A report submitted, returned or accepted: the office or the unit hears, as each person chose."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User

from reformtrack.reminders.choices import Channel, NoticeKind
from reformtrack.reminders.models import Delivery, Notification
from reformtrack.reporting.models import ProgressReport
from reformtrack.reporting.services import report_accept, report_return, report_submit
from reformtrack.reporting.signals import report_event

from .conftest import Programme
from .notices_helpers import choose, draft_report, send_waiting, unread

pytestmark = pytest.mark.django_db

Capture = Callable[..., Any]
PROJECT = "（1）项目1-1"


def _submitted(programme: Programme, capture: Capture) -> ProgressReport:
    report = draft_report(programme)
    with capture(execute=True):
        return report_submit(report=report, by=programme.clerk, version=report.version)


def test_the_office_hears_of_a_submitted_report_and_the_clerk_who_sent_it_does_not(
    programme: Programme, office_user: User, django_capture_on_commit_callbacks: Capture
) -> None:
    _submitted(programme, django_capture_on_commit_callbacks)

    assert unread(office_user) == ["进展报告已报送：《（1）项目1-1》"]
    body = Notification.objects.get(recipient=office_user).body
    assert body == "区经济促进局已报送《（1）项目1-1》2014年第3季度进展报告，请审核。"
    assert unread(programme.clerk) == []
    assert unread(programme.unit_lead) == []


def test_a_return_reaches_the_unit_on_the_channels_they_chose(
    programme: Programme,
    office_user: User,
    django_capture_on_commit_callbacks: Capture,
    mail_outbox: list[Any],
) -> None:
    choose(programme.clerk, report_returned="email")
    choose(programme.reform_lead, report_returned="none")
    report = _submitted(programme, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        report_return(report=report, by=office_user, version=report.version, comment="请补充佐证材料")
    send_waiting()

    assert unread(programme.unit_lead) == ["进展填报被退回：《（1）项目1-1》"]
    assert unread(programme.clerk) == []  # by e-mail instead
    assert unread(programme.reform_lead) == []  # chose nothing
    assert unread(programme.counit) == []  # a co-unit does not report
    [message] = mail_outbox
    assert message.to == ["clerk@example.org"]
    assert message.subject == "进展填报被退回：《（1）项目1-1》"
    assert "2014年第3季度进展报告被退回：请补充佐证材料" in message.body
    assert not Delivery.objects.filter(recipient=programme.reform_lead).exists()


def test_an_acceptance_reaches_the_unit_in_the_app_by_default(
    programme: Programme, office_user: User, django_capture_on_commit_callbacks: Capture
) -> None:
    report = _submitted(programme, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        report_accept(report=report, by=office_user, version=report.version)

    accepted = "进展填报审核通过：《（1）项目1-1》"
    for person in (programme.clerk, programme.unit_lead, programme.reform_lead):
        assert unread(person) == [accepted]
    assert unread(office_user) == ["进展报告已报送：《（1）项目1-1》"]


def test_the_same_event_twice_makes_one_notice(
    programme: Programme,
    office_user: User,
    django_capture_on_commit_callbacks: Capture,
    mail_outbox: list[Any],
) -> None:
    choose(office_user, report_submitted="email")
    office_user.email = "office@example.org"
    office_user.save()
    report = _submitted(programme, django_capture_on_commit_callbacks)

    report_event.send(sender=ProgressReport, report=report, event="submitted", by=programme.clerk)
    send_waiting()
    report_event.send(sender=ProgressReport, report=report, event="submitted", by=programme.clerk)
    send_waiting()

    assert len(mail_outbox) == 1
    assert Delivery.objects.filter(kind=NoticeKind.REPORT_SUBMITTED, channel=Channel.EMAIL).count() == 1


def test_a_resubmission_is_news_again(
    programme: Programme, office_user: User, django_capture_on_commit_callbacks: Capture
) -> None:
    report = _submitted(programme, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        report = report_return(report=report, by=office_user, version=report.version, comment="补充")
    with django_capture_on_commit_callbacks(execute=True):
        report_submit(report=report, by=programme.clerk, version=report.version)

    assert len(unread(office_user)) == 2


def test_a_rolled_back_submission_announces_nothing(
    programme: Programme, office_user: User, django_capture_on_commit_callbacks: Capture
) -> None:
    from django.db import transaction

    report = draft_report(programme)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        report_submit(report=report, by=programme.clerk, version=report.version)
        raise RuntimeError("the request failed after the submission")

    assert callbacks == []
    assert unread(office_user) == []
