"""The implementation-cycle benchmark: status lights and a bulletin over the city-scale programme.

``reformtrack bench cycle`` loads the synthetic programme of :mod:`reformtrack.bench_data` and, on top of
it, what a programme under way holds: a quarterly reporting cycle per plan with the reports of the
last periods before the benchmark's day (most accepted on time, some late, returned or missing) and
a few hundred supervision orders. It then times the computation of every light (a cold run that
sets them all, a warm run that finds nothing changed) and the generation of a bulletin, with the
queries each took; then, apart, the peak of memory Python allocated in each (tracemalloc).

Not a test: nothing here is asserted, the figures go to ``docs/benchmarks.md``.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import tracemalloc
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import connection, reset_queries, transaction
from django.test.utils import CaptureQueriesContext

from reformtrack.bench_data import (
    BATCH,
    BENCH_USERS,
    Size,
    bench_office,
    load_synthetic,
    refuse_real_plans,
    remove_synthetic,
    synthetic_plans,
)
from reformtrack.ledger.choices import Light, UnitRole
from reformtrack.ledger.models import Measure, Plan, Project, ProjectUnit
from reformtrack.reporting.choices import Frequency, ReportedStatus, ReportStatus
from reformtrack.reporting.models import ProgressReport, ReportingCycle
from reformtrack.reporting.selectors import cycle_periods
from reformtrack.supervision.choices import IssuingOffice, OrderGrade, OrderStatus, SequenceKind
from reformtrack.supervision.models import Bulletin, SupervisionOrder, SupervisionSequence

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The day the benchmark looks at the programme from: the synthetic plans start from 2013 to 2022,
# so on this day some are finished, some under way and some not begun.
BENCH_DAY = dt.date(2016, 7, 15)
PERIODS_REPORTED = 4  # the last periods before BENCH_DAY that have reports
ORDERS = 400


def load_cycle(*, seed: int = 2013, today: dt.date = BENCH_DAY) -> dict[str, int]:
    """Add reporting cycles, reports and supervision orders to the synthetic plans (one transaction)."""
    rng = random.Random(seed)
    office = bench_office()
    with transaction.atomic():
        plans = list(synthetic_plans())
        cycles = _load_cycles(plans)
        leads = list(
            ProjectUnit.objects.filter(project__plan__in=plans, role=UnitRole.LEAD).values_list(
                "project_id", "project__plan_id", "unit_id"
            )
        )
        reports = _load_reports(rng, cycles, leads, office=office, today=today)
        orders = _load_orders(rng, plans, leads, office=office, today=today)
    return {"cycles": len(cycles), "reports": len(reports), "orders": len(orders)}


def _load_cycles(plans: list[Plan]) -> list[ReportingCycle]:
    """A quarterly reporting cycle per plan over the plan's years."""
    return ReportingCycle.objects.bulk_create(
        [
            ReportingCycle(
                plan=plan,
                name="季度进展",
                frequency=Frequency.QUARTERLY,
                due_day=10,
                grace_days=5,
                start=dt.date(plan.period_start or 2013, 1, 1),
                end=dt.date(plan.period_end or 2015, 12, 31),
            )
            for plan in plans
        ]
    )


def _load_reports(
    rng: random.Random,
    cycles: list[ReportingCycle],
    leads: list[tuple[int, int, int]],
    *,
    office: User,
    today: dt.date,
) -> list[ProgressReport]:
    """The lead units' reports of the last periods before ``today``: most accepted on time, some
    late, returned or missing."""
    cycle_of = {cycle.plan_id: cycle for cycle in cycles}
    periods_of = {
        cycle.plan_id: [p for p in cycle_periods(cycle) if p.grace_until < today][-PERIODS_REPORTED:]
        for cycle in cycles
    }
    reports: list[ProgressReport] = []
    for project_id, plan_id, unit_id in leads:
        for period in periods_of[plan_id]:
            draw = rng.random()
            if draw < 0.15:
                continue  # never reported
            late = 0.70 <= draw < 0.80
            status = ReportStatus.RETURNED if draw >= 0.95 else ReportStatus.ACCEPTED
            submitted = period.due + dt.timedelta(days=rng.randrange(8, 30) if late else -rng.randrange(5))
            reports.append(
                ProgressReport(
                    cycle=cycle_of[plan_id],
                    period_start=period.start,
                    period_end=period.end,
                    project_id=project_id,
                    unit_id=unit_id,
                    status=status,
                    reported_status=rng.choice(list(ReportedStatus)),
                    percent_complete=rng.randrange(0, 101, 5),
                    done="按计划推进各项工作。",
                    submitted_at=dt.datetime.combine(submitted, dt.time(10), tzinfo=dt.UTC),
                    submitted_by=office,
                    review_comment="请补充佐证材料。" if status == ReportStatus.RETURNED else "",
                )
            )
    ProgressReport.objects.bulk_create(reports, batch_size=BATCH)
    return reports


