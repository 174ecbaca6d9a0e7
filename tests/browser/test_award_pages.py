"""The award's pages with an announced call on them: axe-core finds no serious or critical
violation as the office, and none scrolls sideways on a phone (390 px)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils import timezone

from reformtrack.award import services
from reformtrack.award.models import AwardCall, Nomination
from reformtrack.ledger.models import Project

from .conftest import TIMEOUT_MS, SignIn
from .test_accessibility import AUDIT, AXE, FAILING_IMPACTS
from .test_widths import OVERFLOW_REPORT

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from playwright.sync_api import Browser
    from pytest_django.live_server_helper import LiveServer


def _announced_call(
    store_plan: Any, office: User, clerk: User, make_user: Any
) -> tuple[AwardCall, Nomination]:
    today = timezone.localdate()
    week = dt.timedelta(days=7)
    own = store_plan(b"own", chapters=1, projects=1, children=0, lead_units=("区经济促进局",), co_units=())
    Project.objects.update(progress=50)
    call = services.call_save(
        by=office,
        data=services.CallData(
            year=today.year,
            title=f"{today.year}年度罗湖创新奖评选",
            nomination_opens=today - week,
            nomination_closes=today + week,
            scoring_opens=today - week,
            scoring_closes=today + week,
            criteria=[("创新性", Decimal(3), "首创、突破"), ("实效性", Decimal(2), "群众获得感")],
            prizes={"first": (1, Decimal(3))},
        ),
    )
    nomination = services.nomination_create(
        by=clerk, call=call, title="商事登记制度改革", statement="做法与成效。", projects=[own.projects.get()]
    )
    services.nomination_submit(by=clerk, nomination=nomination, version=nomination.version)
    services.eligibility_check(by=office, call=call)
    expert = make_user(None, username="expert", name="评审专家")
    services.panel_appoint(by=office, call=call, user=expert)
    values = {c.pk: (Decimal(88), "做法新颖") for c in call.criteria.all()}
    services.score_save(by=expert, nomination=nomination, values=values)
    services.decision_set(by=office, nomination=nomination, prize="first", reason="成效显著")
    services.call_announce(by=office, call=call)
    return call, nomination


def test_the_award_pages_pass_the_audit_and_fit_a_phone(
    browser: Browser,
    live_server: LiveServer,
    sign_in: SignIn,
    store_plan: Any,
    office_user: User,
    clerk_user: User,
    make_user: Any,
    transactional_db: None,
) -> None:
    call, nomination = _announced_call(store_plan, office_user, clerk_user, make_user)
    paths = [
        reverse("award:call_list"),
        reverse("award:call_create"),
        *(
            reverse(f"award:{name}", args=[call.pk])
            for name in ("call_detail", "call_edit", "nomination_list", "panel", "ranking_page", "decision")
        ),
        reverse("award:announcement", args=[call.pk]),
        reverse("award:nomination_detail", args=[nomination.pk]),
    ]
    axe = AXE.read_text(encoding="utf-8")
    problems = []
    for width in (1366, 390):
        context = browser.new_context(
            base_url=live_server.url,
            locale="zh-CN",
            viewport={"width": width, "height": 900},
            bypass_csp=True,
        )
        context.set_default_timeout(TIMEOUT_MS)
        try:
            page = context.new_page()
            sign_in(office_user, on=page)
            for path in paths:
                response = page.goto(path)
                assert response is not None and response.status == 200, path
                if width == 390:
                    report = page.evaluate(OVERFLOW_REPORT)
                    if report["scroll"] > width:
                        problems.append(f"{path} scrolls sideways: {report}")
                    continue
                page.add_script_tag(content=axe)
                problems += [f"{path}: {line}" for line in page.evaluate(AUDIT, list(FAILING_IMPACTS))]
        finally:
            context.close()

    assert not problems, "\n".join(problems)
