"""``reformtrack bench ledger``: a synthetic 台账 imported as a new plan, then a progress update of it.

The ledger is written the way the platform exports one (``ledger/export.py``'s columns, one row per
measure) plus the columns of a progress update (进度、完成情况、进展情况), through the one spreadsheet
writer. Each step is timed once, then run again under tracemalloc for its memory peak (tracemalloc
slows it down, so that run is not timed); the process's CPU seconds and peak resident size are
reported too.
The plan is marked synthetic (``BENCH-`` document number) and removed afterwards unless kept.
"""

from __future__ import annotations

import random
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

from reformtrack.bench_cycle import peak_mb, timed
from reformtrack.bench_data import (
    DISTRICT_UNITS,
    OBJECTS,
    SYNTHETIC_PREFIX,
    VERBS,
    bench_office,
    refuse_real_plans,
    remove_synthetic,
)
from reformtrack.core.spreadsheet import SpreadsheetWriter
from reformtrack.ingest.numerals import int_to_chinese
from reformtrack.ledger.export import COLUMNS
from reformtrack.ledger.models import Plan

FILENAME = "bench-ledger.xlsx"
PROGRESS_COLUMNS: list[tuple[str, float]] = [("进度", 10), ("完成情况", 12), ("进展情况", 40)]
MEASURES_PER_PROJECT = 5
PROJECTS_PER_CHAPTER = 50


def ledger_bytes(rows: int, *, seed: int = 2013) -> bytes:
    """A ledger of ``rows`` measures: chapters of 50 projects of 5 measures, with progress columns."""
    rng = random.Random(seed)
    book = SpreadsheetWriter()
    sheet = book.add_sheet("台账", [*COLUMNS, *PROGRESS_COLUMNS])
    for index in range(rows):
        project_index, measure_index = divmod(index, MEASURES_PER_PROJECT)
        chapter_index, project_in_chapter = divmod(project_index, PROJECTS_PER_CHAPTER)
        chapter = f"{int_to_chinese(chapter_index + 1)}、第{chapter_index + 1}领域改革"
        verb = VERBS[project_index % len(VERBS)]
        project = f"（{int_to_chinese(project_in_chapter + 1)}）{verb}项目{project_index + 1}"
        measure = f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}（举措{index + 1}）"
        lead = "、".join(rng.sample(DISTRICT_UNITS, 2))
        co = rng.choice(DISTRICT_UNITS) if measure_index % 2 else ""
        deadline = f"{2014 + project_index % 3}年底前"
        progress = f"{rng.randrange(0, 101)}%"
        status = rng.choice(["推进中", "已完成", "未启动"])
        sheet.append([chapter, project, measure, lead, co, "", deadline, "", progress, status, "已制定方案"])
    return book.to_bytes()


def _import(data: bytes, *, replace: bool) -> Plan:
    from reformtrack.ingest.pipeline import parse_sheet
    from reformtrack.ledger.services import plan_import

    plan = plan_import(
        parsed=parse_sheet(data, FILENAME), source_bytes=data, filename=FILENAME, replace=replace
    )
    Plan.objects.filter(pk=plan.pk).update(doc_number=f"{SYNTHETIC_PREFIX}LEDGER")
    return plan


def _progress(data: bytes, plan: Plan) -> None:
    from reformtrack.ingest.read_sheet import read_sheet
    from reformtrack.ingest.sheet_plan import read_ledger
    from reformtrack.ingest.sheet_progress import progress_rows
    from reformtrack.ledger.services_progress import plan_progress_update

    rows = progress_rows(read_ledger(read_sheet(data, FILENAME), FILENAME))
    plan_progress_update(plan=plan, rows=rows, by=bench_office(), source=FILENAME)


def _timed(work: Callable[[], Any]) -> tuple[Any, dict[str, float | int]]:
    """:func:`~reformtrack.bench_cycle.timed`, plus the CPU seconds of this process (with SQLite,
    the database's work too): on a machine shared with other work the wall clock says little."""
    started = time.process_time()
    result, figures = timed(work)
    figures["cpu_seconds"] = round(time.process_time() - started, 2)
    return result, figures


def _max_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (2**20 if sys.platform == "darwin" else 2**10), 1)  # bytes on macOS, KiB on Linux


def run_ledger_bench(rows: int, *, force: bool, keep: bool, seed: int = 2013) -> dict[str, Any]:
    """Import a ``rows``-row ledger as a new plan and apply it as a progress update; the figures."""
    refuse_real_plans(force=force)
    data = ledger_bytes(rows, seed=seed)
    try:
        plan, import_figures = _timed(lambda: _import(data, replace=False))
        _none, progress_figures = _timed(lambda: _progress(data, plan))
        # the same again under tracemalloc: the plan replaced by a fresh import, then updated
        holder: dict[str, Plan] = {}
        import_figures["peak_mb"] = peak_mb(lambda: holder.setdefault("plan", _import(data, replace=True)))
        progress_figures["peak_mb"] = peak_mb(lambda: _progress(data, holder["plan"]))
    finally:
        if not keep:
            remove_synthetic()
    return {
        "rows": rows,
        "file_kb": round(len(data) / 1024),
        "import": import_figures,
        "progress": progress_figures,
        "max_rss_mb": _max_rss_mb(),
    }
