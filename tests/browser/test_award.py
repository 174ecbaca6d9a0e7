"""The innovation award in a browser, each role on its own page: the office opens a call, a clerk
nominates with evidence, the office checks eligibility and appoints the panel, an expert scores
(their own unit's nomination not offered, and refused when forced), the office decides and
announces, and the office and the clerk download the certificates."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from docx import Document
from playwright.sync_api import Page, expect

from reformtrack.award import services
from reformtrack.award.models import AwardCall, Nomination, Score
from reformtrack.ledger.models import Plan, Project

from .conftest import MakePage, SignIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from docx.document import Document as DocxDocument
    from pytest_django.fixtures import Settings

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _open_call(office: Page, today: dt.date) -> AwardCall:
    office.goto("/award/")
    office.get_by_test_id("call-create").click()
    week = dt.timedelta(days=7)
    for field, value in (
        ("year", str(today.year)),
        ("title", f"{today.year}年度罗湖创新奖评选"),
        ("nomination_opens", (today - week).isoformat()),
        ("nomination_closes", (today + week).isoformat()),
        ("scoring_opens", (today - week).isoformat()),
        ("scoring_closes", (today + week).isoformat()),
        ("max_nominations_per_unit", "2"),
        ("criteria", "创新性 | 3 | 首创、突破\n实效性 | 2 | 群众获得感"),
        ("count_first", "1"),
        ("bonus_first", "3"),
        ("count_second", "1"),
        ("bonus_second", "2"),
    ):
        office.fill(f"#id_{field}", value)
    office.get_by_test_id("call-save").click()
    expect(office.get_by_test_id("call-title")).to_contain_text("罗湖创新奖评选")
    expect(office.get_by_test_id("criteria")).to_contain_text("创新性")
    return AwardCall.objects.get()


def _nominate(clerk: Page, call: AwardCall, project: Project, evidence: Path) -> Nomination:
    clerk.goto(f"/award/calls/{call.pk}/")
    clerk.get_by_test_id("call-nominate").click()
    clerk.fill("#id_title", "商事登记制度改革")
    clerk.get_by_label(project.title).check()
    clerk.fill("#id_statement", "率先推行商事登记“先照后证”。")
    clerk.get_by_test_id("nomination-save").click()
    expect(clerk.get_by_test_id("nomination-status")).to_contain_text("草稿")
    clerk.set_input_files("#evidence-file", str(evidence))
    clerk.get_by_test_id("evidence-upload").click()
    expect(clerk.get_by_test_id("evidence-list")).to_contain_text("佐证.pdf")
    clerk.get_by_test_id("nomination-submit").click()
    expect(clerk.get_by_test_id("nomination-status")).to_contain_text("已提交")
    return Nomination.objects.get(unit__name="区经济促进局")


def _check_and_appoint(office: Page, call: AwardCall, expert: User) -> None:
    office.goto(f"/award/calls/{call.pk}/nominations/")
    office.get_by_test_id("eligibility-check").click()
    for status in office.get_by_test_id("nomination-status").all():
        expect(status).to_have_text("符合条件")
    office.goto(f"/award/calls/{call.pk}/panel/")
    office.select_option("#id_user", str(expert.pk))
    office.get_by_test_id("panel-appoint").click()
    expect(office.get_by_test_id("panel-list")).to_contain_text("测试专家")


def _score(expert_page: Page, call: AwardCall, own: Nomination, other: Nomination) -> None:
    expert_page.goto(f"/award/calls/{call.pk}/")
    expert_page.get_by_test_id("call-scoring").click()
    rows = expert_page.get_by_test_id("scoring-row")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("预算公开改革")
    forced = expert_page.goto(f"/award/nominations/{own.pk}/score/")
    assert forced is not None and forced.status == 403
    expert_page.goto(f"/award/calls/{call.pk}/scoring/")
    expert_page.get_by_test_id("scoring-row").get_by_role("link").click()
    for criterion, value in zip(call.criteria.order_by("position"), ("90", "80"), strict=True):
        expert_page.fill(f"#id_score_{criterion.pk}", value)
        expert_page.fill(f"#id_comment_{criterion.pk}", "做法新颖")
    expert_page.get_by_test_id("score-save").click()
    expect(expert_page.get_by_test_id("scoring-row")).to_contain_text("2 / 2")
    assert not Score.objects.filter(nomination=own).exists()
    assert Score.objects.filter(nomination=other).count() == 2


def _decide_and_announce(office: Page, call: AwardCall) -> None:
    office.goto(f"/award/calls/{call.pk}/ranking/")
    expect(office.get_by_test_id("ranking-row").first).to_contain_text("预算公开改革")
    expect(office.get_by_test_id("ranking-total").first).to_have_text("86.00")
    office.goto(f"/award/calls/{call.pk}/decision/")
    for title, prize in (("预算公开改革", "first"), ("商事登记制度改革", "second")):
        form = office.get_by_test_id("decision-form").filter(has_text=title)
        form.locator("select").select_option(prize)
        form.locator("textarea").fill("成效显著，可复制推广")
        form.get_by_test_id("decision-save").click()
        expect(office.get_by_test_id("decision-form").filter(has_text=title)).to_contain_text("获奖")
    office.get_by_test_id("announce").click()
    expect(office.get_by_test_id("winners")).to_contain_text("一等奖")
    expect(office.get_by_test_id("announced-on")).to_be_visible()


def _download(page: Page, test_id: str) -> DocxDocument:
    with page.expect_download() as download:
        page.get_by_test_id(test_id).first.click()
    return Document(io.BytesIO(Path(download.value.path()).read_bytes()))


def test_an_award_from_call_to_certificate(
    make_page: MakePage,
    sign_in: SignIn,
    store_plan: Callable[..., Plan],
    office_user: User,
    clerk_user: User,
    make_user: Callable[..., User],
    settings: Settings,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    own_plan = store_plan(
        b"own", chapters=1, projects=1, children=0, lead_units=("区经济促进局",), co_units=()
    )
    other_plan = store_plan(
        b"other", chapters=1, projects=1, children=0, lead_units=("区财政局",), co_units=()
    )
    Project.objects.update(progress=40)
    expert = make_user("unit_lead", "区经济促进局", username="expert", name="测试专家")
    finance_clerk = make_user("clerk", "区财政局", username="finance")
    evidence = tmp_path / "佐证.pdf"
    evidence.write_bytes(PDF)

    office = make_page()
    sign_in(office_user, on=office)
    call = _open_call(office, dt.date.today())

    clerk = make_page()
    sign_in(clerk_user, on=clerk)
    own = _nominate(clerk, call, own_plan.projects.get(), evidence)
    other = services.nomination_create(
        by=finance_clerk,
        call=call,
        title="预算公开改革",
        statement="做法",
        projects=[other_plan.projects.get()],
    )
    services.nomination_submit(by=finance_clerk, nomination=other, version=other.version)

    _check_and_appoint(office, call, expert)

    expert_page = make_page()
    sign_in(expert, on=expert_page)
    _score(expert_page, call, own, other)

    _decide_and_announce(office, call)
    certificates = _download(office, "certificates-download")
    assert [p.text for p in certificates.paragraphs].count("荣誉证书") == 2

    clerk.goto(f"/award/nominations/{own.pk}/")
    expect(clerk.get_by_test_id("nomination-prize")).to_have_text("二等奖")
    mine = _download(clerk, "certificate-download")
    assert any("商事登记制度改革》荣获" in p.text and "二等奖" in p.text for p in mine.paragraphs)


def test_the_reading_roles_see_what_is_theirs(
    make_page: MakePage,
    sign_in: SignIn,
    office_user: User,
    supervision_user: User,
    counit_user: User,
    clerk_user: User,
) -> None:
    today = dt.date.today()
    week = dt.timedelta(days=7)
    call = services.call_save(
        by=office_user,
        data=services.CallData(
            year=today.year,
            title=f"{today.year}年度罗湖创新奖评选",
            nomination_opens=today - week,
            nomination_closes=today + week,
            scoring_opens=today - week,
            scoring_closes=today + week,
            criteria=[("创新性", Decimal(1), "")],
        ),
    )

    supervision = make_page()
    sign_in(supervision_user, on=supervision)
    supervision.goto(f"/award/calls/{call.pk}/")
    supervision.get_by_test_id("call-ranking").click()
    expect(supervision.get_by_test_id("no-ranking")).to_be_visible()
    expect(supervision.get_by_test_id("call-nominate")).to_have_count(0)

    counit = make_page()
    sign_in(counit_user, on=counit)
    counit.goto("/award/")
    counit.get_by_test_id("call-row").get_by_role("link").click()
    expect(counit.get_by_test_id("call-nominate")).to_have_count(0)
    expect(counit.get_by_test_id("call-ranking")).to_have_count(0)
    refused = counit.goto(f"/award/calls/{call.pk}/nominate/")
    assert refused is not None and refused.status == 403

    clerk = make_page()
    sign_in(clerk_user, on=clerk)
    clerk.goto(f"/award/calls/{call.pk}/")
    expect(clerk.get_by_test_id("call-nominate")).to_be_visible()
    announcement = clerk.goto(f"/award/calls/{call.pk}/announcement/")
    assert announcement is not None and announcement.status == 404  # not announced yet
