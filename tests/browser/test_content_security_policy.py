"""The Content-Security-Policy holds in the browser: the harness (conftest.py) fails any test whose
pages trip it; here the harness is shown to catch a violation, and the pages no other browser test
opens (the admin, its history pages, the error pages) are opened."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import Page, expect

from .conftest import MakePage, SignIn

if TYPE_CHECKING:
    from reformtrack.ledger.models import Plan


def wait_for(errors: list[str], fragment: str) -> bool:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if any(fragment in error for error in errors):
            return True
        time.sleep(0.05)
    return False


def test_the_harness_catches_inline_style_and_script(
    page: Page, page_errors: list[str], sign_in: SignIn, office_user: User
) -> None:
    sign_in(office_user)
    page.goto("/")
    expect(page.get_by_test_id("nav-dashboard")).to_be_visible()
    assert page_errors == []  # the page itself passes

    page.evaluate("""() => {
        document.body.insertAdjacentHTML("beforeend", '<p style="color: red">inline</p>');
        const script = document.createElement("script");
        script.textContent = "window.ran = true";
        document.body.append(script);
    }""")

    assert wait_for(page_errors, "inline style")
    assert wait_for(page_errors, "inline script")
    assert page.evaluate("() => window.ran === undefined")
    page_errors.clear()  # seen: the test passes


def test_the_admin_pages_pass(page: Page, sign_in: SignIn, sample_plan: Plan) -> None:
    from reformtrack.ledger.models import Unit

    root = User.objects.create_superuser("root-csp", "root@example.org", "Root-pass-123456")
    unit = Unit.objects.order_by("pk").first()
    assert unit is not None
    unit.save()  # a row in its history
    sign_in(root)

    for url in [
        "/admin/",
        "/admin/ledger/plan/",
        f"/admin/ledger/plan/{sample_plan.pk}/change/",
        f"/admin/ledger/plan/{sample_plan.pk}/history/",
        "/admin/ledger/unit/",
        f"/admin/ledger/unit/{unit.pk}/change/",
        f"/admin/ledger/unit/{unit.pk}/history/",
        "/admin/auth/user/add/",
        f"/admin/auth/user/{root.pk}/password/",
        # django-rq's statistics, its <style> allowed by hash (its job lists' script, allowed too, then
        # fails on its own: Django 5.2's admin has no jQuery `actions()` any more)
        reverse("admin:django_rq_home"),
    ]:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        expect(page.locator("#content")).to_be_visible()
    page.goto(f"/admin/ledger/unit/{unit.pk}/history/")
    expect(page.locator("p.paginator")).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False])
def test_the_error_pages_pass(
    make_page: MakePage, sign_in: SignIn, office_user: User, javascript: bool
) -> None:
    page = make_page(javascript=javascript)
    sign_in(office_user, on=page)

    response = page.goto("/projects/999999/")

    assert response is not None and response.status == 404
    expect(page.get_by_test_id("error-404")).to_be_visible()
