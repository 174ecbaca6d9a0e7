"""Every main page, as the office and as a unit clerk, at a laptop's width (1366 px) and a phone's
(390 px): the page itself never scrolls sideways (wide tables scroll inside their own box, the menu
collapses), and a full-page screenshot of each is kept for a person to look at.

The screenshots go to ``$REFORMTRACK_SCREENSHOTS`` or else ``test-artifacts/screenshots/`` under the
checkout (ignored by git; CI keeps the directory as an artefact). One browser context per width
and role, signed in once, visits all the pages: a context per page would double the time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from .conftest import MakePage, SignIn
from .main_pages import AttachWork, main_pages, put_work_on

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan

WIDTHS: dict[str, ViewportSize] = {
    "1366": {"width": 1366, "height": 900},
    "390": {"width": 390, "height": 844},
}
CHECKOUT = Path(__file__).resolve().parents[2]

# What sticks out past the window's right edge, innermost first, for the failure message: an
# element whose box ends beyond the window and that no scrolling ancestor clips.
OVERFLOW_REPORT = """() => {
  const limit = window.innerWidth;
  const clipped = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const x = getComputedStyle(up).overflowX;
      if (x === "auto" || x === "scroll" || x === "hidden" || x === "clip") return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const right = el.getBoundingClientRect().right;
    if (right > limit + 1 && !clipped(el)) {
      const name = el.tagName.toLowerCase() + (el.className && typeof el.className === "string"
        ? "." + el.className.trim().split(/\\s+/).join(".") : "");
      out.push(name + " ends at " + Math.round(right));
    }
  }
  return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth, culprits: out.slice(-5)};
}"""


def screenshot_dir() -> Path:
    """Where the screenshots go (created): the variable's directory or the checkout's artefacts."""
    directory = Path(os.environ.get("REFORMTRACK_SCREENSHOTS") or CHECKOUT / "test-artifacts" / "screenshots")
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _roadmap_titles_stay(page: Page) -> None:
    """The roadmap scrolls sideways inside its box, and its project titles stay where they were."""
    box = page.get_by_test_id("roadmap-scroll")
    assert box.evaluate("(el) => el.scrollWidth > el.clientWidth"), "the roadmap does not scroll in its box"
    label = page.get_by_test_id("roadmap-row").first.locator(".roadmap-label")
    before = label.bounding_box()
    box.evaluate("(el) => { el.scrollLeft = el.scrollWidth; }")
    after = label.bounding_box()
    assert box.evaluate("(el) => el.scrollLeft") > 0
    assert before is not None and after is not None and after["x"] == before["x"], (before, after)
    box.evaluate("(el) => { el.scrollLeft = 0; }")


def _walk(page: Page, user: User, plan: Plan, *, role: str, width: str, office_only: bool) -> list[str]:
    """Visit every main page in ``page``'s context; the pages that scroll sideways, and why."""
    overflowing = []
    shots = screenshot_dir()
    for main in main_pages(plan=plan, user=user, office_only=office_only):
        response = page.goto(main.path)
        assert response is not None and response.status == 200, (role, main.path)
        if main.name == "roadmap" and width == "390":
            _roadmap_titles_stay(page)
        report = page.evaluate(OVERFLOW_REPORT)
        if report["scroll"] > report["inner"]:
            wide = f"{report['scroll']}px wide: {report['culprits']}"
            overflowing.append(f"{role} {main.name} at {width}px is {wide}")
        page.screenshot(path=str(shots / f"{role}-{main.name}-{width}.png"), full_page=True)
    return overflowing


@pytest.mark.parametrize("role", ["office", "clerk"])
def test_no_main_page_scrolls_sideways(
    make_page: MakePage,
    sign_in: SignIn,
    attach_work: AttachWork,
    office_user: User,
    clerk_user: User,
    sample_plan: Plan,
    role: str,
) -> None:
    put_work_on(plan=sample_plan, office=office_user, clerk=clerk_user, attach_work=attach_work)
    user = office_user if role == "office" else clerk_user
    overflowing = []
    for width, viewport in WIDTHS.items():
        page = make_page()
        page.set_viewport_size(viewport)
        sign_in(user, on=page)
        overflowing += _walk(page, user, sample_plan, role=role, width=width, office_only=role == "office")
        page.context.close()

    assert not overflowing, "\n".join(overflowing)


def test_the_menu_folds_behind_its_toggler_on_a_phone(
    make_page: MakePage, sign_in: SignIn, clerk_user: User
) -> None:
    page = make_page()
    page.set_viewport_size(WIDTHS["390"])
    sign_in(clerk_user, on=page)
    page.goto("/")

    expect(page.get_by_test_id("nav-bell")).to_be_visible()
    expect(page.get_by_test_id("nav-roadmap")).to_be_hidden()
    toggle = page.get_by_test_id("nav-toggle")
    expect(toggle).to_have_attribute("aria-label", "展开或收起菜单")
    toggle.click()
    expect(page.get_by_test_id("nav-roadmap")).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.get_by_test_id("nav-roadmap").click()
    expect(page).to_have_url("/roadmap/")

    page.set_viewport_size(WIDTHS["1366"])
    expect(toggle).to_be_hidden()
    expect(page.get_by_test_id("nav-roadmap")).to_be_visible()


def test_the_menu_stays_open_on_a_phone_without_javascript(
    make_page: MakePage, sign_in: SignIn, clerk_user: User
) -> None:
    page = make_page(javascript=False)
    page.set_viewport_size(WIDTHS["390"])
    sign_in(clerk_user, on=page)
    page.goto("/")

    expect(page.get_by_test_id("nav-toggle")).to_be_hidden()
    expect(page.get_by_test_id("nav-roadmap")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS["390"]["width"]
