"""A post-implementation evaluation in a browser, each step by its role: the office opens it from
the project page; the lead unit's clerk self-evaluates; the office evaluates, publishes a criterion
and creates an external expert's account; the expert logs in, lands on their assignments, accepts
and scores; the office concludes and downloads the report (.docx, read back with python-docx). A
co-unit's staff reads the evaluation without a form to act on."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING

import docx
from playwright.sync_api import Page, expect

from reformtrack.evaluation.models import Evaluation, Score
from reformtrack.ledger.models import Plan

from .conftest import MakePage, SignIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User

EXPERT_PASSWORD = "Zq8#long-enough"


def _office_opens_and_the_clerk_self_evaluates(page: Page, clerk_page: Page, project_pk: int) -> str:
    page.goto(f"/projects/{project_pk}/")
    page.get_by_test_id("project-evaluation-open").click()
    expect(page.get_by_test_id("messages")).to_contain_text("实施后评估已启动")
    expect(page.get_by_test_id("evaluation-status")).to_have_text("牵头单位自评")
    expect(page.get_by_test_id("satisfaction")).to_contain_text("暂无（门户上线后提供）")
    url = page.url

    clerk_page.goto(url)
    form = clerk_page.get_by_test_id("self-form")
    form.get_by_label("目标达成情况").select_option("partly")
    form.get_by_label("自评情况").fill("建成网商集聚区两个。")
    form.get_by_label("投入成本（万元）").fill("120.5")
    form.get_by_label("存在问题").fill("招商进度偏慢。")
    form.get_by_test_id("self-submit").click()
    expect(clerk_page.get_by_test_id("messages")).to_contain_text("自评已提交评估办")
    expect(clerk_page.get_by_test_id("self-summary")).to_have_text("建成网商集聚区两个。")
    expect(clerk_page.get_by_test_id("office-form")).to_have_count(0)
    return url


def _office_evaluates_and_invites_an_expert(page: Page, url: str) -> None:
    page.goto(url)
    form = page.get_by_test_id("office-form")
    form.get_by_label("评估意见").fill("基本达到预期。")
    form.get_by_label("提交专家评审").check()
    form.get_by_test_id("office-submit").click()
    expect(page.get_by_test_id("evaluation-status")).to_have_text("专家评审")
    form = page.get_by_test_id("criterion-form")
    form.get_by_label("评审标准").fill("目标完成")
    form.get_by_label("权重").fill("100")
    form.get_by_test_id("criterion-submit").click()
    expect(page.get_by_test_id("panel-row")).to_contain_text("目标完成")
    form = page.get_by_test_id("expert-form")
    form.locator("input[name=username]").fill("expert-zhao")
    form.get_by_label("姓名").fill("赵专家")
    form.get_by_label("密码").fill(EXPERT_PASSWORD)
    form.get_by_test_id("expert-submit").click()
    expect(page.get_by_test_id("messages")).to_contain_text("专家账号已创建并发出邀请")
    expect(page.get_by_test_id("reviewer-row")).to_contain_text("赵专家（已邀请）")


def _expert_logs_in_and_scores(expert_page: Page) -> None:
    expert_page.goto("/accounts/login/")
    expert_page.fill("input[name=username]", "expert-zhao")
    expert_page.fill("input[name=password]", EXPERT_PASSWORD)
    expert_page.locator("form:has(input[name=password]) button[type=submit]").click()
    expect(expert_page.get_by_test_id("assignment-row")).to_contain_text("已邀请")
    assert expert_page.url.endswith("/evaluation/mine/")
    expert_page.get_by_test_id("assignment-link").click()
    expect(expert_page.get_by_test_id("self-form")).to_have_count(0)
    expert_page.get_by_test_id("respond-accept").click()
    expect(expert_page.get_by_test_id("messages")).to_contain_text("已记录您的答复")
    expert_page.get_by_test_id("score-link").click()
    form = expert_page.get_by_test_id("score-form")
    form.locator("input[name^=score_]").fill("88")
    form.get_by_label("评审意见").fill("建议推广。")
    form.get_by_test_id("score-submit").click()
    expect(expert_page.get_by_test_id("messages")).to_contain_text("评分已保存")
    expect(expert_page.get_by_test_id("panel-mean")).to_have_text("88.0")
    response = expert_page.request.get("/projects/")
    assert response.status == 404  # nothing of the ledger


def _office_concludes_and_downloads(page: Page, url: str) -> bytes:
    page.goto(url)
    expect(page.get_by_test_id("panel-total")).to_contain_text("88.0")
    form = page.get_by_test_id("conclude-form")
    form.get_by_label("评估结论").select_option("extend")
    form.get_by_label("理由").fill("成效明显，扩大推广。")
    form.get_by_test_id("conclude-submit").click()
    expect(page.get_by_test_id("conclusion-word")).to_have_text("扩大推广")
    expect(page.get_by_test_id("figures-source")).to_contain_text("已锁定")
    with page.expect_download() as download:
        page.get_by_test_id("evaluation-report").click()
    path = download.value.path()
    return path.read_bytes()


def test_an_evaluation_goes_through_every_role(
    make_page: MakePage,
    sign_in: SignIn,
    store_plan: Callable[..., Plan],
    office_user: User,
    clerk_user: User,
    counit_user: User,
) -> None:
    plan = store_plan(
        chapters=1, projects=1, children=0, lead_units=("区经济促进局",), co_units=("区科技创新局",)
    )
    project = plan.projects.get(level=1)
    page, clerk_page, expert_page, counit_page = make_page(), make_page(), make_page(), make_page()
    sign_in(office_user, on=page)
    sign_in(clerk_user, on=clerk_page)
    sign_in(counit_user, on=counit_page)

    url = _office_opens_and_the_clerk_self_evaluates(page, clerk_page, project.pk)
    _office_evaluates_and_invites_an_expert(page, url)
    _expert_logs_in_and_scores(expert_page)
    report = _office_concludes_and_downloads(page, url)

    text = "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(report)).paragraphs)
    assert "评估结论：扩大推广。" in text and "加权总分88.0分。" in text
    assert Evaluation.objects.get().status == "concluded" and Score.objects.get().score == 88
    counit_page.goto(url)
    expect(counit_page.get_by_test_id("conclusion-word")).to_have_text("扩大推广")
    expect(counit_page.locator("form[method=post] textarea")).to_have_count(0)
