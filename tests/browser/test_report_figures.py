"""A report's figures in a browser: a clerk enters a target's actual value with an evidence file and
a measure's progress, the office accepts the report, and the project page shows both."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import expect

from reformtrack.ledger.models import Plan, Project, TargetValue
from reformtrack.reporting.models import ReportingCycle, TargetEntry

from .conftest import MakePage, SignIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from pytest_django.fixtures import Settings

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_an_accepted_reports_figures_show_on_the_project_page(
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
    target = project.targets.get()
    first, second = project.measures.order_by("position")
    today = dt.date.today()
    ReportingCycle.objects.create(
        plan=plan, name="月度进展", start=today - dt.timedelta(days=40), end=today + dt.timedelta(days=300)
    )
    evidence = tmp_path / "集聚区认定文件.pdf"
    evidence.write_bytes(PDF)

    clerk = make_page()
    sign_in(clerk_user, on=clerk)
    clerk.goto("/reports/")
    clerk.get_by_test_id("start-report").first.click()
    expect(clerk.get_by_test_id("target-entry")).to_contain_text("打造2至3个网商集聚区")
    clerk.fill(f"#id_target-{target.pk}-value", "abc")  # not a number: refused, the rest kept
    clerk.fill(f"#id_target-{target.pk}-source", "区经济促进局统计")
    clerk.fill(f"#id_measure-{first.pk}-progress", "80")
    clerk.fill("#id_done", "认定网商集聚区两个")
    clerk.get_by_test_id("report-save").click()
    expect(clerk.get_by_test_id("target-entry")).to_contain_text("请填写数字")
    expect(clerk.locator("#id_done")).to_have_value("认定网商集聚区两个")
    expect(clerk.locator(f"#id_measure-{first.pk}-progress")).to_have_value("80")

    clerk.fill(f"#id_target-{target.pk}-value", "2")
    clerk.fill(f"#id_target-{target.pk}-date", "2015-06-30")
    clerk.set_input_files(f"#id_target-{target.pk}-file", str(evidence))
    clerk.get_by_test_id("report-submit").click()
    expect(clerk.get_by_test_id("report-status")).to_contain_text("已报送")
    assert TargetValue.objects.count() == 0  # nothing in the ledger before the office accepts

    office = make_page()
    sign_in(office_user, on=office)
    office.goto("/reports/review/")
    office.get_by_test_id("review-queue").get_by_role("link").first.click()
    expect(office.get_by_test_id("report-target")).to_contain_text("集聚区认定文件.pdf")
    expect(office.get_by_test_id("reported-value")).to_have_text("2 个")
    expect(office.get_by_test_id("current-value")).to_have_text("尚未填报")
    expect(office.get_by_test_id("reported-progress").first).to_have_text("80%")
    office.get_by_test_id("review-accept").click()
    expect(office.get_by_test_id("report-status")).to_contain_text("已通过")

    office.goto(f"/projects/{project.pk}/")
    expect(office.get_by_test_id("target-values")).to_contain_text("2015年6月30日")
    expect(office.get_by_test_id("target-values")).to_contain_text("区经济促进局统计")
    expect(office.get_by_test_id("measure-progress").first).to_have_text("80%")
    expect(office.get_by_test_id("measure-progress").nth(1)).to_have_text(f"{second.progress}%")
    value = TargetValue.objects.get(target=target)
    assert (value.date, value.value) == (dt.date(2015, 6, 30), Decimal(2))
    assert TargetEntry.objects.get().evidence is not None
    assert Project.objects.get(pk=project.pk).progress == 40  # (80 + 0) / 2, the measures' roll-up
