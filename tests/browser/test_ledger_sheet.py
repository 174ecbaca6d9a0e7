"""An Excel 台账 through the import wizard in a browser: a two-row merged header with a column the
reader does not know and a misspelled unit → the column mapping shown, one column remapped → the
preview's row problems → the date corrected and the unit taken as the registry's → imported."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
from playwright.sync_api import Page, expect

from reformtrack.imports.models import ImportDraft
from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.models import Plan, Project, ProjectUnit, Unit, UnitAlias
from reformtrack.ledger.units import guess_unit_kind

from .conftest import SignIn
from .test_import_wizard import upload

if TYPE_CHECKING:
    from django.contrib.auth.models import User

TITLE = "罗湖区2014年改革任务台账"
ROWS: list[list[object]] = [
    [TITLE],
    ["序号", "重点任务", "具体举措", "责任单位", None, "时间要求"],
    [None, None, None, "牵头单位", "配合单位", None],
    [1, "（一）推进商事登记制度改革", "建立审批与监管衔接机制", "区发该局", "区财政局", "2014年底前"],
    [None, None, "完善市场监管信息化体系", "区发该局", "区财政局", "2014年底前"],
    [2, "（二）深化财政预算改革", "推进预算公开", "区财政局", None, "明年再说"],
]
# the title over the table; 责任单位 over 牵头/配合; the other headings down over both header rows;
# project 1's 序号 and 重点任务 down over its two measures
MERGES = ["A1:F1", "D2:E2", "A2:A3", "B2:B3", "C2:C3", "F2:F3", "A4:A5", "B4:B5"]


def ledger_file(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in ROWS:
        sheet.append(row)
    for merge in MERGES:
        sheet.merge_cells(merge)
    path = tmp_path / "改革台账.xlsx"
    out = io.BytesIO()
    book.save(out)
    path.write_bytes(out.getvalue())
    return path


def test_an_excel_ledger_is_mapped_corrected_and_imported(
    page: Page, sign_in: SignIn, office_user: User, tmp_path: Path
) -> None:
    reform = Unit.objects.create(name="区发改局", kind=guess_unit_kind("区发改局"))
    Unit.objects.create(name="区财政局", kind=guess_unit_kind("区财政局"))
    sign_in(office_user)
    page.goto("/import/")
    upload(page, ledger_file(tmp_path))

    # the draft says it came from a spreadsheet; its columns and rows are one click away
    expect(page.get_by_test_id("sheet-banner")).to_contain_text("表格台账")
    page.get_by_test_id("sheet-link").click()

    # the mapping: the two-row header read as one, the unknown 时间要求 column not imported
    mapping = page.get_by_test_id("mapping-table")
    expect(mapping.locator("[data-heading='责任单位/牵头单位'] select")).to_have_value("lead_units")
    expect(mapping.locator("[data-heading='责任单位/配合单位'] select")).to_have_value("co_units")
    deadline_column = mapping.locator("[data-heading='时间要求'] select")
    expect(deadline_column).to_have_value("")
    expect(page.get_by_test_id("row-summary")).to_contain_text("所有行均可导入")

    # a mapping that cannot work is refused in Chinese and shown as chosen
    mapping.locator("[data-heading='具体举措'] select").select_option("project")
    page.get_by_test_id("mapping-save").click()
    expect(page.get_by_test_id("mapping-error")).to_contain_text("只能选给一列")
    expect(page.locator("[data-heading='具体举措'] select")).to_have_value("project")
    page.locator("[data-heading='具体举措'] select").select_option("measure")

    # the office says the 时间要求 column holds the deadlines: the sheet is read again
    page.locator("[data-heading='时间要求'] select").select_option("deadline")
    page.get_by_test_id("mapping-save").click()
    expect(page.locator("[data-heading='时间要求'] select")).to_have_value("deadline")

    # the preview: row 6's date cannot be read; 区发该局 is not in the registry
    bad = page.locator("[data-testid=sheet-row][data-row='6']")
    expect(bad.get_by_test_id("row-problems")).to_contain_text("无法识别的完成时限“明年再说”")
    expect(page.get_by_test_id("row-summary")).to_contain_text("1 行有问题")
    misspelled = page.locator("[data-testid=unit-new][data-unit-name='区发该局']").first
    expect(misspelled).to_contain_text("不在单位名录中")
    expect(misspelled.locator("select")).to_have_value(str(reform.pk))  # the likeliest unit, chosen

    # corrected: the date typed in its row, the misspelled unit taken as the registry's
    bad.locator("input[name=deadline]").fill("2015年6月底前")
    bad.get_by_test_id("row-fix-save").click()
    expect(page.get_by_test_id("row-summary")).to_contain_text("所有行均可导入")
    expect(page.locator("[data-testid=sheet-row][data-row='6']").get_by_test_id("row-fixed")).to_be_visible()
    page.locator("[data-testid=unit-new][data-unit-name='区发该局']").first.get_by_test_id(
        "unit-merge-save"
    ).click()
    expect(page.get_by_test_id("unit-merged").first).to_contain_text("区发该局 → 区发改局")
    expect(page.get_by_test_id("unit-new")).to_have_count(0)
    assert not Plan.objects.exists()  # nothing stored until confirmed

    page.get_by_test_id("sheet-confirm-link").click()
    page.get_by_test_id("confirm-submit").click()
    page.wait_for_url("**/projects/?plan=*")

    plan = Plan.objects.get()
    assert plan.title == TITLE
    first, second = Project.objects.filter(plan=plan).order_by("position", "id")
    assert (first.label, first.title) == ("（一）", "推进商事登记制度改革")
    assert list(first.measures.order_by("position").values_list("text", flat=True)) == [
        "建立审批与监管衔接机制",
        "完善市场监管信息化体系",
    ]
    assert first.deadline == dt.date(2014, 12, 31)
    assert (second.label, second.title, second.deadline) == (
        "（二）",
        "深化财政预算改革",
        dt.date(2015, 6, 30),
    )
    units = ProjectUnit.objects.filter(project__plan=plan).order_by("project__position", "role", "unit__name")
    assert {(pu.project_id, pu.role, pu.unit.name) for pu in units.select_related("unit")} == {
        (first.pk, UnitRole.LEAD, "区发改局"),
        (first.pk, UnitRole.CO, "区财政局"),
        (second.pk, UnitRole.LEAD, "区财政局"),
    }
    assert UnitAlias.objects.filter(unit=reform, name="区发该局").exists()
    assert not Unit.objects.filter(name="区发该局").exists()
    assert not ImportDraft.objects.exists()
