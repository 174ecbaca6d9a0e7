"""Weights in a browser: the office sets a chapter's weights on its page, and the chapter's roll-up
shown there and on the dashboard equals the weighted mean computed here by hand."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from playwright.sync_api import Page, expect

from reformtrack.ledger.models import Project

from .conftest import SignIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Chapter, Plan

WEIGHTS = ["3", "1", "0.5", "2", "1.25", "4", "0", "2.5"]


def _chapter_with_projects(plan: Plan) -> Chapter:
    """The first chapter holding at least two top-level projects."""
    for chapter in plan.chapters.order_by("position"):
        if chapter.projects.filter(level=1).count() >= 2:
            return chapter
    raise AssertionError("the sample plan has no chapter of two projects")


def test_the_office_sets_weights_and_the_chapter_rollup_follows(
    page: Page, sign_in: SignIn, office_user: User, sample_plan: Plan
) -> None:
    chapter = _chapter_with_projects(sample_plan)
    sign_in(office_user)
    page.goto(f"/?plan={sample_plan.pk}")
    page.locator(f"a[data-testid=chapter-weights-link][href$='/chapters/{chapter.pk}/']").click()
    expect(page.get_by_test_id("chapter-weights-form")).to_be_visible()

    rows = page.get_by_test_id("chapter-project")
    typed: dict[int, Decimal] = {}
    for index in range(rows.count()):
        row = rows.nth(index)
        weight = WEIGHTS[index % len(WEIGHTS)]
        row.locator("input[name^=weight_]").fill(weight)
        typed[int(row.get_attribute("data-project") or 0)] = Decimal(weight)
    assert len(typed) >= 2
    page.get_by_test_id("weights-save").click()
    expect(page.locator(".alert-success")).to_be_visible()

    # by hand: Σ(weight × progress) ÷ Σ weight over the chapter's top-level projects
    progress = dict(Project.objects.filter(pk__in=typed).values_list("pk", "progress"))
    assert set(progress) == set(typed)
    expected = Decimal(sum(typed[pk] * progress[pk] for pk in typed)) / sum(typed.values())
    assert dict(Project.objects.filter(pk__in=typed).values_list("pk", "weight")) == typed
    shown = expected.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    expect(page.get_by_test_id("chapter-progress")).to_have_text(f"{shown}%")
    expect(page.get_by_test_id("chapter-rollup-formula")).to_contain_text("加权平均")
    expect(page.get_by_test_id("chapter-rollup-formula")).to_contain_text(f"= {shown}%")

    page.goto(f"/?plan={sample_plan.pk}")
    line = page.get_by_test_id("dashboard-chapters").locator(
        "tr", has=page.locator(f"a[href$='/chapters/{chapter.pk}/']")
    )
    number = float(expected)
    on_dashboard = f"{number:.0f}" if number == int(number) else f"{number:.1f}"
    expect(line.locator(".progress-value")).to_have_text(f"{on_dashboard}%")
    total = sum(typed.values())
    total_shown = f"{total:.0f}" if total == int(total) else f"{total:.2f}"  # floatformat:"-2"
    expect(line.get_by_test_id("chapter-weights-link")).to_have_text(total_shown)
    expect(page.get_by_test_id("rollup-explained")).to_contain_text("加权平均")


def test_a_weight_that_is_not_a_number_is_refused_and_kept(
    page: Page, sign_in: SignIn, office_user: User, sample_plan: Plan
) -> None:
    chapter = _chapter_with_projects(sample_plan)
    sign_in(office_user)
    page.goto(f"/chapters/{chapter.pk}/")
    first = page.get_by_test_id("chapter-project").first.locator("input[name^=weight_]")
    first.fill("三")
    page.get_by_test_id("weights-save").click()

    expect(page.get_by_test_id("weight-error")).to_be_visible()
    expect(first).to_have_value("三")
    assert set(Project.objects.filter(chapter=chapter).values_list("weight", flat=True)) == {Decimal(1)}
