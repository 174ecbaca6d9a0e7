"""The yearly appraisal benchmark: every unit's score over the city-scale programme under way.

``reformtrack bench appraisal`` loads the programme of ``bench cycle`` (the synthetic plans, a
quarterly reporting cycle per plan with the reports of its last four periods, 400 supervision
orders), adds an actual value to half of the targets and a bonus claim per tenth unit, then times
the appraisal of the benchmark's year: the first computation (every component read, every result
frozen), a second one (the results replaced), and the two exports; then, apart, the peak of memory
Python allocated in each (tracemalloc).

Not a test: nothing here is asserted, the figures go to ``docs/benchmarks.md``.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from reformtrack.appraisal.components import default_weights
from reformtrack.appraisal.exports import results_docx, results_xlsx
from reformtrack.appraisal.models import Adjustment, Appeal, BonusClaim, Result, Run, Scheme
from reformtrack.appraisal.selectors import appraised_units, run_results
from reformtrack.appraisal.services import appraisal_compute
from reformtrack.bench_cycle import BENCH_DAY, load_cycle, peak_mb, remove_cycle, timed
from reformtrack.bench_data import (
    BATCH,
    Size,
    bench_office,
    load_synthetic,
    refuse_real_plans,
    remove_synthetic,
    synthetic_plans,
)
from reformtrack.ledger.models import Target, TargetValue

YEAR = BENCH_DAY.year


def load_appraisal_data(*, seed: int = 2013) -> dict[str, int]:
    """Actual values for half of the synthetic targets and a bonus claim per tenth appraised unit."""
    rng = random.Random(seed)
    office = bench_office()
    with transaction.atomic():
        targets = list(
            Target.objects.filter(project__plan__in=synthetic_plans()).values_list("pk", "min_value")
        )
        values = [
            TargetValue(
                target_id=pk,
                date=BENCH_DAY - dt.timedelta(days=rng.randrange(1, 180)),
                value=Decimal(round((aim or 1) * rng.uniform(0.2, 1.2), 2)),
            )
            for pk, aim in targets
            if rng.random() < 0.5
        ]
        TargetValue.objects.bulk_create(values, batch_size=BATCH)
        units = appraised_units()
        claims = [
            BonusClaim(
                year=YEAR,
                unit_id=unit,
                description="改革创新成果",
                points=Decimal(rng.choice([1, 2, 3])),
                approved=True,
                created_by=office,
            )
            for unit, _group in units[::10]
        ]
        BonusClaim.objects.bulk_create(claims)
        scheme = Scheme.objects.create(year=YEAR, weights=default_weights(), created_by=office)
    return {
        "target_values": len(values),
        "bonus_claims": len(claims),
        "appraised_units": len(units),
        "scheme": scheme.pk,
    }


def remove_appraisal_data() -> None:
    """Delete what :func:`load_appraisal_data` and the runs added."""
    with transaction.atomic():
        Adjustment.objects.filter(result__run__year=YEAR).delete()
        Appeal.objects.filter(result__run__year=YEAR).delete()
        Result.objects.filter(run__year=YEAR).delete()
        Run.objects.filter(year=YEAR).delete()
        Scheme.objects.filter(year=YEAR).delete()
        BonusClaim.objects.filter(year=YEAR, created_by=bench_office()).delete()
        TargetValue.objects.filter(target__project__plan__in=synthetic_plans()).delete()


def run_appraisal_bench(size: Size, *, force: bool, keep: bool, seed: int = 2013) -> dict[str, Any]:
    """Load, time the appraisal and its exports, measure their memory, clean up; the figures as a dict."""
    refuse_real_plans(force=force)
    started = time.perf_counter()
    counts: dict[str, Any] = dict(load_synthetic(size, seed=seed))
    counts |= load_cycle(seed=seed)
    counts |= load_appraisal_data(seed=seed)
    load_seconds = time.perf_counter() - started
    office = bench_office()
    scheme = Scheme.objects.get(pk=counts.pop("scheme"))
    try:
        run, first = timed(lambda: appraisal_compute(scheme=scheme, by=office, as_of=BENCH_DAY))
        run, again = timed(lambda: appraisal_compute(scheme=scheme, by=office, as_of=BENCH_DAY))
        groups = run_results(office, run)
        xlsx, spreadsheet = timed(lambda: results_xlsx(run, run_results(office, run)))
        docx, document = timed(lambda: results_docx(run, run_results(office, run)))

        first["peak_mb"] = peak_mb(lambda: appraisal_compute(scheme=scheme, by=office, as_of=BENCH_DAY))
        spreadsheet["peak_mb"] = peak_mb(lambda: results_xlsx(run, run_results(office, run)))
        document["peak_mb"] = peak_mb(lambda: results_docx(run, run_results(office, run)))
        rows = sum(
            len(entry["rows"]) for results in groups.values() for r in results for entry in r.components
        )
    finally:
        if not keep:
            remove_appraisal_data()
            remove_cycle()
            remove_synthetic()
    return {
        "database": connection.vendor,
        **counts,
        "load_seconds": round(load_seconds, 2),
        "results": sum(len(results) for results in groups.values()),
        "frozen_data_rows": rows,
        "compute_first": first,
        "compute_again": again,
        "export_xlsx": {**spreadsheet, "kb": round(len(xlsx) / 1024, 1)},
        "export_docx": {**document, "kb": round(len(docx) / 1024, 1)},
    }
