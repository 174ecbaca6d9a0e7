"""The risk pages as the office and the clerk open them, with rows on them: no serious or critical
accessibility violation (axe-core, as test_accessibility.py runs it) and no sideways scrolling on
a 390 px phone (as test_widths.py measures it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from reformtrack.ledger.models import Plan
from reformtrack.risk.services import assessment_create, group_add, risk_add

from .conftest import TIMEOUT_MS, SignIn
from .test_accessibility import AUDIT, AXE, FAILING_IMPACTS
from .test_widths import OVERFLOW_REPORT, WIDTHS

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from playwright.sync_api import Browser
    from pytest_django.live_server_helper import LiveServer


@pytest.mark.parametrize("role", ["office", "clerk"])
def test_the_risk_pages_are_accessible_and_fit_a_phone(
    browser: Browser,
    live_server: LiveServer,
    sign_in: SignIn,
    store_plan: Callable[..., Plan],
    office_user: User,
    clerk_user: User,
    role: str,
) -> None:
    plan = store_plan(chapters=1, projects=1, children=0, lead_units=("区经济促进局",), co_units=())
    project = plan.projects.get(level=1)
    assessment = assessment_create(project=project, by=clerk_user)
    group_add(
        assessment=assessment, by=clerk_user, name="沿街商户", concerns="施工期间经营受影响，要求合理补偿"
    )
    risk_add(
        assessment=assessment,
        by=clerk_user,
        description="征地补偿标准引发群体性上访",
        likelihood=3,
        impact=4,
        mitigation="召开听证会，公开补偿标准",
        owner="区信访局",
    )
    user = office_user if role == "office" else clerk_user
    paths = ["/risk/", f"/risk/project/{project.pk}/", f"/risk/{assessment.pk}/"]
    paths += ["/risk/rule/"] if role == "office" else []
    problems: list[str] = []
    for width, viewport in WIDTHS.items():
        context = browser.new_context(
            base_url=live_server.url, locale="zh-CN", viewport=viewport, bypass_csp=True
        )
        context.set_default_timeout(TIMEOUT_MS)
        try:
            page = context.new_page()
            sign_in(user, on=page)
            for path in paths:
                response = page.goto(path)
                assert response is not None and response.status == 200, path
                report = page.evaluate(OVERFLOW_REPORT)
                if report["scroll"] > report["inner"]:
                    problems.append(f"{path} at {width}px is {report['scroll']}px wide: {report['culprits']}")
                page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
                problems += [f"{path}: {line}" for line in page.evaluate(AUDIT, list(FAILING_IMPACTS))]
        finally:
            context.close()
    assert problems == []
