"""``reformtrack bench``: the speed of the parser, of the lights and a bulletin, of the web pages."""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .base import UserError, cli, database, ingest_errors

if TYPE_CHECKING:
    from reformtrack.bench import Size


def _city_scale(command: Callable[..., None]) -> Callable[..., None]:
    """The options of the benches that load a synthetic programme: its size (--plans, --projects,
    --measures, given to the command as one ``size``), --force and --keep. The command runs with
    Django set up and a missing database reported as one line (:func:`database`)."""

    @functools.wraps(command)
    def sized(plans: int, projects: int, measures: int, **options: Any) -> None:
        if projects < plans:
            raise UserError("--projects must be at least --plans (every plan gets a project)")
        with database():
            from reformtrack.bench import Size

            command(size=Size(plans=plans, projects=projects, measures=measures), **options)

    for option in reversed(
        [
            click.option(
                "--plans", type=click.IntRange(min=1), default=100, show_default=True, help="Synthetic plans."
            ),
            click.option(
                "--projects",
                type=click.IntRange(min=1),
                default=5000,
                show_default=True,
                help="Projects over all plans.",
            ),
            click.option(
                "--measures",
                type=click.IntRange(min=0),
                default=50000,
                show_default=True,
                help="Measures over all projects.",
            ),
            click.option("--force", is_flag=True, help="Load even though the database holds real plans."),
            click.option(
                "--keep", is_flag=True, help="Keep the synthetic data afterwards (default: remove it)."
            ),
        ]
    ):
        sized = option(sized)
    return sized


@cli.group()
def bench() -> None:
    """Measure how fast reformtrack works; prints one JSON line."""


@bench.command(name="parse")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--repeat",
    type=click.IntRange(min=1),
    default=None,
    help="Parse every document this many times (default: until 1 s has passed or 20 runs are done).",
)
def bench_parse(paths: tuple[Path, ...], repeat: int | None) -> None:
    """Parse documents repeatedly in this process and print the speed.

    Prints {"docs", "bytes", "seconds", "ms_per_doc", "mb_per_s", "cpu_ms_per_doc", "first_ms",
    "model_ms"} as one JSON line, where docs and bytes count every document parsed in every run;
    cpu_ms_per_doc is the process's CPU time per document (the fair figure on a machine other
    work shares); first_ms is the
    first parse of the documents (what a fresh process pays, the character model's loading
    included when a document is damaged), model_ms the character model read afresh from its data
    file.
    """
    from reformtrack.ingest import charlm, parse_bytes, parse_file

    documents: list[tuple[str, bytes]] = []
    first_started = time.perf_counter()
    for path in paths:
        ingest_errors(str(path), functools.partial(parse_file, path))  # refuses bad files with their message
        documents.append((path.name, path.read_bytes()))
    first_ms = (time.perf_counter() - first_started) * 1000
    model_ms = charlm.load_seconds() * 1000

    runs = 0
    started = time.perf_counter()
    cpu_started = time.process_time()
    while True:
        for name, data in documents:
            parse_bytes(data, name)
        runs += 1
        elapsed = time.perf_counter() - started
        if (runs >= repeat) if repeat else (elapsed >= 1.0 or runs >= 20):
            break
    cpu = time.process_time() - cpu_started
    docs = runs * len(documents)
    total_bytes = runs * sum(len(data) for _, data in documents)
    click.echo(
        json.dumps(
            {
                "docs": docs,
                "bytes": total_bytes,
                "seconds": round(elapsed, 6),
                "ms_per_doc": round(elapsed * 1000 / docs, 6),
                "mb_per_s": round(total_bytes / 1e6 / elapsed, 6),
                "cpu_ms_per_doc": round(cpu * 1000 / docs, 6),
                "first_ms": round(first_ms, 3),
                "model_ms": round(model_ms, 3),
            }
        )
    )


@bench.command(name="cycle")
@_city_scale
def bench_cycle(size: Size, force: bool, keep: bool) -> None:
    """Time the status lights and a bulletin over a synthetic city-scale programme under way.

    Loads the programme of `bench web`, plus a quarterly reporting cycle per plan with the reports
    of its last four periods (most on time, some late, returned or missing) and 400 supervision
    orders, then computes every light three times (first: all new; again: nothing changed; 90 days
    later) and generates and renders a bulletin of the last quarter. Prints one JSON line: the row
    counts, the load time and, for each step, seconds, queries and peak_mb (memory Python allocated,
    tracemalloc). Refuses a database holding plans that are not synthetic unless --force.
    """
    from reformtrack.bench import BenchRefused
    from reformtrack.bench_cycle import run_cycle_bench

    try:
        figures = run_cycle_bench(size, force=force, keep=keep)
    except BenchRefused as exc:
        raise UserError(str(exc)) from exc
    click.echo(json.dumps(figures, ensure_ascii=False))


