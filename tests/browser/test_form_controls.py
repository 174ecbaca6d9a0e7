"""The site's form controls in a browser: a long select filtered by typing, a typed date with a picker."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from playwright.sync_api import Page, expect

from reformtrack.ledger.models import Unit

from .conftest import MakePage, SignIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan

VISIBLE_OPTIONS = "select => [...select.options].filter(o => !o.hidden && o.value).map(o => o.textContent)"


def a_unit_of(plan: Plan) -> tuple[Unit, str]:
    """A unit on the plan's projects and a piece of its name that no other unit of the list has."""
    units = list(Unit.objects.filter(project_units__project__plan=plan).distinct().order_by("name"))
    for unit in units:
        for start in range(len(unit.name) - 2):
            piece = unit.name[start : start + 3]
            if sum(piece in other.name for other in units) == 1:
                return unit, piece
    raise AssertionError("no unit with a name of its own")


def test_typing_into_the_unit_filter_narrows_the_list_and_enter_picks(
    page: Page, sign_in: SignIn, office_user: User, sample_plan: Plan
) -> None:
    unit, piece = a_unit_of(sample_plan)
    sign_in(office_user)
    page.goto("/projects/")
    select = page.get_by_test_id("filter-unit")
    all_units = len(select.evaluate(VISIBLE_OPTIONS))
    assert all_units > 5

    box = page.get_by_test_id("select-filter-unit")
    expect(box).to_have_attribute("placeholder", "输入文字筛选列表")
    box.press_sequentially(piece)

    assert select.evaluate(VISIBLE_OPTIONS) == [unit.name]
    box.press("Enter")
    expect(select).to_have_value(str(unit.pk))

    page.get_by_test_id("filter-submit").click()
    expect(page).to_have_url(re.compile(rf"unit={unit.pk}"))
    expect(page.get_by_test_id("project-row").first).to_be_visible()
    # the search box empties once a unit is chosen, and the whole list is back
    assert len(page.get_by_test_id("filter-unit").evaluate(VISIBLE_OPTIONS)) == all_units


def test_without_javascript_the_unit_filter_is_a_plain_select(
    make_page: MakePage, sign_in: SignIn, office_user: User, sample_plan: Plan
) -> None:
    unit, _piece = a_unit_of(sample_plan)
    page = make_page(javascript=False)
    sign_in(office_user, on=page)
    page.goto("/projects/")

    expect(page.get_by_test_id("select-filter-unit")).to_have_count(0)
    page.get_by_test_id("filter-unit").select_option(str(unit.pk))
    page.get_by_test_id("filter-submit").click()

    expect(page).to_have_url(re.compile(rf"unit={unit.pk}"))


def test_a_typed_date_takes_chinese_and_the_picker_writes_it(
    page: Page, sign_in: SignIn, office_user: User
) -> None:
    sign_in(office_user)
    page.goto("/supervision/bulletins/new/")
    start = page.get_by_label("起始日期")
    expect(start).to_have_attribute("type", "text")
    expect(start).to_have_attribute("inputmode", "numeric")

    picker = page.get_by_test_id("bulletin-create-form").get_by_label("选择日期").first
    picker.fill("2025-06-01")
    expect(start).to_have_value("2025-06-01")

    page.get_by_label("截止日期").fill("2025年6月30日")
    page.get_by_role("button", name="生成").click()

    expect(page.get_by_test_id("field-error")).to_have_count(0)
    expect(page).not_to_have_url(re.compile(r"/bulletins/new/$"))
