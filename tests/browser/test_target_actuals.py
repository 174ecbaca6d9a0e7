"""A target's actual value in a browser: the office enters one with its evidence file on the project
page, and the target's achievement changes there and on the dashboard; the chart is drawn (no
JavaScript error, nothing the Content-Security-Policy refused)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import expect

from reformtrack.ledger.models import Plan, TargetValue

from .conftest import MakePage, SignIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from pytest_django.fixtures import Settings

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_office_enters_a_value_and_the_achievement_changes(
    make_page: MakePage,
    sign_in: SignIn,
    store_plan: Callable[..., Plan],
    office_user: User,
    settings: Settings,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = store_plan(chapters=1, projects=1, children=0, lead_units=("区经济促进局",), co_units=())
    project = plan.projects.get(level=1)  # its target: 打造2至3个网商集聚区, a range
    evidence = tmp_path / "统计报表.pdf"
    evidence.write_bytes(PDF)

    page = make_page()
    sign_in(office_user, on=page)
    page.goto(f"/?plan={plan.pk}")
    expect(page.get_by_test_id("dashboard-targets-overall")).to_contain_text("暂无法计算")
    page.goto(f"/projects/{project.pk}/")
    target = page.get_by_test_id("target").first
    expect(target.get_by_test_id("target-achievement")).to_contain_text("暂无法计算完成度")

    target.get_by_text("录入实际值").click()
    form = target.get_by_test_id("target-value-form")
    form.get_by_label("实际值").fill("1")
    form.get_by_label("截至日期").fill("2013-06-30")
    form.get_by_label("数据来源").fill("区经济促进局统计报表")
    form.get_by_label("佐证材料").set_input_files(str(evidence))
    form.get_by_test_id("target-value-save").click()

    expect(page.get_by_test_id("messages")).to_contain_text("实际值已保存")
    target = page.get_by_test_id("target").first
    expect(target.get_by_test_id("target-achievement")).to_contain_text("50%")
    expect(target.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "50")
    expect(target.get_by_test_id("target-values")).to_contain_text("区经济促进局统计报表")
    expect(target.get_by_test_id("target-evidence")).to_have_text("统计报表.pdf")
    expect(page.locator(f"#target-chart-{project.targets.get().pk} canvas")).to_be_visible()
    assert TargetValue.objects.get().entered_by == office_user

    page.goto(f"/?plan={plan.pk}")
    expect(page.get_by_test_id("dashboard-targets-overall")).to_contain_text("50.0%")
    expect(
        page.get_by_test_id("dashboard-targets-chapter").first.get_by_role("progressbar")
    ).to_have_attribute("aria-valuenow", "50")
