"""The API's Swagger UI works under the site's Content-Security-Policy, from the site's own files:
the harness fails the test on any violation or script error."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_swagger_ui_lists_the_operations_without_a_violation(page: Page) -> None:
    page.goto("/api/docs/")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("reformtrack")
    expect(page.locator(".opblock-summary-path", has_text="/api/projects/").first).to_be_visible()
    page.locator(".opblock-summary-path", has_text="/api/public/plans/").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
