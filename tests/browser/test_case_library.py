"""The case library in a browser, role by role: the clerk of the lead unit drafts a case from its
project's page and submits it, the office returns it with a comment, the clerk fixes and submits it
again, the office approves it and marks it for publication, and a district leader finds it by a
search and downloads it as .docx."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING

import docx
from playwright.sync_api import expect

from reformtrack.cases.choices import CaseStatus
from reformtrack.cases.models import Case
from reformtrack.ledger.models import Plan

from .conftest import PASSWORD, MakePage, SignIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from playwright.sync_api import Page


def _draft(clerk: Page, project_pk: int) -> None:
    clerk.goto(f"/projects/{project_pk}/")
    clerk.get_by_test_id("project-write-case").click()
    clerk.fill("#id_title", "网商集聚区建设的罗湖经验")
    clerk.fill("#id_summary", "三年建成3个网商集聚区。")
    clerk.fill("#id_background", "罗湖区电子商务起步较晚，缺少集聚平台。")
    clerk.fill("#id_actions", "设立专项资金；引进龙头企业。")
    clerk.fill("#id_results", "集聚区已建成。")
    clerk.fill("#id_lessons", "政策先行，服务跟进。")
    clerk.fill("#id_keywords", "电子商务，集聚区")
    clerk.get_by_test_id("case-save").click()
    expect(clerk.get_by_test_id("case-title")).to_have_text("网商集聚区建设的罗湖经验")
    expect(clerk.get_by_test_id("case-status")).to_have_text("草稿")


def _leader_logs_in(page: Page, leader: User) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", leader.get_username())
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url


def test_a_case_goes_from_the_clerks_draft_to_the_leaders_download(
    make_page: MakePage,
    sign_in: SignIn,
    store_plan: Callable[..., Plan],
    clerk_user: User,
    office_user: User,
    make_user: Callable[..., User],
) -> None:
    plan = store_plan(chapters=1, projects=1, children=0, lead_units=("区经济促进局",), co_units=())
    project = plan.projects.get(level=1)

    clerk = make_page()
    sign_in(clerk_user, on=clerk)
    _draft(clerk, project.pk)
    clerk.get_by_test_id("case-submit").click()
    expect(clerk.get_by_test_id("case-status")).to_have_text("已报送")
    expect(clerk.get_by_test_id("case-edit")).to_have_count(0)
    case = Case.objects.get()

    office = make_page()
    sign_in(office_user, on=office)
    office.goto("/cases/")
    office.get_by_test_id("case-list").get_by_role("link", name="网商集聚区建设的罗湖经验").click()
    office.get_by_test_id("case-return").click()
    office.fill("#id_comment", "请补充成效数据")
    office.get_by_test_id("case-return-save").click()
    expect(office.get_by_test_id("case-status")).to_have_text("已退回")

    clerk.reload()
    expect(clerk.get_by_test_id("case-return-comment")).to_contain_text("请补充成效数据")
    clerk.get_by_test_id("case-edit").click()
    clerk.fill("#id_results", "建成3个网商集聚区，入驻企业120家。")
    clerk.get_by_test_id("case-save").click()
    expect(clerk.get_by_test_id("case-results")).to_contain_text("入驻企业120家")
    clerk.get_by_test_id("case-submit").click()
    expect(clerk.get_by_test_id("case-status")).to_have_text("已报送")

    office.reload()
    office.get_by_test_id("case-approve").click()
    expect(office.get_by_test_id("case-status")).to_have_text("已审定")
    office.get_by_test_id("case-publish").click()
    expect(office.get_by_test_id("case-published")).to_have_text("已标记发布")
    case.refresh_from_db()
    assert (case.status, case.published) == (CaseStatus.APPROVED, True)

    leader = make_user("leader", username="web-leader", password=PASSWORD, name="区领导")
    reader = make_page()
    _leader_logs_in(reader, leader)
    reader.goto("/cases/")
    reader.get_by_test_id("case-search").fill("入驻企业")
    reader.get_by_test_id("case-filter-submit").click()
    expect(reader.get_by_test_id("case-row")).to_have_count(1)
    reader.get_by_test_id("case-list").get_by_role("link", name="网商集聚区建设的罗湖经验").click()
    expect(reader.get_by_test_id("case-edit")).to_have_count(0)
    expect(reader.get_by_test_id("case-approve")).to_have_count(0)
    with reader.expect_download() as download:
        reader.get_by_test_id("case-docx").click()
    path = download.value.path()
    document = docx.Document(io.BytesIO(path.read_bytes()))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == "网商集聚区建设的罗湖经验"
    assert "建成3个网商集聚区，入驻企业120家。" in texts

    reader.goto("/cases/")
    with reader.expect_download() as collection:
        reader.get_by_test_id("library-export").click()
    collected = docx.Document(io.BytesIO(collection.value.path().read_bytes()))
    texts = [paragraph.text for paragraph in collected.paragraphs if paragraph.text]
    assert texts[:2] == ["改革案例汇编", "一、网商集聚区建设的罗湖经验"]
