"""`reformtrack bench portal` publishes a synthetic programme, times the public pages anonymously
and prints one JSON line."""

from __future__ import annotations

import json

import pytest

from reformtrack.ledger.models import Plan

from .conftest import Invoke

SMALL = ("--plans", "2", "--projects", "10", "--measures", "20", "--requests", "2")
PAGES = {"home", "plan", "project", "api_public_projects"}


@pytest.mark.django_db
def test_it_prints_one_json_line_and_cleans_up(invoke: Invoke) -> None:
    result = invoke("bench", "portal", *SMALL)

    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") == 1
    figures = json.loads(result.stdout)
    assert (figures["plans"], figures["projects"], figures["published_plans"]) == (2, 10, 2)
    hello = figures["hello"]
    for page in PAGES:
        assert 0 < figures[page]["min_ms"] <= figures[page]["median_ms"] <= figures[page]["p95_ms"], page
        assert figures[page]["queries"] > 0
        assert figures[page]["ratio"] == round(figures[page]["median_ms"] / (hello["median_ms"] or 0.1), 1)
    staff = figures["api_projects"]
    assert staff["queries"] > 0 and staff["ratio"] == round(
        staff["median_ms"] / (figures["hello_signed_in"]["median_ms"] or 0.1), 1
    )
    assert not Plan.objects.exists()
