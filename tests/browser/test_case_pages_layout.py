"""The case library's pages, as the office and the clerk open them: no serious or critical axe-core
violation at 1366 px, and no sideways scrolling on a 390 px phone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from .conftest import TIMEOUT_MS, SignIn
from .test_accessibility import AUDIT, AXE, FAILING_IMPACTS

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from playwright.sync_api import Browser
    from pytest_django.live_server_helper import LiveServer

    from reformtrack.ledger.models import Plan


def _pages(store_plan: Callable[..., Plan], clerk: User, office: User) -> list[str]:
    from reformtrack.cases.services import case_approve, case_create, case_submit
    from reformtrack.ledger.models import TargetValue

    plan = store_plan(chapters=1, projects=2, children=0, lead_units=("区经济促进局",), co_units=())
    project = plan.projects.filter(level=1).order_by("position").first()
    assert project is not None
    TargetValue.objects.create(target=project.targets.get(), date=dt.date(2014, 9, 30), value=Decimal(3))
    long_text = "深化商事登记制度改革，推行一址多照、集群注册，" * 12
    draft = case_create(project=project, by=clerk, title="网商集聚区建设的罗湖经验" * 3, actions=long_text)
    approved = case_create(project=project, by=clerk, title="商事登记制度改革", results=long_text)
    approved = case_submit(case=approved, by=clerk, version=approved.version)
    case_approve(case=approved, by=office, version=approved.version)
    return [
        "/cases/",
        "/cases/?q=改革&sort=title",
        f"/cases/{draft.pk}/",
        f"/cases/{approved.pk}/",
        f"/cases/{approved.pk}/print/",
        f"/cases/{draft.pk}/edit/",
        f"/cases/projects/{project.pk}/new/",
    ]


@pytest.mark.parametrize("role", ["office", "clerk"])
def test_the_case_pages_pass_axe_and_fit_a_phone(
    browser: Browser,
    live_server: LiveServer,
    sign_in: SignIn,
    store_plan: Callable[..., Plan],
    office_user: User,
    clerk_user: User,
    role: str,
) -> None:
    paths = _pages(store_plan, clerk_user, office_user)
    user = office_user if role == "office" else clerk_user
    axe = AXE.read_text(encoding="utf-8")
    problems: list[str] = []
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
            sign_in(user, on=page)
            for path in paths:
                response = page.goto(path)
                if response is not None and response.status == 403:  # the office drafts nothing
                    assert role == "office" and path.endswith("/new/"), path
                    continue
                assert response is not None and response.status == 200, (role, path)
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    problems.append(f"{path} at {width}px scrolls sideways ({scroll}px)")
                if width == 1366:
                    page.add_script_tag(content=axe)
                    problems += [f"{path}: {line}" for line in page.evaluate(AUDIT, list(FAILING_IMPACTS))]
        finally:
            context.close()

    assert not problems, f"{role}:\n" + "\n".join(problems)