def _load_orders(
    rng: random.Random, plans: list[Plan], leads: list[tuple[int, int, int]], *, office: User, today: dt.date
) -> list[SupervisionOrder]:
    """Supervision orders on ORDERS top-level projects, numbered in ``today``'s year."""
    projects = list(Project.objects.filter(plan__in=plans, level=1).values_list("pk", flat=True))
    lead_of = {project_id: unit_id for project_id, _plan, unit_id in leads}
    year = today.year
    orders = []
    for sequence, project_id in enumerate(rng.sample(projects, min(ORDERS, len(projects))), start=1):
        order_status = rng.choice(
            [OrderStatus.ISSUED, OrderStatus.ISSUED, OrderStatus.ANSWERED, OrderStatus.CLOSED]
        )
        orders.append(
            SupervisionOrder(
                year=year,
                sequence=sequence,
                issued_by=office,
                issuing_office=IssuingOffice.SUPERVISION,
                unit_id=lead_of[project_id],
                project_id=project_id,
                reason="工作进度滞后。",
                requirements="请于回复时限前报送整改情况。",
                response_due=today + dt.timedelta(days=rng.randrange(-30, 30)),
                grade=rng.choice(list(OrderGrade)),
                status=order_status,
                response="已整改。" if order_status != OrderStatus.ISSUED else "",
            )
        )
    SupervisionOrder.objects.bulk_create(orders, batch_size=BATCH)
    SupervisionSequence.objects.update_or_create(
        kind=SequenceKind.ORDER, year=year, defaults={"last": len(orders)}
    )
    return orders


def remove_cycle() -> None:
    """Delete what :func:`load_cycle` and the bulletin added. The synthetic plans' reports and
    cycles go explicitly: work on a plan is protected from the plan's delete (``PROTECT``)."""
    with transaction.atomic():
        SupervisionOrder.objects.filter(project__plan__in=synthetic_plans()).delete()
        ProgressReport.objects.filter(project__plan__in=synthetic_plans()).delete()
        ReportingCycle.objects.filter(plan__in=synthetic_plans()).delete()
        SupervisionSequence.objects.filter(kind=SequenceKind.ORDER, year=BENCH_DAY.year).delete()
        Bulletin.objects.filter(created_by__username__startswith=BENCH_USERS).delete()


def timed(work: Callable[[], Any]) -> tuple[Any, dict[str, float | int]]:
    """Run ``work`` once: its result, and the seconds and queries it took."""
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = work()
        seconds = time.perf_counter() - started
    return result, {"seconds": round(seconds, 2), "queries": len(captured)}


def peak_mb(work: Callable[[], Any]) -> float:
    """The peak of memory Python allocated while ``work`` ran (tracemalloc; it slows the work down
    two- to fourfold, so it runs apart from the timed runs)."""
    tracemalloc.start()
    try:
        work()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round(peak / 2**20, 1)


def _forget_lights() -> None:
    """Set every synthetic light back to not computed, so a run finds them all new again."""
    plans = synthetic_plans()
    Project.objects.filter(plan__in=plans).update(light=Light.NONE, light_reasons=[])
    Measure.objects.filter(project__plan__in=plans).update(light=Light.NONE, light_reasons=[])


def run_cycle_bench(size: Size, *, force: bool, keep: bool, seed: int = 2013) -> dict[str, Any]:
    """Load, time the lights and a bulletin, measure their memory, clean up; the figures as a dict.

    The lights are computed three times as of :data:`BENCH_DAY`: the first run finds every light
    new (all written and recorded), the second nothing changed; the third is 90 days later, when
    deadlines have passed. The bulletin covers the last quarter before :data:`BENCH_DAY` and is
    rendered as .docx as well. Then, with the lights set back to new, the same steps run once more
    under tracemalloc for their memory peaks.
    """
    from reformtrack.status.services import lights_recompute
    from reformtrack.supervision.bulletin import printed_bulletin
    from reformtrack.supervision.bulletin_docx import bulletin_docx
    from reformtrack.supervision.services import bulletin_generate

    refuse_real_plans(force=force)
    started = time.perf_counter()
    counts = load_synthetic(size, seed=seed)
    counts |= load_cycle(seed=seed)
    load_seconds = time.perf_counter() - started
    later_day = BENCH_DAY + dt.timedelta(days=90)
    try:
        quarter = dt.date(BENCH_DAY.year, (BENCH_DAY.month - 1) // 3 * 3 + 1, 1)
        end = quarter - dt.timedelta(days=1)
        bulletin = Bulletin.objects.create(
            title="全面深化改革工作督查通报",
            period_start=end.replace(day=1, month=(end.month - 1) // 3 * 3 + 1),
            period_end=end,
            created_by=bench_office(),
        )
        first, first_run = timed(lambda: lights_recompute(today=BENCH_DAY))
        _again, again_run = timed(lambda: lights_recompute(today=BENCH_DAY))
        later, later_run = timed(lambda: lights_recompute(today=later_day))
        bulletin, generation = timed(lambda: bulletin_generate(bulletin=bulletin, today=BENCH_DAY))
        docx, rendering = timed(lambda: bulletin_docx(printed_bulletin(bulletin)))

        _forget_lights()
        first_run["peak_mb"] = peak_mb(lambda: lights_recompute(today=BENCH_DAY))
        again_run["peak_mb"] = peak_mb(lambda: lights_recompute(today=BENCH_DAY))
        later_run["peak_mb"] = peak_mb(lambda: lights_recompute(today=later_day))
        generation["peak_mb"] = peak_mb(lambda: bulletin_generate(bulletin=bulletin, today=BENCH_DAY))
        rendering["peak_mb"] = peak_mb(lambda: bulletin_docx(printed_bulletin(bulletin)))
    finally:
        if not keep:
            remove_cycle()
            remove_synthetic()
    return {
        "database": connection.vendor,
        **counts,
        "load_seconds": round(load_seconds, 2),
        "lights_first": {**first_run, "changed": first.changed_projects + first.changed_measures},
        "lights_again": again_run,
        "lights_90_days_later": {**later_run, "changed": later.changed_projects + later.changed_measures},
        "bulletin_generate": generation,
        "bulletin_docx": {**rendering, "kb": round(len(docx) / 1024, 1)},
    }
