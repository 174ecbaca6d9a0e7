"""The header's grouped menus (改革全周期, 考核激励): the office sees both with its own tools and opens
a link; a clerk sees both without the office's tools; a user without a role sees only their review
assignments."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from .conftest import SignIn

pytestmark = pytest.mark.browser


def test_the_office_sees_both_menus_and_opens_a_link(page: Page, sign_in: SignIn, office_user: User) -> None:
    sign_in(office_user)
    page.goto("/")

    expect(page.get_by_test_id("nav-menu-cycle-toggle")).to_have_text("改革全周期")
    expect(page.get_by_test_id("nav-menu-incentives-toggle")).to_have_text("考核激励")
    expect(page.get_by_test_id("nav-appraisal")).to_be_hidden()  # closed until asked

    page.get_by_test_id("nav-menu-incentives-toggle").click()
    expect(page.get_by_test_id("nav-accountability")).to_be_visible()
    page.get_by_test_id("nav-appraisal").click()

    expect(page.locator("h1")).to_contain_text("绩效考核")
    expect(page.get_by_test_id("nav-menu-incentives-toggle")).to_have_class("nav-link dropdown-toggle active")
    page.get_by_test_id("nav-menu-cycle-toggle").click()
    expect(page.get_by_test_id("nav-risk-rule")).to_be_visible()
    expect(page.get_by_test_id("nav-studies")).to_be_visible()


def test_a_clerk_sees_both_menus_without_the_offices_tools(
    page: Page, sign_in: SignIn, clerk_user: User
) -> None:
    sign_in(clerk_user)
    page.goto("/")

    page.get_by_test_id("nav-menu-cycle-toggle").click()
    expect(page.get_by_test_id("nav-cases")).to_be_visible()
    expect(page.get_by_test_id("nav-risk-rule")).to_have_count(0)
    page.get_by_test_id("nav-menu-incentives-toggle").click()
    expect(page.get_by_test_id("nav-cases")).to_be_hidden()  # one menu open at a time
    expect(page.get_by_test_id("nav-accountability")).to_have_count(0)
    page.get_by_test_id("nav-decisions").click()

    expect(page.locator("h1")).to_contain_text("表扬与问责决定")


def test_a_user_without_a_role_sees_only_their_review_assignments(
    page: Page, sign_in: SignIn, db: None
) -> None:
    expert = User.objects.create_user("expert-qian", password="x-Pass-2014-x")
    sign_in(expert)
    page.goto("/evaluation/mine/")

    expect(page.get_by_test_id("nav-my-reviews")).to_have_text("我的评审任务")
    expect(page.get_by_test_id("nav-dashboard")).to_have_count(0)
    expect(page.get_by_test_id("nav-menu-cycle")).to_have_count(0)
    expect(page.get_by_test_id("nav-menu-incentives")).to_have_count(0)
