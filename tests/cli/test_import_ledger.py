"""`reformtrack import LEDGER.xlsx`: a 台账 as a new plan; the platform's own export comes back unchanged."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from reformtrack.ledger.models import Plan, Project, Unit

from .conftest import Invoke, assert_one_line_error

pytestmark = pytest.mark.django_db


def rows_of(path: Path) -> list[tuple[object, ...]]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_the_platforms_own_export_imports_back_unchanged(
    invoke: Invoke, store_plan: Callable[..., Plan], tmp_path: Path
) -> None:
    # sub-projects, a measure with units and a deadline of its own, targets and a review flag
    plan = store_plan(chapters=2, projects=2, measures=2, children=2)
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert invoke("export", str(plan.pk), "--xlsx", first).exit_code == 0

    result = invoke("import", first)

    assert result.exit_code == 0, result.output
    again = Plan.objects.exclude(pk=plan.pk).get()
    summary = "a (2 chapters, 12 projects, 16 measures, 2 to review)"
    assert result.output == f"Imported plan {again.pk}: {summary}.\n"
    assert invoke("export", str(again.pk), "--xlsx", second).exit_code == 0
    assert rows_of(second) == rows_of(first)
    children = Project.objects.filter(plan=again, parent__isnull=False)
    assert sorted(children.values_list("label", "title", "level"))[:2] == [
        ("1.", "子项1-1-1", 2),
        ("1.", "子项1-2-1", 2),
    ]
    assert again.source.source_format == "xlsx"


def test_a_ledger_with_bad_rows_stores_nothing(invoke: Invoke, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        ["重点任务", "具体举措", "牵头单位", "完成时限"],
        ["（一）商事改革", "举措一", "区新设局", "2014年底前"],
        ["（一）教育改革", "举措二", "区教育局", "改天"],
    ):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    path = tmp_path / "台账.xlsx"
    path.write_bytes(out.getvalue())

    result = invoke("import", path)

    assert_one_line_error(result, "2 rows cannot be imported", "row 3", "改天", "appears twice")
    assert not Plan.objects.exists()
    assert not Unit.objects.filter(name="区新设局").exists()


def test_a_spreadsheet_that_is_no_ledger_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "电话"])
    path = tmp_path / "通讯录.xlsx"
    book.save(path)

    result = invoke("import", path)

    assert_one_line_error(result, "通讯录.xlsx", "no ledger header")
    assert not Plan.objects.exists()
