"""Each role logs in through the login form and sees its navigation and its share of the projects."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from reformtrack.ledger.models import Project

from .conftest import LogIn

if TYPE_CHECKING:
    from reformtrack.ledger.models import Plan

NAV = ["nav-dashboard", "nav-projects", "nav-roadmap", "nav-units", "nav-my-work"]


@pytest.mark.parametrize(
    ("role", "unit", "imports"),
    [
        ("office", None, True),
        ("leader", None, False),
        ("supervision", None, False),
        ("clerk", "区经济促进局", False),
        ("counit", "区科技创新局", False),
    ],
)
def test_each_role_sees_its_navigation_and_its_projects(
    page: Page, log_in: LogIn, sample_plan: Plan, role: str, unit: str | None, imports: bool
) -> None:
    user = log_in(role, unit)

    expect(page.get_by_test_id("nav-user")).to_contain_text(f"测试{role}")
    for item in NAV:
        expect(page.get_by_test_id(item)).to_be_visible()
    expect(page.get_by_test_id("nav-import")).to_have_count(1 if imports else 0)

    page.get_by_test_id("nav-projects").click()
    visible = Project.objects.restrict(user, "view").count()
    assert 0 < visible <= sample_plan.projects.count()
    expect(page.get_by_test_id("result-count")).to_contain_text(str(visible))

    response = page.goto("/import/")
    assert response is not None
    assert response.status == (200 if imports else 403)


def test_a_unit_sees_fewer_projects_than_the_office(page: Page, log_in: LogIn, sample_plan: Plan) -> None:
    clerk = log_in("clerk", "区经济促进局")

    page.goto("/projects/")

    shown = page.get_by_test_id("project-row").count()
    assert 0 < shown < sample_plan.projects.count()
    assert shown == min(Project.objects.restrict(clerk, "view").count(), 50)


def test_anonymous_visitors_are_sent_to_the_login_page(page: Page, sample_plan: Plan) -> None:
    page.goto("/projects/")

    assert "/accounts/login/" in page.url
    expect(page.get_by_test_id("login-form")).to_be_visible()


def test_logging_out_ends_the_session(page: Page, log_in: LogIn, sample_plan: Plan) -> None:
    log_in("supervision")

    page.get_by_test_id("nav-logout").click()
    page.goto("/")

    assert "/accounts/login/" in page.url
