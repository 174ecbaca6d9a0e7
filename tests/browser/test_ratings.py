"""An anonymous visitor on a phone-sized window rates a public project on its public page (score,
comment, the challenge, the consent box) and is thanked; the office signs in, publishes the comment
with an answer, and the public page shows both. axe-core finds no serious or critical violation on
the public page."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from .conftest import TIMEOUT_MS, MakePage, SignIn
from .test_accessibility import AUDIT, AXE, FAILING_IMPACTS

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import User
    from playwright.sync_api import Browser, Page, ViewportSize
    from pytest_django.live_server_helper import LiveServer

    from reformtrack.ingest.model import ParsedPlan
    from reformtrack.ledger.models import Project

PHONE: ViewportSize = {"width": 375, "height": 812}


@pytest.fixture
def public_project(
    transactional_db: None, office_user: User, make_plan: Callable[..., ParsedPlan]
) -> Project:
    from reformtrack.ledger.services import plan_import
    from reformtrack.ledger.services_publish import plan_publish

    parsed = make_plan(chapters=1, projects=1, children=0, measures=0, lead_units=("区经济促进局",))
    plan = plan_import(parsed=parsed, source_bytes=b"ratings", filename="plan.txt")
    plan_publish(by=office_user, plan=plan, all_projects=True)
    return plan.projects.get()


def _answer(page: Page) -> str:
    question = page.get_by_test_id("rating-form").locator("label[for=id_challenge_answer]").inner_text()
    found = re.search(r"（(\d+) \+ (\d+)）", question)
    assert found is not None, question
    return str(int(found.group(1)) + int(found.group(2)))


def test_a_visitor_rates_on_a_phone_and_the_office_publishes_with_an_answer(
    make_page: MakePage, sign_in: SignIn, office_user: User, public_project: Project
) -> None:
    visitor = make_page()
    visitor.set_viewport_size(PHONE)
    path = f"/public/ratings/projects/{public_project.pk}/"
    visitor.goto(path)
    visitor.get_by_label("5分 – 非常满意").check()
    visitor.get_by_label("意见建议（选填）").fill("窗口办事比去年快多了")
    visitor.locator("#id_challenge_answer").fill(_answer(visitor))
    visitor.get_by_label("我已阅读并同意上述个人信息处理告知。").check()
    visitor.get_by_test_id("rating-submit").click()
    visitor.wait_for_load_state()
    assert "感谢您的评价" in visitor.get_by_test_id("messages").inner_text()
    assert "5.00" in visitor.get_by_test_id("rating-summary").inner_text()
    assert "窗口办事比去年快多了" not in visitor.get_by_test_id("rating-panel").inner_text()

    office = make_page()
    sign_in(office_user, on=office)
    office.goto("/ratings/")
    office.get_by_test_id("ratings-queue").get_by_role("link", name="窗口办事比去年快多了").click()
    office.get_by_label("改革办回复").fill("感谢支持，我们将继续压缩办理时限")
    office.get_by_test_id("rating-answer-save").click()
    office.wait_for_load_state()
    office.get_by_test_id("rating-publish").click()
    office.wait_for_load_state()
    assert office.get_by_test_id("rating-status").inner_text().startswith("已公开")

    visitor.goto(path)
    panel = visitor.get_by_test_id("rating-comments").inner_text()
    assert "窗口办事比去年快多了" in panel and "感谢支持，我们将继续压缩办理时限" in panel


def test_the_public_page_has_no_serious_accessibility_violation(
    browser: Browser, live_server: LiveServer, public_project: Project
) -> None:
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci` in the checkout"
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport=PHONE, bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        response = page.goto(f"/public/ratings/projects/{public_project.pk}/")
        assert response is not None and response.status == 200
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        violations = page.evaluate(AUDIT, list(FAILING_IMPACTS))
    finally:
        context.close()

    assert not violations, "\n".join(violations)
