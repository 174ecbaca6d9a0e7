"""The project library in a browser: a Chinese keyword search, a project page, the Excel 台账."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from reformtrack.ledger.models import Project

from .conftest import SignIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan


def test_it_finds_a_project_by_a_chinese_keyword(
    page: Page, sign_in: SignIn, office_user: User, sample_plan: Plan
) -> None:
    sign_in(office_user)
    page.goto("/projects/")

    page.get_by_test_id("filter-q").fill("营销")
    page.get_by_test_id("filter-submit").click()

    rows = page.get_by_test_id("project-row")
    expect(rows.first).to_be_visible()
    assert rows.count() < sample_plan.projects.count()
    for title in rows.get_by_test_id("project-link").all_inner_texts():
        assert "营销" in title or "营" in title, title
    expect(page.get_by_test_id("result-count")).to_contain_text("营销")

    rows.first.get_by_test_id("project-link").click()
    expect(page.get_by_test_id("project-facts")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("营销")


def test_a_search_for_nothing_known_says_so(
    page: Page, sign_in: SignIn, office_user: User, sample_plan: Plan
) -> None:
    sign_in(office_user)

    page.goto("/projects/?q=量子计算机")

    expect(page.get_by_test_id("project-row")).to_have_count(0)


def test_the_excel_ledger_downloads_and_reads_back(
    page: Page, sign_in: SignIn, clerk_user: User, sample_plan: Plan, tmp_path: Path
) -> None:
    sign_in(clerk_user)
    page.goto("/projects/")

    with page.expect_download() as download:
        page.get_by_test_id("export-link").click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)

    assert target.suffix == ".xlsx"
    sheet = load_workbook(target, read_only=True).worksheets[0]
    rows = [
        tuple("" if cell is None else str(cell) for cell in row) for row in sheet.iter_rows(values_only=True)
    ]
    header, body = rows[0], rows[1:]
    assert "项目" in header and "牵头单位" in header
    project_column = header.index("项目")
    exported = {row[project_column] for row in body}
    visible = list(Project.objects.restrict(clerk_user, "view"))
    assert all(any(p.title in cell for cell in exported) for p in visible if p.level == 1)
    others = sample_plan.projects.exclude(pk__in=[p.pk for p in visible]).filter(level=1)
    assert not any(p.title in cell for p in others for cell in exported)  # only what the clerk may see