@bench.command(name="appraisal")
@_city_scale
def bench_appraisal(size: Size, force: bool, keep: bool) -> None:
    """Time the yearly appraisal of every unit over a synthetic city-scale programme under way.

    Loads the programme of `bench cycle` (reports, supervision orders), adds actual values to half
    of the targets and bonus claims, then computes the appraisal of the benchmark's year twice (first,
    and again replacing the results) and exports it as Excel and .docx. Prints one JSON line: the row
    counts, the load time and, for each step, seconds, queries and peak_mb (memory Python allocated,
    tracemalloc). Refuses a database holding plans that are not synthetic unless --force.
    """
    from reformtrack.bench import BenchRefused
    from reformtrack.bench_appraisal import run_appraisal_bench

    try:
        figures = run_appraisal_bench(size, force=force, keep=keep)
    except BenchRefused as exc:
        raise UserError(str(exc)) from exc
    click.echo(json.dumps(figures, ensure_ascii=False))


@bench.command(name="web")
@_city_scale
@click.option(
    "--requests",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help="Timed requests per page (after two untimed ones).",
)
def bench_web(size: Size, requests: int, force: bool, keep: bool) -> None:
    """Load a synthetic city-scale programme and time the web pages' server time.

    Loads PLANS plans with PROJECTS projects and MEASURES measures (plus chapters, units, leaders,
    targets, milestones) into the configured database, requests the dashboard, the project
    library (first page and a keyword search) and the roadmap through Django's test client as a
    coordinating-office user, and prints one JSON line: the row counts, the load time and, per
    page, median_ms, p95_ms, min_ms, queries, kb and ratio (its median over that of a hello-world
    view through the same stack, timed as "hello"); the ratios also go to stderr, one line a page.
    Refuses a database holding plans that are not
    synthetic unless --force: give it a database of its own (DATABASE_URL or REFORMTRACK_HOME).
    """
    from reformtrack.bench import BenchRefused, run_web_bench

    try:
        figures = run_web_bench(size, requests=requests, force=force, keep=keep)
    except BenchRefused as exc:
        raise UserError(str(exc)) from exc
    click.echo(json.dumps(figures, ensure_ascii=False))
    hello = figures["hello"]["median_ms"]
    for name, page in figures.items():
        if isinstance(page, dict) and "ratio" in page:
            click.echo(
                f"{name}: median {page['median_ms']} ms, p95 {page['p95_ms']} ms, "
                f"{page['ratio']}x hello-world ({hello} ms)",
                err=True,
            )


@bench.command(name="portal")
@_city_scale
@click.option(
    "--requests",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help="Timed requests per page (after two untimed ones).",
)
def bench_portal(size: Size, requests: int, force: bool, keep: bool) -> None:
    """Time the public portal's pages, anonymously, over a published synthetic programme.

    Loads the programme of `bench web`, publishes every plan with all its projects (the office's
    publish step), requests the portal's home page, the largest plan's page, a project page and the
    public API's project list as an anonymous visitor and prints one JSON line: the row counts, the
    load and publish times and, per page, median_ms, p95_ms, min_ms, queries, kb and ratio (its
    median over an anonymous hello-world view's, timed as "hello"; the goal is 30 at most); and
    api_projects, the staff API's project list as the coordinating office, with its ratio to the
    signed-in hello-world view (hello_signed_in). Refuses a database holding plans that are not
    synthetic unless --force.
    """
    from reformtrack.bench import BenchRefused
    from reformtrack.bench_portal import run_portal_bench

    try:
        figures = run_portal_bench(size, requests=requests, force=force, keep=keep)
    except BenchRefused as exc:
        raise UserError(str(exc)) from exc
    click.echo(json.dumps(figures, ensure_ascii=False))


@bench.command(name="ledger")
@click.option(
    "--rows", type=click.IntRange(min=1), default=5000, show_default=True, help="Rows (measures) of the 台账."
)
@click.option("--force", is_flag=True, help="Run even though the database holds real plans.")
@click.option("--keep", is_flag=True, help="Keep the imported plan afterwards (default: remove it).")
def bench_ledger(rows: int, force: bool, keep: bool) -> None:
    """Time a synthetic 台账 imported as a new plan, then applied as a progress update of it.

    Writes a ROWS-row ledger the way `reformtrack export --xlsx` does (chapters of 50 projects of 5
    measures) with 进度/完成情况/进展情况 columns, imports it (read, parse and store), then applies it
    as the office's progress update. Prints one JSON line: for each step seconds, queries and
    peak_mb (memory Python allocated, tracemalloc, in a second untimed run), and max_rss_mb, the
    process's peak resident size. Refuses a database holding plans that are not synthetic unless --force.
    """
    with database():
        from reformtrack.bench_data import BenchRefused
        from reformtrack.bench_ledger import run_ledger_bench

        try:
            figures = run_ledger_bench(rows, force=force, keep=keep)
        except BenchRefused as exc:
            raise UserError(str(exc)) from exc
    click.echo(json.dumps(figures, ensure_ascii=False))
