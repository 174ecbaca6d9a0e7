"""`reformtrack bench ledger` times a synthetic 台账 imported, then applied as a progress update."""

from __future__ import annotations

import json

import pytest

from reformtrack.ledger.models import Plan, Project

from .conftest import Invoke, assert_one_line_error


@pytest.mark.django_db
def test_it_prints_one_json_line_of_figures_and_cleans_up(invoke: Invoke) -> None:
    result = invoke("bench", "ledger", "--rows", "30")

    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == 1
    figures = json.loads(result.output)
    assert figures["rows"] == 30
    for step in ("import", "progress"):
        assert figures[step]["seconds"] >= 0 and figures[step]["peak_mb"] > 0, step
        assert figures[step]["queries"] > 0, step
    assert figures["max_rss_mb"] > 0
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_it_keeps_the_updated_plan_when_asked(invoke: Invoke) -> None:
    result = invoke("bench", "ledger", "--rows", "10", "--keep")

    assert result.exit_code == 0, result.output
    plan = Plan.objects.get()
    assert Project.objects.filter(plan=plan).count() == 2
    assert Project.objects.filter(plan=plan, version__gt=1).exists()  # the progress update landed


@pytest.mark.django_db
def test_it_refuses_a_database_with_real_plans(invoke: Invoke, store_plan: object) -> None:
    assert callable(store_plan)
    store_plan()

    result = invoke("bench", "ledger", "--rows", "10")

    assert_one_line_error(result, "not synthetic")
    assert Plan.objects.count() == 1
