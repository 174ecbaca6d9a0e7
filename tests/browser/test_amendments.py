"""Plan amendments in a browser: the office adds a project and drops one with a reason, the project
pages and the roadmap show both, and the amendment is reverted; the office moves a project's
deadline and splits another, and reverts both."""

from __future__ import annotations

from typing import TYPE_CHECKING

from playwright.sync_api import Page, expect

from reformtrack.ledger.models import Amendment, Project, Unit

from .conftest import SignIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan


def test_the_office_adds_and_drops_a_project_and_reverts_it(
    page: Page, sign_in: SignIn, office_user: User, sample_plan: Plan
) -> None:
    projects = list(Project.objects.filter(plan=sample_plan, level=1).order_by("position")[:2])
    kept, dropped = projects
    unit = Unit.objects.filter(project_units__project=kept).first()
    assert unit is not None
    sign_in(office_user)

    page.goto(f"/projects/{kept.pk}/")
    page.get_by_test_id("amend-plan-link").click()
    form = page.get_by_test_id("amendment-form")
    form.locator("[name=title]").fill("2014年中期调整")
    form.locator("[name=reason]").fill("区委常委会研究决定")
    form.locator("[name=decided_on]").fill("2014-03-01")
    form.locator("[name=decided_by]").fill("区委常委会")
    form.locator("[name=doc_number]").fill("罗办〔2014〕5号")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("amendment-decision")).to_contain_text("罗办〔2014〕5号")

    page.get_by_test_id("add-project").click()
    form = page.get_by_test_id("project-add-form")
    form.locator("[name=chapter]").select_option(str(kept.chapter_id))
    form.locator("[name=after]").select_option(str(kept.pk))
    form.locator("[name=title]").fill("推进营商环境改革")
    form.locator("[name=deadline]").fill("2015-06-30")
    form.locator("[name=lead_units]").select_option(str(unit.pk))
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("amendment-change")).to_have_count(1)

    page.get_by_test_id("drop-project").click()
    form = page.get_by_test_id("project-drop-form")
    form.locator("[name=project]").select_option(str(dropped.pk))
    form.locator("[name=reason]").fill("已由市级统筹推进")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("amendment-change")).to_have_count(2)

    added = Project.objects.get(plan=sample_plan, title="推进营商环境改革")
    page.goto(f"/projects/{added.pk}/")
    expect(page.get_by_test_id("project-amendment-change")).to_contain_text("新增")
    page.goto(f"/projects/{dropped.pk}/")  # a dropped project still opens, saying so
    expect(page.get_by_test_id("project-dropped")).to_be_visible()
    expect(page.get_by_test_id("project-amendment-change")).to_contain_text("已由市级统筹推进")

    page.goto(f"/roadmap/?plan={sample_plan.pk}")
    row = page.locator(f"[data-testid=roadmap-row][data-project-id='{added.pk}']")
    expect(row.get_by_test_id("roadmap-amended")).to_contain_text("2014年3月1日")
    expect(page.locator(f"[data-testid=roadmap-row][data-project-id='{dropped.pk}']")).to_have_count(0)
    expect(page.get_by_test_id("roadmap-dropped-project")).to_contain_text(dropped.title[:10])

    amendment = Amendment.objects.get(plan=sample_plan, number=1)
    page.goto(f"/amendments/{amendment.pk}/")
    page.get_by_test_id("revert").click()
    form = page.get_by_test_id("revert-form")
    form.locator("[name=reason]").fill("市里要求恢复原方案")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("amendment-change")).to_have_count(2)
    expect(page.get_by_test_id("amendment-decision")).to_contain_text("市里要求恢复原方案")

    assert Project.objects.filter(pk=dropped.pk).exists()
    assert not Project.objects.filter(pk=added.pk).exists()
    page.goto(f"/amendments/{amendment.pk}/")
    expect(page.get_by_test_id("amendment-reverted")).to_be_visible()
    page.goto(f"/roadmap/?plan={sample_plan.pk}")
    expect(page.locator(f"[data-testid=roadmap-row][data-project-id='{dropped.pk}']")).to_have_count(1)
    # the revert dropped the added project: it is listed so, and the restored one no longer
    expect(page.get_by_test_id("roadmap-dropped-project")).to_have_count(1)
    expect(page.get_by_test_id("roadmap-dropped-project")).to_contain_text("推进营商环境改革")


def test_the_office_moves_a_deadline_and_splits_a_project_then_reverts_both(
    page: Page, sign_in: SignIn, office_user: User, sample_plan: Plan
) -> None:
    import datetime as dt

    from django.utils import translation
    from django.utils.formats import date_format

    changed, split = list(Project.objects.filter(plan=sample_plan, level=1).order_by("position")[:2])
    old_deadline = changed.deadline
    measures = split.measures.count()
    sign_in(office_user)

    page.goto(f"/plans/{sample_plan.pk}/amendments/")
    form = page.get_by_test_id("amendment-form")
    form.locator("[name=title]").fill("2014年中期调整")
    form.locator("[name=reason]").fill("区委常委会研究决定")
    form.locator("[name=decided_on]").fill("2014-03-01")
    form.locator("button[type=submit]").click()

    page.get_by_test_id("amend-parts").click()
    page.locator(f"[data-testid=outline-project][data-project-id='{changed.pk}']").get_by_test_id(
        "change-project"
    ).first.click()
    form = page.get_by_test_id("amendment-action-form")
    form.locator("[name=deadline]").fill("2015-06-30")
    form.locator("[name=reason]").fill("任务量调整")
    form.locator("button[type=submit]").click()
    with translation.override("zh-hans"):
        shown = date_format(dt.date(2015, 6, 30))
    expect(page.get_by_test_id("amendment-change")).to_contain_text(shown)

    page.goto(f"/projects/{split.pk}/")
    page.get_by_test_id("amend-project-split").click()
    form = page.get_by_test_id("amendment-action-form")
    form.locator("[name=titles]").fill("推进商事登记改革\n推进证照分离改革")
    form.locator("[name=reason]").fill("分解落实")
    form.locator("button[type=submit]").click()
    # the deadline changed, two projects added, the measures carried to the first, the split one dropped
    expect(page.get_by_test_id("amendment-change")).to_have_count(4 + measures)
    expect(page.get_by_test_id("amendment-change").last).to_contain_text("分解落实")
    assert not Project.objects.filter(pk=split.pk).exists()
    first = Project.objects.get(plan=sample_plan, title="推进商事登记改革")
    assert first.measures.count() == measures
    assert Project.objects.filter(plan=sample_plan, title="推进证照分离改革").exists()

    page.get_by_test_id("revert").click()
    form = page.get_by_test_id("revert-form")
    form.locator("[name=reason]").fill("恢复原方案")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("amendment-decision")).to_contain_text("恢复原方案")

    changed.refresh_from_db()
    assert changed.deadline == old_deadline
    assert Project.objects.filter(pk=split.pk).exists()
    assert not Project.objects.filter(plan=sample_plan, title__startswith="推进商事登记改革").exists()
