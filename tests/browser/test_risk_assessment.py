"""A social stability risk assessment in a browser, per role: the clerk drafts and submits it, the
office signs it off as high and sees the project held, the clerk's report is refused with the
message, the office records a go-ahead, and the clerk reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from playwright.sync_api import expect

from reformtrack.ledger.models import Plan, Project
from reformtrack.reporting.models import ProgressReport, ReportingCycle

from .conftest import MakePage, SignIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DIMENSIONS = ("legality", "rationality", "feasibility", "controllability")


def test_a_high_risk_holds_the_start_until_the_office_goes_ahead(
    make_page: MakePage,
    sign_in: SignIn,
    store_plan: Callable[..., Plan],
    clerk_user: User,
    office_user: User,
) -> None:
    plan = store_plan(chapters=1, projects=1, children=0, lead_units=("区经济促进局",), co_units=())
    project = plan.projects.get(level=1)
    today = dt.date.today()
    ReportingCycle.objects.create(
        plan=plan, name="月度进展", start=today - dt.timedelta(days=40), end=today + dt.timedelta(days=300)
    )

    clerk = make_page()
    sign_in(clerk_user, on=clerk)
    clerk.goto(f"/risk/project/{project.pk}/")
    clerk.get_by_test_id("risk-start").click()
    clerk.fill("#id_summary", "涉及征地拆迁，群众关注度高")
    for dimension in DIMENSIONS:
        clerk.fill(f"#id_score_{dimension}", "1" if dimension == "controllability" else "4")
        clerk.fill(f"#id_evidence_{dimension}", "经实地走访")
    clerk.get_by_test_id("risk-submit").click()
    expect(clerk.get_by_test_id("risk-status")).to_contain_text("已报送")
    expect(clerk.get_by_test_id("risk-sign-off")).to_have_count(0)

    office = make_page()
    sign_in(office_user, on=office)
    office.goto("/risk/")
    office.get_by_test_id("risk-list").get_by_role("link").first.click()
    office.get_by_test_id("risk-sign-off").click()
    expect(office.get_by_test_id("risk-level")).to_contain_text("高")
    office.goto(f"/projects/{project.pk}/")
    expect(office.get_by_test_id("project-risk-hold")).to_contain_text("暂停启动")

    clerk.goto("/reports/")
    clerk.get_by_test_id("start-report").first.click()
    expect(clerk.locator("body")).to_contain_text("社会稳定风险评估为高风险")
    assert not ProgressReport.objects.exists()

    office.goto("/risk/")
    office.get_by_test_id("risk-list").get_by_role("link").first.click()
    office.select_option("#id_decision", "go_ahead")
    office.fill("#id_reason", "化解措施已落实到位")
    office.get_by_test_id("risk-decide").click()
    expect(office.get_by_test_id("risk-decision")).to_contain_text("准予实施")
    expect(office.get_by_test_id("risk-hold")).to_have_count(0)

    clerk.goto("/reports/")
    clerk.get_by_test_id("start-report").first.click()
    clerk.fill("#id_percent_complete", "10")
    clerk.fill("#id_done", "完成风险化解工作")
    clerk.get_by_test_id("report-submit").click()
    expect(clerk.get_by_test_id("report-status")).to_contain_text("已报送")
    assert Project.objects.get(pk=project.pk).start_held is False
