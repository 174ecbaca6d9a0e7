"""A progress report in a browser: a clerk drafts and submits it with a file, the office returns it,
the clerk resubmits, the office accepts and the project's progress moves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import expect

from reformtrack.ledger.models import Plan, Project
from reformtrack.reporting.choices import ReportStatus
from reformtrack.reporting.models import Evidence, ProgressReport, ReportingCycle

from .conftest import MakePage, SignIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from pytest_django.fixtures import Settings

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_report_goes_from_draft_to_accepted(
    make_page: MakePage,
    sign_in: SignIn,
    store_plan: Callable[..., Plan],
    clerk_user: User,
    office_user: User,
    settings: Settings,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = store_plan(chapters=1, projects=1, children=0, lead_units=("区经济促进局",), co_units=())
    project = plan.projects.get(level=1)
    today = dt.date.today()
    ReportingCycle.objects.create(
        plan=plan, name="月度进展", start=today - dt.timedelta(days=40), end=today + dt.timedelta(days=300)
    )
    evidence = tmp_path / "会议纪要.pdf"
    evidence.write_bytes(PDF)

    clerk = make_page()
    sign_in(clerk_user, on=clerk)
    clerk.goto("/reports/")
    clerk.get_by_test_id("start-report").first.click()
    clerk.set_input_files("#id_files", str(evidence))
    clerk.get_by_test_id("evidence-submit").click()
    expect(clerk.get_by_test_id("evidence-list")).to_contain_text("会议纪要.pdf")
    clerk.fill("#id_percent_complete", "40")
    clerk.fill("#id_done", "完成方案起草")
    clerk.get_by_test_id("report-submit").click()
    expect(clerk.get_by_test_id("report-status")).to_contain_text("已报送")

    office = make_page()
    sign_in(office_user, on=office)
    office.goto("/reports/review/")
    office.get_by_test_id("review-queue").get_by_role("link").first.click()
    office.fill("#id_comment", "请补充会议纪要以外的佐证")
    office.get_by_test_id("review-return").click()
    expect(office.get_by_test_id("report-status")).to_contain_text("已退回")

    clerk.goto("/reports/")
    expect(clerk.get_by_test_id("owed-list")).to_contain_text("请补充会议纪要以外的佐证")
    clerk.get_by_test_id("open-report").first.click()
    clerk.fill("#id_percent_complete", "80")
    clerk.get_by_test_id("report-submit").click()
    expect(clerk.get_by_test_id("report-status")).to_contain_text("已报送")

    office.goto("/reports/review/")
    office.get_by_test_id("review-queue").get_by_role("link").first.click()
    office.get_by_test_id("review-accept").click()
    expect(office.get_by_test_id("report-status")).to_contain_text("已通过")
    expect(office.get_by_test_id("report-history")).to_contain_text(
        "重新提交"
    )  # the history entry, in Chinese

    report = ProgressReport.objects.get()
    assert (report.status, report.percent_complete) == (ReportStatus.ACCEPTED, 80)
    assert Project.objects.get(pk=project.pk).progress == 80
    assert Evidence.objects.get().original_name == "会议纪要.pdf"
