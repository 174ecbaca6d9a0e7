"""The report form in a browser: what the clerk typed survives every path (issue 8, item 3).

Each path ends with 保存并报送 going through: upload first, a refused upload then submit, a field to
correct, an expired session, a reload of the page before saving. The page never leaves the report's
own URL on the way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from reformtrack.reporting.choices import ReportStatus
from reformtrack.reporting.models import Evidence, ProgressReport, ReportingCycle

from .conftest import PASSWORD, MakePage, SignIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from pytest_django.fixtures import Settings

    from reformtrack.ledger.models import Plan

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
DONE = "走访企业三十家，形成调研报告初稿"
PROBLEMS = "专项资金尚未到位"


@pytest.fixture
def clerk(
    make_page: MakePage,
    sign_in: SignIn,
    store_plan: Callable[..., Plan],
    make_user: Callable[..., User],
    settings: Settings,
    tmp_path: Path,
) -> Page:
    """A clerk of the lead unit on the form of a fresh draft report (the page's URL is the report's)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = store_plan(chapters=1, projects=1, children=0, lead_units=("区经济促进局",), co_units=())
    today = dt.date.today()
    ReportingCycle.objects.create(
        plan=plan, name="月度进展", start=today - dt.timedelta(days=40), end=today + dt.timedelta(days=300)
    )
    user = make_user("clerk", "区经济促进局", username="form-clerk", password=PASSWORD, name="填报员")
    page = make_page()
    sign_in(user, on=page)
    page.goto("/reports/")
    page.get_by_test_id("start-report").first.click()
    expect(page.get_by_test_id("report-form")).to_be_visible()
    return page


