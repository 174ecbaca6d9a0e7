"""The city-scale web benchmark: a synthetic programme of many plans, and the pages' server time.

``reformtrack bench web`` loads the synthetic programme of :mod:`reformtrack.bench_data` (plans,
chapters, projects, measures, targets, milestones, units and district leaders) into the configured
database, then requests the dashboard, the project library and the roadmap through Django's test
client as a coordinating-office user and reports the median and 95th percentile of the server time.

The loader refuses a database that holds plans that are not synthetic unless forced, and the
benchmark removes what it loaded afterwards unless asked to keep it. Not a test: nothing here is
asserted, the figures go to ``docs/benchmarks.md``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import quote

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import NoReverseMatch, reverse

# The synthetic programme lives in bench_data; what the CLI, bench_cycle and the tests take from
# here is named again so that `reformtrack.bench` stays the benchmark's one face.
from reformtrack.bench_data import (
    SYNTHETIC_PREFIX,
    BenchRefused,
    Size,
    bench_office,
    load_synthetic,
    refuse_real_plans,
    remove_synthetic,
)

__all__ = [
    "SYNTHETIC_PREFIX",
    "BenchRefused",
    "Size",
    "load_synthetic",
    "pages",
    "remove_synthetic",
    "run_web_bench",
    "time_page",
]


def _percentile(values: Sequence[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def time_page(client: Client, url: str, *, requests: int, warmup: int = 2) -> dict[str, float | int]:
    """Request ``url`` ``warmup`` times, then ``requests`` times timed; median, p95, queries, bytes."""
    for _ in range(warmup):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    connection.queries_log.clear()  # a full log (9,000 entries) would count nothing
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    queries = len(captured)  # now: every request start empties the log the capture reads from
    timings: list[float] = []
    # As in production: DEBUG off, so no query log and no template debug data to pay for.
    with override_settings(DEBUG=False):
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(_percentile(timings, 0.95), 1),
        "min_ms": round(min(timings), 1),
        "queries": queries,
        "kb": round(len(response.content) / 1024, 1),
    }


def pages() -> dict[str, str]:
    """The pages timed: the dashboard, the library (first page, and a Chinese keyword search), the roadmap."""
    found: dict[str, str] = {}
    library = reverse("ledger:project_list")
    candidates: list[tuple[str, Callable[[], str]]] = [
        ("dashboard", lambda: reverse("ledger:dashboard")),
        ("library", lambda: library),
        ("library_search", lambda: f"{library}?q={quote('社区')}"),
        ("roadmap", lambda: reverse("ledger:roadmap")),
    ]
    for name, url in candidates:
        try:
            found[name] = url()
        except NoReverseMatch:
            continue
    return found


def run_web_bench(size: Size, *, requests: int, force: bool, keep: bool, seed: int = 2013) -> dict[str, Any]:
    """Load, time every page of :func:`pages` as the coordinating office, clean up; the figures as a dict."""
    refuse_real_plans(force=force)
    started = time.perf_counter()
    counts = load_synthetic(size, seed=seed)
    load_seconds = time.perf_counter() - started
    try:
        client = Client(HTTP_HOST="localhost")
        client.force_login(bench_office())
        figures = {name: time_page(client, url, requests=requests) for name, url in pages().items()}
    finally:
        if not keep:
            remove_synthetic()
    return {
        "database": connection.vendor,
        **counts,
        "load_seconds": round(load_seconds, 2),
        "requests": requests,
        **figures,
    }
