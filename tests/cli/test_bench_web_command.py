"""`reformtrack bench web` loads a synthetic programme, times the pages and prints one JSON line."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from reformtrack.bench import SYNTHETIC_PREFIX
from reformtrack.ledger.models import Measure, Plan, Project

from .conftest import Invoke, assert_one_line_error

SMALL = ("--plans", "3", "--projects", "20", "--measures", "50", "--requests", "2")
PAGES = {"dashboard", "library", "library_search", "roadmap"}


@pytest.mark.django_db
def test_it_prints_one_json_line_and_cleans_up(invoke: Invoke) -> None:
    result = invoke("bench", "web", *SMALL)

    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") == 1
    figures = json.loads(result.stdout)
    assert (figures["plans"], figures["projects"], figures["measures"]) == (3, 20, 50)
    assert figures["database"] in {"sqlite", "postgresql"}
    hello = figures["hello"]
    assert set(hello) == {"median_ms", "p95_ms", "min_ms", "queries", "kb"}
    # the hello-world view reads nothing itself: the session, the user and the user's role are the
    # no-role fence's (evaluation.middleware), which every signed-in page pays too
    assert hello["queries"] == 3
    for page in PAGES:
        assert set(figures[page]) == {"median_ms", "p95_ms", "min_ms", "queries", "kb", "ratio"}, page
        assert 0 < figures[page]["min_ms"] <= figures[page]["median_ms"] <= figures[page]["p95_ms"]
        assert figures[page]["queries"] > 0
        assert figures[page]["ratio"] == round(figures[page]["median_ms"] / (hello["median_ms"] or 0.1), 1)
        assert f"{page}: median {figures[page]['median_ms']} ms" in result.stderr
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_it_keeps_the_data_when_asked_and_replaces_it_next_time(invoke: Invoke) -> None:
    assert invoke("bench", "web", *SMALL, "--keep").exit_code == 0
    assert invoke("bench", "web", *SMALL, "--keep").exit_code == 0

    assert Plan.objects.filter(doc_number__startswith=SYNTHETIC_PREFIX).count() == 3
    assert Project.objects.count() == 20
    assert Measure.objects.count() == 50
    assert Project.objects.filter(level=2).exists()  # sub-items too, not only a flat list


@pytest.mark.django_db
def test_it_refuses_a_database_with_real_plans(invoke: Invoke, store_plan: Callable[..., Plan]) -> None:
    store_plan(b"a real plan")

    assert_one_line_error(invoke("bench", "web", *SMALL), "not synthetic", "--force")
    assert Plan.objects.count() == 1


@pytest.mark.django_db
def test_with_force_it_loads_next_to_real_plans_and_leaves_them(
    invoke: Invoke, store_plan: Callable[..., Plan]
) -> None:
    real = store_plan(b"a real plan")

    result = invoke("bench", "web", *SMALL, "--force")

    assert result.exit_code == 0, result.output
    assert list(Plan.objects.all()) == [real]


def test_it_refuses_fewer_projects_than_plans(invoke: Invoke) -> None:
    assert_one_line_error(invoke("bench", "web", "--plans", "5", "--projects", "4"), "--projects")


@pytest.mark.django_db
def test_it_times_a_site_that_redirects_plain_http_to_https(invoke: Invoke, settings: Any) -> None:
    # production settings (DEBUG off) send plain HTTP to HTTPS: the bench must time the pages,
    # not the redirect, and not stop at it
    settings.SECURE_SSL_REDIRECT = True

    result = invoke("bench", "web", *SMALL)

    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert all(figures[page]["queries"] > 0 for page in PAGES)
