"""`reformtrack import --revise PLAN PATH`: a revised document's difference, one line per change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.utils.translation import gettext as _

from reformtrack.ledger.models import Plan, Project
from reformtrack.ledger.models_amend import Amendment
from reformtrack.reporting.models import ProgressReport
from reformtrack.supervision.models import SupervisionOrder

from .conftest import Invoke, assert_one_line_error

if TYPE_CHECKING:
    from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
BEFORE = FIXTURES / "revise-before.txt"
AFTER = FIXTURES / "revise-after.txt"


@pytest.fixture
def plan(invoke: Invoke) -> Plan:
    result = invoke("import", BEFORE)
    assert result.exit_code == 0, result.output
    return Plan.objects.get()


def test_it_prints_each_change_on_its_own_line(invoke: Invoke, plan: Plan) -> None:
    result = invoke("import", "--revise", plan.pk, AFTER)

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    kinds = [line.split()[0] for line in lines]
    assert kinds == ["责任单位调整", "更名", "取消", "完成时限调整", "新增", "新增"]
    assert lines[0].endswith("牵头：区编办、区法制办 → 牵头：区编办、区政务服务管理办")
    assert lines[1] == "更名  二、（二）：推进网上审批 → 推进“互联网+政务服务”"
    assert lines[2] == "取消  二、（三）规范中介服务"
    assert lines[3] == "完成时限调整  三、（二）推进综合执法改革：2014年底前 → 2015年6月底前"
    assert lines[4:] == ["新增  三、（三）深化商事登记制度改革", "新增  三、（四）健全投诉举报处理机制"]


def test_it_stores_nothing_without_apply(invoke: Invoke, plan: Plan) -> None:
    titles = list(Project.objects.values_list("title", flat=True))

    invoke("import", "--revise", plan.title, AFTER)

    assert list(Project.objects.values_list("title", flat=True)) == titles
    assert Plan.objects.count() == 1


def test_the_same_document_has_no_changes(invoke: Invoke, plan: Plan) -> None:
    result = invoke("import", "--revise", plan.pk, BEFORE)

    assert result.exit_code == 0, result.output
    assert result.output.strip() == _("No changes: the document says what the plan says.")


def test_an_unknown_plan_is_one_line(invoke: Invoke, plan: Plan) -> None:
    assert_one_line_error(invoke("import", "--revise", "9999", AFTER), "no plan '9999'")


def test_a_missing_file_is_one_line(invoke: Invoke, plan: Plan, tmp_path: Path) -> None:
    assert_one_line_error(invoke("import", "--revise", plan.pk, tmp_path / "none.txt"), "no such file")


def test_a_document_without_structure_is_one_line(invoke: Invoke, plan: Plan) -> None:
    result = invoke("import", "--revise", plan.pk, FIXTURES / "no-structure.txt")

    assert_one_line_error(result, "does not look like a plan")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--apply", "PATH"), "--apply goes with --revise PLAN"),
        (("--revise", "1"), "PATH"),
        (("--revise", "1", "--sample"), "--sample"),
        (("--revise", "1", "--replace", "PATH"), "--replace"),
    ],
)
def test_it_refuses_options_that_do_not_go_together(
    invoke: Invoke, plan: Plan, args: tuple[str, ...], fragment: str
) -> None:
    args = tuple(str(AFTER) if arg == "PATH" else arg for arg in args)

    assert_one_line_error(invoke("import", *args), fragment)


def test_apply_applies_all_of_it_and_keeps_the_work(
    invoke: Invoke, plan: Plan, office_user: User, attach_work: Callable[[Project, User], tuple[int, int]]
) -> None:
    report, order = attach_work(Project.objects.get(plan=plan, title="推进网上审批"), office_user)

    result = invoke("import", "--revise", plan.pk, AFTER, "--apply", "--by", office_user.username)

    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == _("Applied as amendment %(number)d of the plan.") % {"number": 1}
    assert ProgressReport.objects.get(pk=report).project.title == "推进“互联网+政务服务”"
    assert SupervisionOrder.objects.get(pk=order).project.title == "推进“互联网+政务服务”"
    again = invoke("import", "--revise", plan.pk, AFTER)
    assert again.output.strip() == _("No changes: the document says what the plan says.")


def test_apply_is_recorded_as_an_office_account_only(invoke: Invoke, plan: Plan, clerk_user: User) -> None:
    result = invoke("import", "--revise", plan.pk, AFTER, "--apply", "--by", clerk_user.username)

    assert_one_line_error(result, "not of the coordinating office")
    assert not Amendment.objects.exists()


def test_apply_needs_an_account(invoke: Invoke, plan: Plan) -> None:
    assert_one_line_error(invoke("import", "--revise", plan.pk, AFTER, "--apply"), "--by USERNAME")
    assert_one_line_error(
        invoke("import", "--revise", plan.pk, AFTER, "--apply", "--by", "nobody"), "no active account"
    )
