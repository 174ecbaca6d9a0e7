"""An anonymous visitor on a phone browses the public portal: from /public/ to a published plan to
one of its projects; an unpublished plan is 404; axe-core finds no serious or critical violation on
any public page (at the phone's width, where the layout is tightest)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.utils import timezone

from .conftest import TIMEOUT_MS
from .test_accessibility import AUDIT, AXE, FAILING_IMPACTS

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from playwright.sync_api import Browser, Page, ViewportSize
    from pytest_django.live_server_helper import LiveServer

    from reformtrack.ledger.models import Plan

PHONE: ViewportSize = {"width": 375, "height": 812}


@pytest.fixture
def portal(sample_plan: Plan, office_user: User, store_plan: Callable[..., Plan]) -> dict[str, str]:
    """The sample plan published with all its projects, a published bulletin, case and appraisal,
    and a plan never published; the public paths by name."""
    from reformtrack.appraisal.models import Run, Scheme
    from reformtrack.appraisal.services import appraisal_compute, appraisal_publish
    from reformtrack.cases.models import Case
    from reformtrack.ledger.services_publish import plan_publish
    from reformtrack.supervision.models import Bulletin

    plan_publish(by=office_user, plan=sample_plan, all_projects=True)
    hidden = store_plan(b"hidden", title="未公开的方案")
    project = sample_plan.projects.filter(level=1).order_by("position").first()
    assert project is not None
    bulletin = Bulletin.objects.create(
        title="一季度督查通报", period_start=dt.date(2014, 1, 1), period_end=dt.date(2014, 3, 31),
        status="published", year=2014, sequence=1, created_by=office_user, published_at=timezone.now(),
        sections=[{"heading": "总体情况", "paragraphs": ["进展顺利。"], "header": ["单位", "完成率"],
                   "rows": [["区发改局", "90%"]]}],
    )  # fmt: skip
    unit = project.units.first()
    assert unit is not None
    case = Case.objects.create(
        project=project, unit=unit, title="商事登记改革案例", results="办理时间缩短一半",
        status="approved", approved_at=timezone.now(), published=True,
    )  # fmt: skip
    scheme = Scheme.objects.create(year=2014, weights={"projects_on_time": 100}, created_by=office_user)
    run = appraisal_compute(scheme=scheme, by=office_user, as_of=dt.date(2014, 12, 31))
    appraisal_publish(run=Run.objects.get(pk=run.pk), by=office_user)
    vote = _open_vote(office_user)
    return {
        "vote": f"/public/award/calls/{vote}/vote/",
        "home": "/public/",
        "plan": f"/public/plans/{sample_plan.pk}/",
        "project": f"/public/projects/{project.pk}/",
        "bulletins": "/public/bulletins/",
        "bulletin": f"/public/bulletins/{bulletin.pk}/",
        "cases": "/public/cases/",
        "case": f"/public/cases/{case.pk}/",
        "appraisal": f"/public/appraisals/{run.pk}/",
        "hidden": f"/public/plans/{hidden.pk}/",
    }


def _open_vote(office_user: User) -> int:
    """A call of the innovation award whose public vote is open today, with two nominations."""
    from reformtrack.award.models import AwardCall, Nomination
    from reformtrack.ledger.models import Unit

    today, day = timezone.localdate(), dt.date(2014, 3, 1)
    call = AwardCall.objects.create(
        year=2014, title="2014年度罗湖创新奖评选", nomination_opens=day, nomination_closes=day,
        scoring_opens=day, scoring_closes=day, public_vote=True, vote_weight=10, vote_opens=today,
        vote_closes=today, created_by=office_user,
    )  # fmt: skip
    for unit, title in zip(Unit.objects.order_by("pk")[:2], ("商事登记改革", "社区治理创新"), strict=True):
        Nomination.objects.create(
            call=call,
            unit=unit,
            title=title,
            statement="做法与成效。",
            status="eligible",
            created_by=office_user,
        )
    return call.pk


def test_a_visitor_on_a_phone_votes_for_the_award(
    browser: Browser, live_server: LiveServer, portal: dict[str, str]
) -> None:
    from reformtrack.award.models import PublicVote

    page = _phone(browser, live_server)
    try:
        page.goto(portal["home"])
        page.get_by_test_id("portal-votes").get_by_role("link").click()
        page.get_by_label("社区治理创新", exact=False).check()
        question = page.locator("label[for=id_challenge_answer]").inner_text()
        first, second = question.split("（")[1].split("）")[0].split(" + ")
        page.locator("#id_challenge_answer").fill(str(int(first) + int(second)))
        page.locator("#id_consent").check()
        page.get_by_test_id("vote-submit").click()
        assert "感谢参与" in page.get_by_test_id("messages").inner_text()
    finally:
        page.context.close()
    assert list(PublicVote.objects.values_list("nomination__title", flat=True)) == ["社区治理创新"]


def _phone(browser: Browser, live_server: LiveServer, *, bypass_csp: bool = False) -> Page:
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport=PHONE, bypass_csp=bypass_csp
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def test_a_visitor_on_a_phone_browses_to_a_project(
    browser: Browser, live_server: LiveServer, portal: dict[str, str], sample_plan: Plan
) -> None:
    page = _phone(browser, live_server)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(portal["home"])
        assert page.get_by_test_id("portal-staff-login").is_visible()
        page.get_by_role("link", name=sample_plan.title).click()
        page.wait_for_url(f"**{portal['plan']}")
        assert page.get_by_test_id("portal-plan-title").inner_text() == sample_plan.title
        first = page.get_by_test_id("portal-project-link").first
        title = first.inner_text()
        first.click()
        page.wait_for_url("**/public/projects/*/")
        assert page.get_by_test_id("portal-project-title").inner_text().startswith(title.rstrip("…"))
        assert page.get_by_test_id("light-badge").first.is_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the page scrolls sideways on a phone: {width}px"

        response = page.goto(portal["hidden"])
        assert response is not None and response.status == 404
    finally:
        page.context.close()
    assert not errors


def test_no_public_page_has_a_serious_accessibility_violation(
    browser: Browser, live_server: LiveServer, portal: dict[str, str]
) -> None:
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci` in the checkout"
    axe = AXE.read_text(encoding="utf-8")
    page = _phone(browser, live_server, bypass_csp=True)
    violations = []
    try:
        for name, path in portal.items():
            if name == "hidden":
                continue
            response = page.goto(path)
            assert response is not None and response.status == 200, path
            page.add_script_tag(content=axe)
            violations += [f"{name}: {line}" for line in page.evaluate(AUDIT, list(FAILING_IMPACTS))]
    finally:
        page.context.close()

    assert not violations, "\n".join(violations)
