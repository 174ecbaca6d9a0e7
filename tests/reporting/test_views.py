"""The reporting pages: my reports, the form with evidence upload, the report page, review, cycles."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from reformtrack.ledger.models import Plan, Project, Unit
from reformtrack.reporting.choices import ReportStatus
from reformtrack.reporting.models import Evidence, ProgressReport, ReportingCycle

from .conftest import ELF, PDF, PERIOD

pytestmark = pytest.mark.django_db


def _form(report: ProgressReport, **changes: str) -> dict[str, str]:
    data = {
        "version": str(report.version),
        "reported_status": "on_track",
        "percent_complete": "45",
        "done": "完成调研",
        "problems": "",
        "help_needed": "",
        "next_steps": "",
    }
    return {**data, **changes}


def test_it_walks_a_report_through_the_pages(
    cycle: ReportingCycle,
    project: Project,
    lead_unit: Unit,
    client: Client,
    clerk_user: User,
    office_user: User,
) -> None:
    client.force_login(clerk_user)
    start = {
        "cycle": cycle.pk,
        "period_start": PERIOD.isoformat(),
        "project": project.pk,
        "unit": lead_unit.pk,
    }
    response = client.post(reverse("reporting:report_start"), start)
    report = ProgressReport.objects.get()
    assert response["Location"] == reverse("reporting:report_edit", args=[report.pk])

    upload = client.post(
        reverse("reporting:report_edit", args=[report.pk]),
        {**_form(report), "upload": "", "files": SimpleUploadedFile("佐证.pdf", PDF)},
    )
    assert upload["Location"] == reverse("reporting:report_edit", args=[report.pk])
    report.refresh_from_db()
    response = client.post(
        reverse("reporting:report_edit", args=[report.pk]), {**_form(report), "submit": ""}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    client.force_login(office_user)
    assert report.project.title in client.get(reverse("reporting:review_queue")).content.decode()
    client.post(
        reverse("reporting:report_review", args=[report.pk]),
        {"action": "return", "version": report.version, "comment": "请补充数据"},
    )
    report.refresh_from_db()
    assert (report.status, report.review_comment) == (ReportStatus.RETURNED, "请补充数据")

    client.force_login(clerk_user)
    assert "请补充数据" in client.get(reverse("reporting:my_reports")).content.decode()
    client.post(
        reverse("reporting:report_edit", args=[report.pk]),
        {**_form(report, percent_complete="60"), "submit": ""},
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    client.force_login(office_user)
    client.post(
        reverse("reporting:report_review", args=[report.pk]), {"action": "accept", "version": report.version}
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert Project.objects.get(pk=project.pk).progress == 60
    page = client.get(reverse("reporting:report_detail", args=[report.pk])).content.decode()
    assert "佐证.pdf" in page and "重新提交" in page  # the history entry, in the page's language
    evidence = Evidence.objects.get()
    download = client.get(reverse("reporting:evidence_download", args=[evidence.pk]))
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    assert "attachment" in download["Content-Disposition"]


def test_it_refuses_a_renamed_executable_with_a_message(
    report: ProgressReport, client: Client, clerk_user: User
) -> None:
    client.force_login(clerk_user)

    response = client.post(
        reverse("reporting:report_edit", args=[report.pk]),
        {**_form(report), "upload": "", "files": SimpleUploadedFile("报告.pdf", ELF)},
    )

    assert response.status_code == 400
    assert "报告.pdf 不是可接受的文件类型" in response.content.decode()
    assert not Evidence.objects.exists()


def test_an_upload_to_another_units_report_is_404(
    report: ProgressReport, client: Client, outsider_clerk: User
) -> None:
    client.force_login(outsider_clerk)

    response = client.post(
        reverse("reporting:report_edit", args=[report.pk]),
        {**_form(report), "files": SimpleUploadedFile("a.pdf", PDF)},
    )

    assert response.status_code == 404
    assert not Evidence.objects.exists()


def test_a_stale_review_says_who_acted_first(
    report: ProgressReport, client: Client, clerk_user: User, office_user: User
) -> None:
    from reformtrack.reporting.services import report_accept, report_save_draft, report_submit

    report = report_save_draft(report=report, by=clerk_user, version=1, done="完成")
    report = report_submit(report=report, by=clerk_user, version=report.version)
    stale = report.version
    report_accept(report=report, by=office_user, version=stale)
    client.force_login(office_user)

    response = client.post(
        reverse("reporting:report_review", args=[report.pk]),
        {"action": "return", "version": stale, "comment": "退回"},
        follow=True,
    )

    assert "office" in response.content.decode()
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.ACCEPTED


def test_the_office_sets_up_a_cycle(plan: Plan, client: Client, office_user: User) -> None:
    client.force_login(office_user)
    data = {
        "plan": plan.pk,
        "name": "季度报告",
        "frequency": "quarterly",
        "due_day": "10",
        "grace_days": "5",
        "start": "2014-01-01",
        "end": "2014-12-31",
        "active": "on",
    }

    response = client.post(reverse("reporting:cycle_create"), data)

    assert response.status_code == 302
    cycle = ReportingCycle.objects.get()
    assert (cycle.frequency, cycle.due_day, cycle.history.get().history_user) == (
        "quarterly",
        10,
        office_user,
    )
    response = client.post(reverse("reporting:cycle_edit", args=[cycle.pk]), {**data, "grace_days": "7"})
    assert response.status_code == 302
    assert ReportingCycle.objects.get().grace_days == 7


def _reports(cycle: ReportingCycle, project: Project, unit: Unit, count: int) -> None:
    ProgressReport.objects.bulk_create(
        ProgressReport(
            cycle=cycle,
            period_start=dt.date(2000, 1, 1) + dt.timedelta(days=n),
            period_end=dt.date(2000, 1, 1) + dt.timedelta(days=n),
            project=project,
            unit=unit,
            status=ReportStatus.SUBMITTED,
        )
        for n in range(count)
    )


@pytest.mark.parametrize("count", [10, 100])
def test_the_lists_take_a_fixed_number_of_queries(
    count: int,
    cycle: ReportingCycle,
    project: Project,
    lead_unit: Unit,
    client: Client,
    clerk_user: User,
    office_user: User,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    _reports(cycle, project, lead_unit, count)
    # From the first of this month: only this month's period is open, whatever day the test runs
    # (a start in an earlier month would leave that month's period open until its due day).
    today = dt.date.today()
    ReportingCycle.objects.create(
        plan=cycle.plan, name="本年", start=today.replace(day=1), end=today + dt.timedelta(days=300)
    )
    client.force_login(office_user)
    # one query each more than the rows need: the paginator's count, and the bell's unread count
    with django_assert_num_queries(6):
        assert client.get(reverse("reporting:review_queue")).status_code == 200
    with django_assert_num_queries(7):
        assert client.get(reverse("reporting:my_reports")).status_code == 200
    client.force_login(clerk_user)
    with django_assert_num_queries(9):
        page = client.get(reverse("reporting:my_reports")).content.decode()
    assert page.count('data-testid="start-report"') == 2  # this month's report on each of the two projects


def test_the_lists_come_in_pages_of_fifty(
    cycle: ReportingCycle, project: Project, lead_unit: Unit, client: Client, office_user: User
) -> None:
    _reports(cycle, project, lead_unit, 120)
    client.force_login(office_user)
    row = re.compile(r'href="/reports/(\d+)/"')

    pages = [
        row.findall(client.get(reverse("reporting:review_queue"), {"page": n}).content.decode())
        for n in ("1", "2", "3")
    ]
    beyond = client.get(reverse("reporting:my_reports"), {"page": "99"}).content.decode()

    assert [len(found) for found in pages] == [50, 50, 20]
    assert sorted(int(pk) for found in pages for pk in found) == sorted(
        ProgressReport.objects.values_list("pk", flat=True)
    )
    assert len(row.findall(beyond)) == 20  # a page past the end shows the last one
