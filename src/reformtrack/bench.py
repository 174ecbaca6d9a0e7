"""The city-scale web benchmark: a synthetic programme of many plans, and the pages' server time.

``reformtrack bench web`` loads the synthetic programme of :mod:`reformtrack.bench_data` (plans,
chapters, projects, measures, targets, milestones, units and district leaders) into the configured
database, then requests the dashboard, the project library and the roadmap through Django's test
client as a coordinating-office user and reports the median and 95th percentile of the server time,
and each page's median as a ratio to a hello-world view's through the same stack in the same run
(:mod:`reformtrack.bench_urls`).

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
from reformtrack.bench_urls import HELLO_URL

__all__ = [
    "SYNTHETIC_PREFIX",
    "BenchRefused",
    "Size",
    "load_synthetic",
    "pages",
    "remove_synthetic",
    "run_web_bench",
    "time_page",
    "time_pages",
    "with_ratios",
]


def _percentile(values: Sequence[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def _warm_and_count(client: Client, url: str, *, warmup: int) -> tuple[int, int]:
    """Request ``url`` ``warmup`` times (each must answer 200), then once more counting its
    queries; the queries and the size of the response."""
    for _ in range(warmup):
        response = client.get(url, secure=True)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    connection.queries_log.clear()  # a full log (9,000 entries) would count nothing
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, secure=True)
    return len(captured), len(response.content)  # every request start empties the log it reads


def time_pages(client: Client, urls: dict[str, str], *, requests: int, warmup: int = 2) -> dict[str, Any]:
    """Time every page of ``urls`` ``requests`` times, the pages taking turns so that a drift of the
    machine hits them alike; per page its median, p95, minimum (ms), queries and size (KB)."""
    counted = {name: _warm_and_count(client, url, warmup=warmup) for name, url in urls.items()}
    timings: dict[str, list[float]] = {name: [] for name in urls}
    # As in production: DEBUG off, so no query log and no template debug data to pay for.
    with override_settings(DEBUG=False):
        for _ in range(requests):
            for name, url in urls.items():
                started = time.perf_counter()
                client.get(url, secure=True)
                timings[name].append((time.perf_counter() - started) * 1000)
    return {
        name: {
            "median_ms": round(statistics.median(timings[name]), 1),
            "p95_ms": round(_percentile(timings[name], 0.95), 1),
            "min_ms": round(min(timings[name]), 1),
            "queries": counted[name][0],
            "kb": round(counted[name][1] / 1024, 1),
        }
        for name in urls
    }


def time_page(client: Client, url: str, *, requests: int, warmup: int = 2) -> dict[str, float | int]:
    """One page's figures, as :func:`time_pages` gives them."""
    figures = time_pages(client, {"page": url}, requests=requests, warmup=warmup)
    page: dict[str, float | int] = figures["page"]
    return page


def with_ratios(figures: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each page's figures with ``ratio``: its median over the hello-world view's (``hello``)."""
    hello = figures["hello"]["median_ms"] or 0.1  # the figures are rounded to 0.1 ms
    return {
        name: {**page, "ratio": round(page["median_ms"] / hello, 1)} if name != "hello" else page
        for name, page in figures.items()
    }


def pages() -> dict[str, str]:
    """The pages timed: the dashboard, the library (first page, and a Chinese keyword search), the roadmap."""
    found: dict[str, str] = {}
    library = reverse("ledger:project_list")
    candidates: list[tuple[str, Callable[[], str]]] = [
        ("dashboard", lambda: reverse("web:dashboard")),
        ("library", lambda: library),
        ("library_search", lambda: f"{library}?q={quote('社区')}"),
        ("roadmap", lambda: reverse("web:roadmap")),
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
        with override_settings(ROOT_URLCONF="reformtrack.bench_urls"):
            urls = {"hello": HELLO_URL, **pages()}
            figures = with_ratios(time_pages(client, urls, requests=requests))
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
