"""`reformtrack import --progress PLAN LEDGER.xlsx`: the office's progress update, all rows or none."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth.models import User

from reformtrack.ledger.models import Measure, Plan, Project

from .conftest import Invoke, assert_one_line_error

pytestmark = pytest.mark.django_db


def progress_ledger(
    invoke: Invoke, plan: Plan, path: Path, *, percent: str = "80%", project: str = ""
) -> Path:
    """The plan's own export with 进度/完成情况/进展情况 filled in on every row."""
    assert invoke("export", str(plan.pk), "--xlsx", path).exit_code == 0
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    for column, heading in ((9, "进度"), (10, "完成情况"), (11, "进展情况")):
        sheet.cell(1, column, heading)
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, 9, percent)
        sheet.cell(row, 10, "推进中")
        sheet.cell(row, 11, "已制定方案")
    if project:
        sheet.cell(2, 2, project)
    book.save(path)
    return path


def test_it_updates_the_plan_as_the_office_with_history(
    invoke: Invoke, store_plan: Callable[..., Plan], office_user: User, tmp_path: Path
) -> None:
    plan = store_plan(chapters=1, projects=2, measures=2, children=0)
    path = progress_ledger(invoke, plan, tmp_path / "进展.xlsx")

    result = invoke("import", "--progress", str(plan.pk), path)

    assert result.exit_code == 0, result.output
    assert result.output.endswith(f"Updated plan {plan.pk} from 4 rows of 进展.xlsx as office.\n")
    assert set(Measure.objects.values_list("progress", flat=True)) == {80}
    project = Project.objects.get(plan=plan, label="（1）")
    assert (project.progress, project.status, project.progress_note, project.version) == (
        80,
        "in_progress",
        "已制定方案",
        2,
    )
    last = project.history.first()
    assert last is not None
    assert (last.history_user, last.history_change_reason) == (office_user, "progress update from 进展.xlsx")


def test_an_unknown_project_stores_nothing(
    invoke: Invoke, store_plan: Callable[..., Plan], office_user: User, tmp_path: Path
) -> None:
    plan = store_plan(chapters=1, projects=2, measures=2, children=0)
    path = progress_ledger(invoke, plan, tmp_path / "进展.xlsx", project="（9）不存在的项目")

    result = invoke("import", "--progress", str(plan.pk), path)

    assert_one_line_error(
        result,
        "1 rows cannot be imported",
        "row 2: unknown project '（9）不存在的项目'",
        "nothing was stored",
    )
    assert set(Measure.objects.values_list("progress", flat=True)) == {0}
    assert not Project.objects.filter(version__gt=1).exists()


def test_an_unreadable_value_stores_nothing(
    invoke: Invoke, store_plan: Callable[..., Plan], office_user: User, tmp_path: Path
) -> None:
    plan = store_plan(chapters=1, projects=1, measures=1, children=0)
    path = progress_ledger(invoke, plan, tmp_path / "进展.xlsx", percent="大半")

    result = invoke("import", "--progress", str(plan.pk), path)

    assert_one_line_error(result, "row 2: unreadable progress '大半'")
    assert set(Measure.objects.values_list("progress", flat=True)) == {0}


def test_only_the_office_may_update(
    invoke: Invoke, store_plan: Callable[..., Plan], clerk_user: User, tmp_path: Path
) -> None:
    plan = store_plan(chapters=1, projects=1, measures=1, children=0)
    path = progress_ledger(invoke, plan, tmp_path / "进展.xlsx")

    result = invoke("import", "--progress", str(plan.pk), path, "--by", "clerk")

    assert_one_line_error(result, "--by clerk", "coordinating office")
    assert set(Measure.objects.values_list("progress", flat=True)) == {0}


def test_a_dry_run_stores_nothing(
    invoke: Invoke, store_plan: Callable[..., Plan], office_user: User, tmp_path: Path
) -> None:
    plan = store_plan(chapters=1, projects=1, measures=1, children=0)
    path = progress_ledger(invoke, plan, tmp_path / "进展.xlsx")

    result = invoke("import", "--progress", str(plan.pk), path, "--dry-run")

    assert result.exit_code == 0, result.output
    assert "1 rows would update plan" in result.output
    assert set(Measure.objects.values_list("progress", flat=True)) == {0}
