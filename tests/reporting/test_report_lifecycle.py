"""A report's life: draft → submit → return → resubmit → accept, with the project's progress updated."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404

from reformtrack.ledger.models import Project
from reformtrack.reporting.choices import ReportStatus
from reformtrack.reporting.errors import ConcurrentReview, ReportError
from reformtrack.reporting.models import ProgressReport
from reformtrack.reporting.services import (
    contribution_add,
    report_accept,
    report_resubmit,
    report_return,
    report_save_draft,
    report_submit,
)

pytestmark = pytest.mark.django_db


def test_it_goes_through_the_whole_lifecycle(
    report: ProgressReport, project: Project, clerk_user: User, unit_lead_user: User, office_user: User
) -> None:
    report = report_save_draft(
        report=report,
        by=clerk_user,
        version=1,
        percent_complete=40,
        done="完成调研",
        reported_status="at_risk",
    )
    report = report_submit(report=report, by=unit_lead_user, version=report.version)
    assert (report.status, report.submitted_by) == (ReportStatus.SUBMITTED, unit_lead_user)

    report = report_return(report=report, by=office_user, version=report.version, comment="请补充佐证材料")
    assert (report.status, report.review_comment) == (ReportStatus.RETURNED, "请补充佐证材料")

    report = report_save_draft(report=report, by=clerk_user, version=report.version, percent_complete=55)
    assert report.status == ReportStatus.RETURNED
    report = report_resubmit(report=report, by=clerk_user, version=report.version)
    report = report_accept(report=report, by=office_user, version=report.version)

    assert (report.status, report.reviewed_by) == (ReportStatus.ACCEPTED, office_user)
    assert Project.objects.get(pk=project.pk).progress == 55
    reasons = list(report.history.order_by("history_id").values_list("history_change_reason", flat=True))
    assert reasons[1:] == [
        "saved done, percent_complete, reported_status",
        "submitted",
        "returned",
        "saved percent_complete",
        "resubmitted",
        "accepted",
    ]
    assert report.history.filter(history_user=office_user).count() == 2


def test_it_refuses_a_return_without_a_comment(
    report: ProgressReport, clerk_user: User, office_user: User
) -> None:
    report = report_save_draft(report=report, by=clerk_user, version=1, done="完成调研")
    report = report_submit(report=report, by=clerk_user, version=report.version)

    with pytest.raises(ReportError):
        report_return(report=report, by=office_user, version=report.version, comment="  ")


def test_it_refuses_an_empty_submission(report: ProgressReport, clerk_user: User) -> None:
    with pytest.raises(ReportError):
        report_submit(report=report, by=clerk_user, version=1)


def test_it_keeps_review_to_the_office(
    report: ProgressReport,
    clerk_user: User,
    unit_lead_user: User,
    leader_user: User,
    supervision_user: User,
    counit_user: User,
) -> None:
    report = report_save_draft(report=report, by=clerk_user, version=1, done="完成调研")
    report = report_submit(report=report, by=clerk_user, version=report.version)

    for user in (clerk_user, unit_lead_user, leader_user, supervision_user, counit_user):
        with pytest.raises(PermissionDenied):
            report_accept(report=report, by=user, version=report.version)
        with pytest.raises(PermissionDenied):
            report_return(report=report, by=user, version=report.version, comment="不行")

    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


def test_only_the_lead_unit_writes_the_report(
    report: ProgressReport, counit_user: User, office_user: User, outsider_clerk: User
) -> None:
    for user in (counit_user, office_user):
        with pytest.raises(PermissionDenied):
            report_save_draft(report=report, by=user, version=1, done="x")
    with pytest.raises(Http404):
        report_save_draft(report=report, by=outsider_clerk, version=1, done="x")


def test_a_stale_save_is_refused_with_who_acted_first(report: ProgressReport, clerk_user: User) -> None:
    stale = ProgressReport.objects.get(pk=report.pk)
    report_save_draft(report=report, by=clerk_user, version=1, done="先保存")

    with pytest.raises(ConcurrentReview) as refused:
        report_save_draft(report=stale, by=clerk_user, version=1, done="后保存")

    assert refused.value.acted_by == clerk_user
    assert ProgressReport.objects.get(pk=report.pk).done == "先保存"


def test_co_units_contribute_and_others_do_not(
    report: ProgressReport, counit_user: User, clerk_user: User, outsider_clerk: User
) -> None:
    contribution = contribution_add(report=report, by=counit_user, text="已配合完成数据整理")

    assert (contribution.unit.name, contribution.by) == ("区科技创新局", counit_user)
    with pytest.raises(PermissionDenied):
        contribution_add(report=report, by=clerk_user, text="x")
    with pytest.raises(Http404):
        contribution_add(report=report, by=outsider_clerk, text="x")
