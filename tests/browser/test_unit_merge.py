"""The unit registry in a browser: the office merges a unit registered twice from the unit page;
the projects and reports are then under the kept unit, the old unit's page says where it went, and
its old name finds the kept unit in the unit search and in the next import."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from playwright.sync_api import Page, expect

from reformtrack.accounts.models import Profile
from reformtrack.ledger.models import Plan, Project, Unit
from reformtrack.ledger.services import plan_import
from reformtrack.reporting.models import ProgressReport, ReportingCycle

from .conftest import LogIn

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import User

    from reformtrack.ingest.model import ParsedPlan

OLD, KEPT = "区发展和改革局", "区发改局"


def _storer(make_plan: Callable[..., ParsedPlan]) -> Callable[[bytes, str, int], Plan]:
    def store(source: bytes, lead: str, projects: int) -> Plan:
        parsed = make_plan(chapters=1, projects=projects, children=0, lead_units=(lead,), co_units=())
        return plan_import(parsed=parsed, source_bytes=source, filename="plan.txt")

    return store


def test_the_office_merges_two_units_and_the_old_name_finds_the_kept_one(
    page: Page, log_in: LogIn, make_user: Callable[..., User], make_plan: Callable[..., ParsedPlan]
) -> None:
    _store = _storer(make_plan)
    old_plan = _store(b"old", OLD, 2)
    _store(b"kept", KEPT, 1)
    old, kept = Unit.objects.get(name=OLD), Unit.objects.get(name=KEPT)
    project = old_plan.projects.order_by("position").first()
    assert project is not None
    cycle = ReportingCycle.objects.create(
        plan=old_plan, name="月报", start=dt.date(2014, 1, 1), end=dt.date(2014, 12, 31)
    )
    report = ProgressReport.objects.create(
        cycle=cycle,
        period_start=dt.date(2014, 3, 1),
        period_end=dt.date(2014, 3, 31),
        project=project,
        unit=old,
    )
    clerk = make_user("clerk", old, username="old-clerk")
    log_in("office")

    # the unit page → merge → choose the unit → the confirmation says what moves
    page.goto("/units/")
    page.get_by_test_id("unit-q").fill(OLD)
    page.get_by_test_id("unit-search-form").locator("[type=submit]").click()
    page.get_by_test_id("unit-link").filter(has_text=OLD).click()
    page.get_by_test_id("unit-merge-start").click()
    page.get_by_label("并入").select_option(label=KEPT)
    page.get_by_test_id("unit-merge-next").click()
    preview = page.get_by_test_id("unit-merge-preview")
    expect(preview.get_by_test_id("move-projects")).to_contain_text("2")
    expect(preview.get_by_test_id("move-people")).to_contain_text("1")
    expect(preview.get_by_test_id("move-work").filter(has_text="进展报告")).to_contain_text("1")
    page.get_by_label("理由").fill("同一单位登记了两次")
    page.get_by_test_id("unit-merge-confirm").click()

    # the kept unit's page: every project of both, and the old name among its other names
    expect(page.get_by_test_id("messages")).to_contain_text(f"{OLD} 已并入 {KEPT}")
    expect(page.get_by_test_id("unit-name")).to_have_text(KEPT)
    expect(page.get_by_test_id("unit-led-table").get_by_test_id("project-row")).to_have_count(3)
    expect(page.get_by_test_id("unit-alias-list")).to_contain_text(OLD)
    report.refresh_from_db()
    assert report.unit == kept
    assert Profile.objects.get(user=clerk).unit == kept
    page.goto(f"/reports/{report.pk}/")
    expect(page.locator("main")).to_contain_text(KEPT)

    # the old unit's page says it was merged, and where to
    page.goto(f"/units/{old.pk}/")
    expect(page.get_by_test_id("unit-archived")).to_be_visible()
    merged = page.get_by_test_id("unit-merged-into")
    expect(merged).to_contain_text("已并入")
    merged.get_by_test_id("unit-merged-into-link").click()
    expect(page.get_by_test_id("unit-name")).to_have_text(KEPT)

    # searching by the old name finds the kept unit, and only it
    page.goto("/units/")
    page.get_by_test_id("unit-q").fill(OLD)
    page.get_by_test_id("unit-search-form").locator("[type=submit]").click()
    expect(page.get_by_test_id("unit-row")).to_have_count(1)
    expect(page.get_by_test_id("unit-link")).to_have_text(KEPT)

    # a plan printing the old name, imported afterwards, lands on the kept unit
    newer = _store(b"newer", OLD, 1)
    assert Project.objects.filter(plan=newer, project_units__unit=kept).count() == 1
    assert Unit.objects.filter(name=OLD).count() == 1
    page.goto(f"/units/{kept.pk}/")
    expect(page.get_by_test_id("unit-led-table").get_by_test_id("project-row")).to_have_count(4)
