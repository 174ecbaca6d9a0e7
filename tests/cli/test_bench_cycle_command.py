"""`reformtrack bench cycle` times the lights and a bulletin over a synthetic programme under way."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from reformtrack.ledger.models import Plan
from reformtrack.reporting.models import ProgressReport
from reformtrack.supervision.models import Bulletin, SupervisionOrder

from .conftest import Invoke, assert_one_line_error

SMALL = ("--plans", "3", "--projects", "30", "--measures", "90")
STEPS = ("lights_first", "lights_again", "lights_90_days_later", "bulletin_generate", "bulletin_docx")


@pytest.mark.django_db
def test_it_prints_one_json_line_of_figures_and_cleans_up(invoke: Invoke) -> None:
    result = invoke("bench", "cycle", *SMALL)

    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == 1
    figures = json.loads(result.output)
    assert (figures["plans"], figures["projects"], figures["measures"]) == (3, 30, 90)
    assert figures["reports"] > 0 and figures["orders"] > 0
    for step in STEPS:
        assert figures[step]["seconds"] >= 0 and figures[step]["peak_mb"] > 0, step
    assert all(figures[step]["queries"] > 0 for step in STEPS[:4])
    assert figures["bulletin_docx"]["queries"] == 0  # rendering reads only the stored sections
    # the first run sets every light of the 30 projects and 90 measures; the second finds nothing new
    assert figures["lights_first"]["changed"] == 120
    assert figures["lights_again"]["queries"] < figures["lights_first"]["queries"]
    assert figures["bulletin_docx"]["kb"] > 0
    assert not Plan.objects.exists()
    assert not ProgressReport.objects.exists() and not SupervisionOrder.objects.exists()
    assert not Bulletin.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_database_with_real_plans(invoke: Invoke, store_plan: Callable[..., Plan]) -> None:
    store_plan(b"a real plan")

    assert_one_line_error(invoke("bench", "cycle", *SMALL), "not synthetic", "--force")
    assert Plan.objects.count() == 1
