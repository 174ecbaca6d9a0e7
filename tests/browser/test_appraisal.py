"""The yearly appraisal in the browser, for each role taking part: the office configures, computes
and publishes; the clerk reads the unit's score explained and appeals; the office decides the
appeal; the district leader reads the ranking."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import FilePayload, Page, expect

from reformtrack.appraisal.models import Result, Run, Scheme
from reformtrack.appraisal.services import appeal_submit, appraisal_compute, appraisal_publish
from reformtrack.ledger.choices import ProjectStatus
from reformtrack.ledger.models import Project, ProjectUnit, Unit

from .conftest import LogIn

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan

pytestmark = pytest.mark.browser

OWN = "区经济促进局"  # the clerk's unit
OTHER = "区财政局"
YEAR = 2014


def _programme(store_plan: Callable[..., Plan]) -> Scheme:
    """Three projects due in 2014: the clerk's unit leads two (one completed, one overdue: 50 points
    on "projects on time"), 区财政局 one overdue (0 points)."""
    plan = store_plan(chapters=1, projects=3, children=0, measures=0, lead_units=(OWN,), co_units=())
    projects = list(plan.projects.order_by("position"))
    other = Unit.objects.get_or_create(name=OTHER, defaults={"kind": "government"})[0]
    ProjectUnit.objects.filter(project=projects[2]).update(unit=other)
    Project.objects.filter(pk=projects[0].pk).update(status=ProjectStatus.COMPLETED, progress=100)
    Project.objects.filter(plan=plan).update(deadline=dt.date(YEAR, 6, 30))
    from django.contrib.auth.models import User

    author = User.objects.get_or_create(username="scheme-author")[0]
    return Scheme.objects.create(year=YEAR, weights={"projects_on_time": 100}, created_by=author)


def _published(scheme: Scheme, office: User) -> Run:
    run = appraisal_compute(scheme=scheme, by=office, as_of=dt.date(YEAR, 12, 31))
    return appraisal_publish(run=run, by=office)


def test_the_office_configures_computes_and_publishes(
    page: Page, log_in: LogIn, store_plan: Callable[..., Plan]
) -> None:
    scheme = _programme(store_plan)
    log_in("office")

    page.goto("/appraisal/")
    page.get_by_test_id("scheme-link").click()
    for key in ("reports_on_time", "review_outcomes", "target_achievement", "supervision_orders"):
        page.fill(f"input[name=weight_{key}]", "0")
    page.fill("input[name=weight_projects_on_time]", "100")
    page.fill("input[name=bonus_cap]", "3")
    page.get_by_test_id("scheme-save").click()
    expect(page.get_by_test_id("messages")).to_contain_text("考核方案已保存")
    # every component is offered now (the citizens' satisfaction since the ratings): none listed as not
    expect(page.get_by_test_id("unoffered")).to_have_count(0)
    expect(page.locator("input[name=weight_citizen_satisfaction]")).to_have_value("0")
    page.get_by_test_id("compute").click()

    expect(page.get_by_test_id("run-status")).to_have_text("已计算")
    rows = page.get_by_test_id("result-row")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text(OWN)
    expect(rows.first.get_by_test_id("total")).to_have_text("50.00")
    expect(page.locator("#chart-department canvas")).to_be_visible()
    page.get_by_test_id("publish").click()
    expect(page.get_by_test_id("run-status")).to_have_text("已公开")
    scheme.refresh_from_db()
    assert scheme.bonus_cap == Decimal(3)
    assert Run.objects.get().appeal_until is not None


def test_the_clerk_reads_the_units_score_explained_and_appeals(
    page: Page, log_in: LogIn, store_plan: Callable[..., Plan], office_user: User
) -> None:
    run = _published(_programme(store_plan), office_user)
    log_in("clerk", OWN)

    page.goto("/appraisal/")
    page.get_by_test_id("run-row").get_by_role("link").click()
    expect(page.get_by_test_id("result-row")).to_have_count(1)  # its own result only
    page.get_by_test_id("result-row").get_by_role("link").click()
    expect(page.get_by_test_id("result-total")).to_have_text("50.00")
    component = page.get_by_test_id("component-projects_on_time")
    component.locator("summary").click()
    expect(component.get_by_test_id("rule")).to_contain_text("到期的项目2项，已完成1项，逾期未完成1项")
    expect(component.locator("tbody tr")).to_have_count(2)
    expect(component).to_contain_text("逾期未完成")
    page.fill("textarea[name=reasons]", "项目（2）已于6月底完成，进度未及时更新")
    page.set_input_files(
        "input[name=attachment]",
        files=FilePayload(name="完成证明.pdf", mimeType="application/pdf", buffer=b"%PDF-1.4\n%%EOF\n"),
    )
    page.get_by_test_id("appeal-submit").click()

    expect(page.get_by_test_id("messages")).to_contain_text("申诉已提交")
    expect(page.get_by_test_id("appeal")).to_contain_text("待处理")
    expect(page.get_by_test_id("appeal")).to_contain_text("完成证明.pdf")
    assert Result.objects.get(run=run, unit__name=OWN).appeals.count() == 1


def test_the_office_decides_the_appeal_and_the_score_changes(
    page: Page, log_in: LogIn, store_plan: Callable[..., Plan], office_user: User, clerk_user: User
) -> None:
    run = _published(_programme(store_plan), office_user)
    result = Result.objects.get(run=run, unit__name=OWN)
    appeal_submit(result=result, reasons="项目（2）已完成", by=clerk_user)
    log_in("office")

    page.goto(f"/appraisal/runs/{run.pk}/")
    page.get_by_test_id("pending-appeals").get_by_test_id("decide-link").click()
    page.get_by_label("采纳：调整得分").check()
    page.fill("input[name=points]", "50")
    page.fill("textarea[name=reason]", "经核实，项目已按期完成")
    page.get_by_test_id("decide-submit").click()

    expect(page.get_by_test_id("result-total")).to_have_text("100.00")
    expect(page.get_by_test_id("decision")).to_contain_text("50.00 → 100.00")
    result.refresh_from_db()
    assert (result.adjustment, result.total) == (Decimal(50), Decimal(100))


def test_the_leader_reads_the_ranking(
    page: Page, log_in: LogIn, store_plan: Callable[..., Plan], office_user: User
) -> None:
    run = _published(_programme(store_plan), office_user)
    log_in("leader")

    page.goto(f"/appraisal/runs/{run.pk}/")

    ranking = page.get_by_test_id("result-row")
    expect(ranking).to_have_count(2)
    expect(ranking.nth(1)).to_contain_text(OTHER)
    expect(ranking.nth(1).get_by_test_id("total")).to_have_text("0.00")
    expect(page.locator("#chart-department canvas")).to_be_visible()
    expect(page.get_by_test_id("publish")).to_have_count(0)
    # the evaluation results are offered now (appraisal/sources.py): no longer listed as not offered
    expect(page.get_by_test_id("unoffered")).to_have_count(0)
