"""The public project page shows the approved public summary of the latest accepted report and
nothing internal: no evidence, review comment, problems, help asked, orders or people's names."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from reformtrack.reporting.models import Evidence, ProgressReport, ReportingCycle
from reformtrack.reporting.services_public import public_summary_approve, public_summary_save
from reformtrack.supervision.models import SupervisionOrder

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan, Project

pytestmark = pytest.mark.django_db

SUMMARY = "已建成网商集聚区两个，服务企业三百家。"
SECRETS = (
    "审核意见绝密甲乙丙",
    "内部证据材料丁戊.pdf",
    "存在问题己庚辛",
    "需协调事项壬癸",
    "督办原因子丑寅",
    "张领导卯辰",
)


def _accepted_report(project: Project, **fields: Any) -> ProgressReport:
    unit = project.units.first()
    assert unit is not None
    cycle, _ = ReportingCycle.objects.get_or_create(
        plan=project.plan, name="月报", defaults={"start": dt.date(2014, 1, 1), "end": dt.date(2014, 12, 31)}
    )
    return ProgressReport.objects.create(
        cycle=cycle, project=project, unit=unit, status="accepted", percent_complete=60, **fields
    )


@pytest.fixture
def project(
    published_plan: Plan, office_user: User, leader_user: User, settings: Any, tmp_path: Any
) -> Project:
    """A public project with an accepted report full of internal text and an approved summary."""
    settings.MEDIA_ROOT = tmp_path / "media"
    project = published_plan.projects.get(title="项目1-1")
    leader_user.first_name, leader_user.last_name = "卯辰", "张领导"
    leader_user.save()
    type(project).objects.filter(pk=project.pk).update(leader=leader_user)
    report = _accepted_report(
        project,
        period_start=dt.date(2014, 3, 1),
        period_end=dt.date(2014, 3, 31),
        review_comment=SECRETS[0],
        problems=SECRETS[2],
        help_needed=SECRETS[3],
    )
    evidence = Evidence(
        report=report, original_name=SECRETS[1], content_type="application/pdf", size=5, sha256="0" * 64
    )
    evidence.file.save("a.pdf", ContentFile(b"%PDF-"), save=True)
    unit = project.units.first()
    assert unit is not None
    SupervisionOrder.objects.create(
        year=2014,
        sequence=1,
        issued_by=office_user,
        issuing_office="coordinating",
        unit=unit,
        project=project,
        reason=SECRETS[4],
        requirements="限期整改",
        response_due=dt.date(2014, 7, 1),
        grade="blue",
    )
    public_summary_save(by=office_user, report=report, text=SUMMARY)
    public_summary_approve(by=office_user, report=report)
    return project


def test_the_page_shows_the_approved_summary_and_nothing_internal(client: Client, project: Project) -> None:
    page = client.get(reverse("portal:project", args=[project.pk])).content.decode()

    assert SUMMARY in page
    for secret in SECRETS:
        assert secret not in page, secret
    assert "卯辰" not in page


def test_a_summary_not_approved_is_not_shown(client: Client, project: Project, office_user: User) -> None:
    report = ProgressReport.objects.get(project=project)
    public_summary_approve(by=office_user, report=report, approve=False)

    assert SUMMARY not in client.get(reverse("portal:project", args=[project.pk])).content.decode()


def test_a_later_accepted_report_without_an_approved_summary_hides_the_older_one(
    client: Client, project: Project
) -> None:
    _accepted_report(project, period_start=dt.date(2014, 4, 1), period_end=dt.date(2014, 4, 30))

    assert SUMMARY not in client.get(reverse("portal:project", args=[project.pk])).content.decode()
