"""`reformtrack export PLAN --xlsx FILE` writes the ledger spreadsheet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reformtrack.ledger.models import Plan

from .conftest import Invoke, assert_one_line_error

pytestmark = pytest.mark.django_db


def test_it_writes_the_ledger(invoke: Invoke, store_plan: Callable[..., Plan], tmp_path: Path) -> None:
    plan = store_plan(chapters=1, projects=2, measures=2, children=0)
    path = tmp_path / "台账.xlsx"

    result = invoke("export", str(plan.pk), "--xlsx", path)

    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote 4 rows to {path}.\n"
    sheet = load_workbook(path).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "章节",
        "项目",
        "举措",
        "牵头单位",
        "配合单位",
        "指标",
        "完成时限",
        "标记",
        "截止日期",
        "最新进展",
    )
    assert [row[2] for row in rows[1:]] == ["举措1-1-1", "举措1-1-2", "举措1-2-1", "举措1-2-2"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:J5"


def test_it_needs_the_file_name(invoke: Invoke, store_plan: Callable[..., Plan]) -> None:
    plan = store_plan()

    result = invoke("export", str(plan.pk))

    assert result.exit_code == 2
    assert "Missing option '--xlsx'" in result.output


def test_it_refuses_a_folder_that_does_not_exist(
    invoke: Invoke, store_plan: Callable[..., Plan], tmp_path: Path
) -> None:
    plan = store_plan()

    assert_one_line_error(
        invoke("export", str(plan.pk), "--xlsx", tmp_path / "no" / "x.xlsx"), "cannot be written"
    )
