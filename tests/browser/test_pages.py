"""The dashboard and the roadmap render with the sample plan; screenshots go to the test's tmp dir.

The screenshots are for a person to look at (Chinese glyphs present, layout sane); the assertions
check what a machine can: the text is there, nothing overflows the window, the roadmap has rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from .conftest import SignIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan

PHONE: ViewportSize = {"width": 390, "height": 844}


def _no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than the window"


def _shoot(page: Page, path: Path) -> None:
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")  # where to find it, with -s


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_dashboard(
    page: Page, sign_in: SignIn, office_user: User, sample_plan: Plan, tmp_path: Path, viewport: str
) -> None:
    if viewport == "phone":
        page.set_viewport_size(PHONE)
    sign_in(office_user)

    page.goto("/")

    expect(page.get_by_test_id("dashboard-plan")).to_contain_text("罗湖区全面推进改革创新总体方案")
    expect(page.get_by_test_id("stat-projects")).to_be_visible()
    expect(page.get_by_test_id("dashboard-chapters")).to_contain_text("经济体制改革")
    page.wait_for_load_state("networkidle")  # the charts draw after load
    if viewport == "desktop":
        _no_sideways_scroll(page)
    _shoot(page, tmp_path / f"dashboard-{viewport}.png")


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_roadmap(
    page: Page, sign_in: SignIn, office_user: User, sample_plan: Plan, tmp_path: Path, viewport: str
) -> None:
    if viewport == "phone":
        page.set_viewport_size(PHONE)
    sign_in(office_user)

    page.goto("/roadmap/")

    expect(page.get_by_test_id("roadmap-plan")).to_contain_text("2013")
    rows = page.get_by_test_id("roadmap-row")
    expect(rows.first).to_be_visible()
    assert rows.count() >= sample_plan.projects.filter(level=1).count()
    assert (
        page.get_by_test_id("roadmap-milestone").count() >= 3 * sample_plan.projects.filter(level=1).count()
    )
    if viewport == "desktop":
        _no_sideways_scroll(page)
    _shoot(page, tmp_path / f"roadmap-{viewport}.png")
