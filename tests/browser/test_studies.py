"""The pre-decision study in a browser, one test per role taking part: the lead unit's clerk drafts
and submits it, the coordinating office returns it and then accepts it, the district leader reads
it and takes the .docx."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from docx import Document
from playwright.sync_api import expect

from reformtrack.ledger.models import Plan, Project
from reformtrack.studies.choices import StudyStatus
from reformtrack.studies.models import Study, StudyAttachment
from reformtrack.studies.services import study_start, study_submit, study_update
from reformtrack.studies.services_entries import consultation_add, option_add

from .conftest import PASSWORD, MakePage, SignIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from pytest_django.fixtures import Settings

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LOGIN_BUTTON = "form:has(input[name=password]) button[type=submit]"


def fill(study: Study, by: User) -> Study:
    """What a submission needs: background, an option, a consultation, the decision."""
    option_add(study=study, by=by, description="设立企业服务中心", chosen=True)
    consultation_add(
        study=study,
        by=by,
        consulted="区政协委员、企业代表",
        method="hearing",
        held_on=dt.date(2013, 9, 10),
        opinions="赞成设立",
    )
    study.refresh_from_db()
    return study_update(
        study=study,
        by=by,
        version=study.version,
        background="企业办事环节多、时间长。",
        decision_text="同意设立区企业服务中心。",
        decision_number="罗发〔2013〕3号",
    )


def _project(store_plan: Callable[..., Plan]) -> Project:
    plan = store_plan(chapters=1, projects=1, children=0, lead_units=("区经济促进局",), co_units=())
    return plan.projects.get(level=1)


def test_the_clerk_drafts_and_submits_the_study(
    make_page: MakePage,
    make_user: Callable[..., User],
    store_plan: Callable[..., Plan],
    settings: Settings,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    project = _project(store_plan)
    make_user("clerk", "区经济促进局", username="study-clerk", password=PASSWORD, name="王联络员")
    minutes = tmp_path / "听证会纪要.pdf"
    minutes.write_bytes(PDF)
    page = make_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "study-clerk")
    page.fill("input[name=password]", PASSWORD)
    page.locator(LOGIN_BUTTON).click()

    page.goto(f"/projects/{project.pk}/")
    page.get_by_test_id("project-study-link").click()
    page.get_by_test_id("study-start").click()
    page.fill("#id_background", "企业办事环节多、时间长。")
    page.fill("#id_decision_text", "同意设立区企业服务中心。")
    page.fill("#id_decision_number", "罗发〔2013〕3号")
    page.get_by_test_id("study-save").click()
    page.get_by_test_id("option-add").click()
    page.fill("#id_description", "设立企业服务中心")
    page.check("#id_chosen")
    page.get_by_test_id("entry-save").click()
    page.get_by_test_id("consultation-add").click()
    page.fill("#id_consulted", "企业代表")
    page.select_option("#id_method", "hearing")
    page.fill("#id_held_on", "2013-09-10")
    page.fill("#id_opinions", "赞成，建议一站式办理")
    page.get_by_test_id("entry-save").click()
    page.set_input_files("#study-file", str(minutes))
    page.get_by_test_id("study-file-add").click()
    expect(page.get_by_test_id("study-files")).to_contain_text("听证会纪要.pdf")
    expect(page.get_by_test_id("study-consultations")).to_contain_text("听证会")
    page.get_by_test_id("study-submit").click()

    expect(page.get_by_test_id("study-status")).to_contain_text("已提交")
    expect(page.get_by_test_id("study-edit")).to_have_count(0)
    study = Study.objects.get(project=project)
    assert study.status == StudyStatus.SUBMITTED and study.submitted_by is not None
    assert study.submitted_by.username == "study-clerk"
    assert StudyAttachment.objects.get(study=study).original_name == "听证会纪要.pdf"


def test_the_office_returns_the_study_then_accepts_it(
    make_page: MakePage,
    sign_in: SignIn,
    store_plan: Callable[..., Plan],
    clerk_user: User,
    office_user: User,
) -> None:
    study = fill(study_start(project=_project(store_plan), by=clerk_user), clerk_user)
    study = study_submit(study=study, by=clerk_user, version=study.version)
    office = make_page()
    sign_in(office_user, on=office)

    office.goto("/studies/?status=submitted")
    office.get_by_test_id("study-row").get_by_role("link").click()
    office.fill("#study-return-comment", "请补充专家论证意见")
    office.get_by_test_id("study-return").click()
    expect(office.get_by_test_id("study-status")).to_contain_text("已退回")

    clerk = make_page()
    sign_in(clerk_user, on=clerk)
    clerk.goto(f"/studies/{study.pk}/")
    expect(clerk.get_by_test_id("study-return-comment")).to_contain_text("请补充专家论证意见")
    clerk.get_by_test_id("consultation-add").click()
    clerk.fill("#id_consulted", "区法律顾问团")
    clerk.select_option("#id_method", "expert")
    clerk.fill("#id_held_on", "2013-09-20")
    clerk.fill("#id_opinions", "合法可行")
    clerk.get_by_test_id("entry-save").click()
    clerk.get_by_test_id("study-submit").click()
    expect(clerk.get_by_test_id("study-status")).to_contain_text("已提交")

    office.goto(f"/studies/{study.pk}/")
    expect(office.get_by_test_id("study-consultations")).to_contain_text("区法律顾问团")
    office.get_by_test_id("study-accept").click()
    expect(office.get_by_test_id("study-status")).to_contain_text("已通过")
    study.refresh_from_db()
    assert study.status == StudyStatus.ACCEPTED and study.reviewed_by == office_user


def test_the_leader_reads_the_study_and_takes_the_docx(
    make_page: MakePage,
    sign_in: SignIn,
    store_plan: Callable[..., Plan],
    clerk_user: User,
    leader_user: User,
) -> None:
    study = fill(study_start(project=_project(store_plan), by=clerk_user), clerk_user)
    leader = make_page()
    sign_in(leader_user, on=leader)

    leader.goto("/studies/")
    leader.fill("#study-q", "企业服务中心")
    leader.get_by_role("button", name="筛选").click()
    leader.get_by_test_id("study-row").get_by_role("link").click()
    expect(leader.get_by_test_id("study-decision")).to_contain_text("罗发〔2013〕3号")
    expect(leader.get_by_test_id("study-edit")).to_have_count(0)
    expect(leader.get_by_test_id("study-accept")).to_have_count(0)
    with leader.expect_download() as download:
        leader.get_by_test_id("study-docx").click()
    path = download.value.path()

    document = Document(io.BytesIO(Path(path).read_bytes()))
    assert "四、决策情况" in [paragraph.text for paragraph in document.paragraphs]
    leader.goto(f"/studies/{study.pk}/print/")
    expect(leader.get_by_test_id("study-print-view")).to_contain_text("区政协委员、企业代表")
