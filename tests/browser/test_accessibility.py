"""axe-core audits every main page as the office and as a unit clerk: no serious or critical
violation (missing labels and names, contrast below WCAG AA, broken landmarks and ARIA).

axe-core is an npm package of the checkout (package.json's devDependencies), read by the test from
``node_modules/axe-core/axe.min.js`` and injected into the page; the site never serves it. The
Content-Security-Policy allows no script from elsewhere, so the audit runs in a browser context
that bypasses it, and only there: every other browser test runs under the policy.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .conftest import TIMEOUT_MS, SignIn
from .main_pages import AttachWork, main_pages, put_work_on

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from playwright.sync_api import Browser
    from pytest_django.live_server_helper import LiveServer

    from reformtrack.ledger.models import Plan

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = ("serious", "critical")

# The serious and critical violations, one line each with the first few elements they were found on
# and what axe says of the first (for contrast: the two colours and the ratio).
AUDIT = """async (impacts) => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  const where = (n) => n.target.join(" ");
  return results.violations
    .filter((v) => impacts.includes(v.impact))
    .map((v) => v.id + " (" + v.impact + "): " + v.help + " — "
      + v.nodes.slice(0, 5).map(where).join(" | ")
      + (v.nodes.length > 5 ? " and " + (v.nodes.length - 5) + " more" : "")
      + " — " + v.nodes[0].failureSummary);
}"""


@pytest.mark.parametrize("role", ["office", "clerk"])
def test_no_main_page_has_a_serious_accessibility_violation(
    browser: Browser,
    live_server: LiveServer,
    sign_in: SignIn,
    attach_work: AttachWork,
    office_user: User,
    clerk_user: User,
    sample_plan: Plan,
    role: str,
) -> None:
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci` in the checkout"
    put_work_on(plan=sample_plan, office=office_user, clerk=clerk_user, attach_work=attach_work)
    user = office_user if role == "office" else clerk_user
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1366, "height": 900}, bypass_csp=True
    )
    context.set_default_timeout(TIMEOUT_MS)
    axe = AXE.read_text(encoding="utf-8")
    violations = []
    try:
        page = context.new_page()
        sign_in(user, on=page)
        for main in main_pages(plan=sample_plan, user=user, office_only=role == "office"):
            response = page.goto(main.path)
            assert response is not None and response.status == 200, (role, main.path)
            page.add_script_tag(content=axe)
            violations += [f"{main.name}: {line}" for line in page.evaluate(AUDIT, list(FAILING_IMPACTS))]
    finally:
        context.close()

    assert not violations, f"{role}:\n" + "\n".join(violations)