def _file(tmp_path: Path, name: str, content: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def _type(page: Page, percent: str = "40") -> None:
    page.fill("#id_percent_complete", percent)
    page.fill("#id_done", DONE)
    page.fill("#id_problems", PROBLEMS)


def _expect_typed(page: Page, percent: str = "40") -> None:
    expect(page.locator("#id_done")).to_have_value(DONE)
    expect(page.locator("#id_problems")).to_have_value(PROBLEMS)
    expect(page.locator("#id_percent_complete")).to_have_value(percent)


def _submit_and_check(page: Page, form_url: str) -> ProgressReport:
    assert page.url == form_url
    page.get_by_test_id("report-submit").click()
    expect(page.get_by_test_id("report-status")).to_contain_text("已报送")
    report = ProgressReport.objects.get()
    assert (report.status, report.done, report.problems) == (ReportStatus.SUBMITTED, DONE, PROBLEMS)
    return report


def test_upload_first_then_submit(clerk: Page, tmp_path: Path) -> None:
    url = clerk.url
    _type(clerk)
    clerk.set_input_files("#id_files", _file(tmp_path, "会议纪要.pdf", PDF))

    clerk.get_by_test_id("evidence-submit").click()

    expect(clerk.get_by_test_id("evidence-list")).to_contain_text("会议纪要.pdf")
    _expect_typed(clerk)
    _submit_and_check(clerk, url)
    assert Evidence.objects.get().original_name == "会议纪要.pdf"


def test_refused_upload_then_submit(clerk: Page, tmp_path: Path) -> None:
    url = clerk.url
    _type(clerk)
    clerk.set_input_files("#id_files", _file(tmp_path, "报告.pdf", ELF))

    clerk.get_by_test_id("evidence-submit").click()

    expect(clerk.get_by_test_id("evidence-error")).to_contain_text("报告.pdf 不是可接受的文件类型")
    assert clerk.url == url
    _expect_typed(clerk)
    _submit_and_check(clerk, url)
    assert not Evidence.objects.exists()


def test_refused_upload_while_submitting_then_submit_again(clerk: Page, tmp_path: Path) -> None:
    url = clerk.url
    _type(clerk)
    clerk.set_input_files("#id_files", _file(tmp_path, "报告.pdf", ELF))

    clerk.get_by_test_id("report-submit").click()

    expect(clerk.get_by_test_id("report-error")).to_contain_text("报告尚未报送")
    expect(clerk.get_by_test_id("evidence-error")).to_contain_text("不是可接受的文件类型")
    _expect_typed(clerk)
    _submit_and_check(clerk, url)


def test_validation_error_then_submit(clerk: Page) -> None:
    url = clerk.url
    _type(clerk, percent="150")

    clerk.get_by_test_id("report-submit").click()

    expect(clerk.get_by_test_id("field-error")).to_contain_text("确保该值小于或等于100")
    assert clerk.url == url
    _expect_typed(clerk, percent="150")
    clerk.fill("#id_percent_complete", "40")
    _submit_and_check(clerk, url)


def test_expired_session_then_submit(clerk: Page, tmp_path: Path) -> None:
    from django.contrib.sessions.models import Session

    url = clerk.url
    _type(clerk)
    clerk.set_input_files("#id_files", _file(tmp_path, "会议纪要.pdf", PDF))
    Session.objects.all().delete()  # the login expires on the server while the clerk types

    clerk.get_by_test_id("report-submit").click()

    expect(clerk.get_by_test_id("login-form")).to_be_visible()
    expect(clerk.get_by_test_id("messages")).to_contain_text("登录已过期")
    clerk.fill("input[name=username]", "form-clerk")
    clerk.fill("input[name=password]", PASSWORD)
    clerk.get_by_test_id("login-form").locator("[type=submit]").click()
    expect(clerk.get_by_test_id("messages")).to_contain_text("登录过期前填写的内容已恢复并保存为草稿")
    expect(clerk.get_by_test_id("messages")).to_contain_text("请重新选择")
    _expect_typed(clerk)
    assert ProgressReport.objects.get().done == DONE  # saved to the report on the server
    clerk.set_input_files("#id_files", _file(tmp_path, "会议纪要.pdf", PDF))
    _submit_and_check(clerk, url)
    assert Evidence.objects.get().original_name == "会议纪要.pdf"


def test_reload_before_saving_then_submit(clerk: Page) -> None:
    url = clerk.url
    _type(clerk)

    clerk.reload()

    _expect_typed(clerk)
    expect(clerk.get_by_test_id("draft-restored")).to_be_visible()
    assert ProgressReport.objects.get().done == ""  # restored from the browser, not yet on the server
    _submit_and_check(clerk, url)
    # submitted: the browser's copy is gone, a new visit shows what the server has
    stored = clerk.evaluate("() => Object.keys(window.localStorage)")
    assert stored == []


def test_a_saved_draft_is_not_overwritten_by_an_old_browser_copy(clerk: Page) -> None:
    url = clerk.url
    _type(clerk)
    clerk.get_by_test_id("report-save").click()
    expect(clerk.get_by_test_id("messages")).to_contain_text("草稿已保存")

    clerk.goto(url)

    _expect_typed(clerk)
    expect(clerk.get_by_test_id("draft-restored")).to_be_hidden()
    assert clerk.evaluate("() => Object.keys(window.localStorage)") == []


def test_a_wrong_file_is_removed_and_the_text_kept(clerk: Page, tmp_path: Path) -> None:
    url = clerk.url
    clerk.set_input_files("#id_files", _file(tmp_path, "错传.pdf", PDF))
    clerk.get_by_test_id("evidence-submit").click()
    expect(clerk.get_by_test_id("evidence-list")).to_contain_text("错传.pdf")
    _type(clerk)

    clerk.get_by_test_id("evidence-remove").click()
    clerk.get_by_test_id("evidence-remove-confirm").get_by_test_id("confirm").click()

    expect(clerk.get_by_test_id("no-evidence")).to_be_visible()
    _expect_typed(clerk)
    assert Evidence.objects.get().archived_at is not None
    _submit_and_check(clerk, url)
