"""A report's public summary: the lead unit (or the office) writes it, the office approves it for
the portal only on an accepted report, and a change withdraws the approval."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.models import Unit
from reformtrack.reporting.errors import ReportError
from reformtrack.reporting.models import ProgressReport, ReportingCycle
from reformtrack.reporting.services_public import public_summary_approve, public_summary_save

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(store_plan: Callable[..., Plan]) -> ProgressReport:
    """A submitted report of 区经济促进局 (the clerk's unit) on the plan's first project."""
    plan = store_plan(b"summary", lead_units=("区经济促进局",), co_units=("区科技创新局",))
    project = plan.projects.order_by("position").first()
    assert project is not None
    cycle = ReportingCycle.objects.create(
        plan=plan, name="月报", start=dt.date(2014, 1, 1), end=dt.date(2014, 12, 31)
    )
    return ProgressReport.objects.create(
        cycle=cycle,
        period_start=dt.date(2014, 3, 1),
        period_end=dt.date(2014, 3, 31),
        project=project,
        unit=Unit.objects.get(name="区经济促进局"),
        status="submitted",
    )


def _accept(report: ProgressReport) -> ProgressReport:
    ProgressReport.objects.filter(pk=report.pk).update(status="accepted")
    report.refresh_from_db()
    return report


def test_the_lead_units_clerk_writes_the_summary(report: ProgressReport, clerk_user: User) -> None:
    saved = public_summary_save(by=clerk_user, report=report, text="  完成了  ")

    assert saved.public_summary == "完成了"
    assert saved.public_summary_approved_at is None


@pytest.mark.parametrize("role", ["counit_user", "outsider_clerk", "leader_user", "supervision_user"])
def test_it_refuses_another_units_or_a_readers_summary(
    role: str, report: ProgressReport, request: pytest.FixtureRequest
) -> None:
    with pytest.raises(PermissionDenied):
        public_summary_save(by=request.getfixturevalue(role), report=report, text="不该写")

    report.refresh_from_db()
    assert report.public_summary == ""


def test_only_an_accepted_reports_summary_is_approved(
    report: ProgressReport, clerk_user: User, office_user: User
) -> None:
    public_summary_save(by=clerk_user, report=report, text="完成了")

    with pytest.raises(ReportError):
        public_summary_approve(by=office_user, report=report)
    approved = public_summary_approve(by=office_user, report=_accept(report))

    assert approved.public_summary_approved_at is not None
    assert approved.public_summary_approved_by == office_user


def test_only_the_office_approves(report: ProgressReport, clerk_user: User, unit_lead_user: User) -> None:
    public_summary_save(by=clerk_user, report=_accept(report), text="完成了")

    for user in (clerk_user, unit_lead_user):
        with pytest.raises(PermissionDenied):
            public_summary_approve(by=user, report=report)


def test_a_change_withdraws_the_approval(report: ProgressReport, clerk_user: User, office_user: User) -> None:
    public_summary_save(by=clerk_user, report=_accept(report), text="完成了")
    public_summary_approve(by=office_user, report=report)

    changed = public_summary_save(by=clerk_user, report=report, text="完成了，并已推广")

    assert changed.public_summary_approved_at is None
    assert changed.history.first().history_change_reason == "public summary written"


def test_an_empty_summary_cannot_be_approved(report: ProgressReport, office_user: User) -> None:
    with pytest.raises(ReportError):
        public_summary_approve(by=office_user, report=_accept(report))


def test_the_report_page_writes_and_the_office_approves(
    report: ProgressReport, clerk_user: User, office_user: User, client: Client
) -> None:
    client.force_login(clerk_user)
    client.post(reverse("reporting:public_summary", args=[report.pk]), {"public_summary": "完成了"})
    _accept(report)
    assert "完成了" in client.get(reverse("reporting:report_detail", args=[report.pk])).content.decode()
    assert (
        client.post(
            reverse("reporting:public_summary_review", args=[report.pk]), {"action": "approve"}
        ).status_code
        == 403
    )

    client.force_login(office_user)
    client.post(reverse("reporting:public_summary_review", args=[report.pk]), {"action": "approve"})

    report.refresh_from_db()
    assert report.public_summary == "完成了"
    assert report.public_summary_approved_at is not None
