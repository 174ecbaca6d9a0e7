"""The lights at city scale: the time :func:`~.services.lights_recompute` takes over the synthetic
programme of :mod:`reformtrack.bench` (100 plans, 5,000 projects, 50,000 measures by default).

:func:`run_lights_bench` is the benchmark's entry point for the CLI (``reformtrack bench …``, wired
elsewhere): it loads the synthetic plans, times a first run (every light new, so every light is
written and recorded), a second run (nothing changes, nothing is written) and a run as of a later
day, and removes what it loaded unless asked to keep it. Not a test: nothing is asserted.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from reformtrack.bench import (
    BenchRefused,
    Size,
    load_synthetic,
    real_plan_count,
    remove_synthetic,
    synthetic_plans,
)

from .services import lights_recompute


def _timed(plan_ids: list[int], today: dt.date) -> dict[str, Any]:
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        summary = lights_recompute(plans=plan_ids, today=today)
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "queries": len(queries),
        **summary.as_dict(),
    }


def run_lights_bench(
    size: Size | None = None,
    *,
    today: dt.date = dt.date(2015, 6, 30),
    force: bool = False,
    keep: bool = False,
    seed: int = 2013,
) -> dict[str, Any]:
    """Load the synthetic programme, time three recomputations of its lights, clean up; the figures.

    Refuses (:class:`~reformtrack.bench.BenchRefused`) a database holding real plans unless ``force``.
    """
    size = size or Size()
    real = real_plan_count()
    if real and not force:
        raise BenchRefused(
            f"the database holds {real} plan(s) that are not synthetic; point DATABASE_URL or "
            "REFORMTRACK_HOME at a database of its own, or force it"
        )
    started = time.perf_counter()
    counts = load_synthetic(size, seed=seed)
    load_seconds = time.perf_counter() - started
    try:
        plan_ids = list(synthetic_plans().values_list("pk", flat=True))
        first = _timed(plan_ids, today)
        again = _timed(plan_ids, today)
        later = _timed(plan_ids, today + dt.timedelta(days=90))
    finally:
        if not keep:
            remove_synthetic()
    return {
        "database": connection.vendor,
        **counts,
        "load_seconds": round(load_seconds, 2),
        "first_run": first,
        "second_run": again,
        "later_run": later,
    }
