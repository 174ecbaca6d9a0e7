"""`reformtrack show PLAN` prints the stored ledger tree; `reformtrack plans` lists the plans."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_django import DjangoAssertNumQueries

from reformtrack.ledger.models import Plan

from .conftest import Invoke, assert_one_line_error

pytestmark = pytest.mark.django_db


def test_it_shows_the_ledger_tree(invoke: Invoke, store_plan: Callable[..., Plan]) -> None:
    plan = store_plan(chapters=2, projects=1, children=1)

    result = invoke("show", str(plan.pk))

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == plan.title
    assert lines[1] == (
        f"plan {plan.pk} · 罗发〔2013〕3号 · issued 2013-05-20 · 2013–2015 · "
        "2 chapters, 4 projects, 6 measures"
    )
    assert "二、第2章的标题" in lines
    assert "  （1）项目1-1 ⚠" in lines
    assert "      ⚠ “阳光慈尚”与“大爱罗湖”之间缺失一个字（以□标示），请补全。" in lines
    assert "      lead: 区发改局、区财政局" in lines
    assert "      co: 各街道办事处" in lines
    assert "      targets: 打造2至3个网商集聚区" in lines
    assert "        lead: 区民政局" in lines


def test_it_finds_the_plan_by_document_number_or_title(
    invoke: Invoke, store_plan: Callable[..., Plan]
) -> None:
    store_plan()

    by_number = invoke("show", "罗发〔2013〕3号")
    by_title = invoke("show", "改革创新")

    assert by_number.exit_code == by_title.exit_code == 0
    assert by_number.output == by_title.output


def test_it_lists_measures_when_asked(invoke: Invoke, store_plan: Callable[..., Plan]) -> None:
    plan = store_plan(chapters=1, projects=1, measures=2, children=0)

    result = invoke("show", "-m", str(plan.pk))

    assert "      - 举措1-1-2" in result.output.splitlines()


def test_it_refuses_an_ambiguous_title(invoke: Invoke, store_plan: Callable[..., Plan]) -> None:
    store_plan(b"a")
    store_plan(b"b")

    assert_one_line_error(invoke("show", "改革"), "several plans")


def test_it_lists_the_plans(invoke: Invoke, store_plan: Callable[..., Plan]) -> None:
    plan = store_plan(chapters=1, projects=2, measures=1, children=0)

    result = invoke("plans")

    assert result.exit_code == 0, result.output
    assert result.output == (
        f"{plan.pk:>4}  罗发〔2013〕3号  2013-05-20  2 projects  2 measures  {plan.title}\n"
    )


def test_it_says_when_there_are_no_plans(invoke: Invoke) -> None:
    result = invoke("plans")

    assert result.exit_code == 0
    assert "No plans stored yet" in result.output


@pytest.mark.parametrize("command", ["show", "export"])
def test_it_takes_the_same_queries_for_a_small_and_a_large_plan(
    invoke: Invoke,
    store_plan: Callable[..., Plan],
    django_assert_num_queries: DjangoAssertNumQueries,
    tmp_path: Path,
    command: str,
) -> None:
    small = store_plan(b"s", chapters=1, projects=1, measures=1, children=0)
    large = store_plan(b"l", chapters=8, projects=6, measures=5, children=3)
    extra = ["--xlsx", str(tmp_path / "x.xlsx")] if command == "export" else []

    for plan in (small, large):
        with django_assert_num_queries(9):  # find the plan, then the ledger's eight
            assert invoke(command, str(plan.pk), *extra).exit_code == 0
