"""The browser harness: Debian's Chromium driven by Playwright against pytest-django's live server.

Never ``playwright install``: the browser is the system's ``/usr/bin/chromium`` (``apt-get install
chromium fonts-wqy-microhei``; ``.ci/run`` installs it when missing). Without it the browser tests
are skipped on a workstation and fail under CI (``CI`` set), so CI cannot pass without them.

Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls from a thread
with a running loop unless ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set, which is safe here (one thread
drives the browser, the live server answers in its own).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page
    from pytest_django.live_server_helper import LiveServer

    from reformtrack.ingest.model import ParsedPlan
    from reformtrack.ledger.models import Plan

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000
PASSWORD = "改革-Browser-2013!"
SAMPLE_PLAN = "luohu-reform-plan-2013-2015.txt"

LogIn = Callable[..., "User"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/browser is a browser test, marked or not."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium fonts-wqy-microhei"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield launched
        finally:
            launched.close()


MakePage = Callable[..., "Page"]


def is_policy_violation(text: str) -> bool:
    """Chromium's console line for what the Content-Security-Policy blocked ("Refused to apply inline
    style because it violates …", newer ones "Applying inline style violates the following Content
    Security Policy directive …")."""
    return text.startswith("Refused to") or "Content Security Policy" in text


@pytest.fixture
def page_errors() -> list[str]:
    """The JavaScript errors and Content-Security-Policy violations seen so far on the test's pages."""
    return []


@pytest.fixture
def make_page(
    browser: Browser, live_server: LiveServer, transactional_db: None, page_errors: list[str]
) -> Iterator[MakePage]:
    """``make_page(javascript=True)``: a fresh browser context (no cookies) in Chinese, a desktop-sized
    window, pointed at the live server. JavaScript errors, and anything the Content-Security-Policy
    refuses (inline style or script, a file from another site), on any page fail the test."""
    contexts: list[BrowserContext] = []
    errors = page_errors

    def on_console(message: ConsoleMessage) -> None:
        if is_policy_violation(message.text):
            errors.append(message.text)

    def make(*, javascript: bool = True) -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            locale="zh-CN",
            viewport={"width": 1280, "height": 900},
            accept_downloads=True,
            java_script_enabled=javascript,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        opened = context.new_page()
        opened.on("pageerror", lambda exc: errors.append(str(exc)))
        opened.on("console", on_console)
        return opened

    try:
        yield make
    finally:
        for context in contexts:
            context.close()
    assert not errors, f"JavaScript errors or CSP violations on the page: {errors}"


@pytest.fixture
def page(make_page: MakePage) -> Page:
    """A page of a fresh browser context with JavaScript on."""
    return make_page()


@pytest.fixture
def log_in(page: Page, make_user: Callable[..., User]) -> LogIn:
    """``log_in(role, unit=None, username=…)``: make a user and log in through the login form."""

    def run(role: str, unit: Any = None, *, username: str | None = None) -> User:
        user = make_user(
            role, unit, username=username or f"web-{role}", password=PASSWORD, name=f"测试{role}"
        )
        page.goto("/accounts/login/")
        page.fill("input[name=username]", user.get_username())
        page.fill("input[name=password]", PASSWORD)
        page.get_by_test_id("login-form").locator("[type=submit]").click()
        page.wait_for_load_state()
        assert "/accounts/login/" not in page.url, page.locator("main").inner_text()
        return user

    return run


SignIn = Callable[..., None]


@pytest.fixture
def sign_in(page: Page, live_server: LiveServer) -> SignIn:
    """``sign_in(user, on=page)``: give the browser a logged-in session without going through the form."""
    from django.conf import settings
    from django.test import Client

    def run(user: User, on: Page | None = None) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        (on or page).context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )

    return run


@functools.cache
def _parsed_sample() -> ParsedPlan:
    # Parsed once per session (about a second): plan_import only reads the parsed plan.
    from reformtrack.ingest import parse_bytes

    return parse_bytes(_sample_bytes(), SAMPLE_PLAN)


def _sample_bytes() -> bytes:
    return resources.files("reformtrack.ingest").joinpath("data", SAMPLE_PLAN).read_bytes()


@pytest.fixture
def sample_plan(transactional_db: None, leader_user: User) -> Plan:
    """The bundled sample plan imported, with a programme under way: progress and statuses spread
    over the projects, three milestones each (some done), the district leader in charge of the
    second chapter's projects."""
    from reformtrack.ledger.choices import ProjectStatus
    from reformtrack.ledger.models import Milestone, Project
    from reformtrack.ledger.services import plan_import

    plan = plan_import(parsed=_parsed_sample(), source_bytes=_sample_bytes(), filename=SAMPLE_PLAN)
    projects = list(Project.objects.filter(plan=plan, level=1).select_related("chapter").order_by("position"))
    steps = [
        (0, ProjectStatus.NOT_STARTED),
        (30, ProjectStatus.IN_PROGRESS),
        (60, ProjectStatus.IN_PROGRESS),
        (100, ProjectStatus.COMPLETED),
        (45, ProjectStatus.SUSPENDED),
    ]
    milestones = []
    for index, project in enumerate(projects):
        project.progress, project.status = steps[index % len(steps)]
        if project.chapter.number == 2:
            project.leader = leader_user
        for position, (month, title) in enumerate([(6, "出台实施方案"), (12, "试点运行"), (18, "全面推开")]):
            day = dt.date(2013, 1, 1) + dt.timedelta(days=30 * month + index * 7)
            milestones.append(
                Milestone(
                    project=project, date=day, title=title, done=day < dt.date(2014, 6, 1), position=position
                )
            )
    Project.objects.bulk_update(projects, ["progress", "status", "leader"])
    Milestone.objects.bulk_create(milestones)
    return plan
