"""The ``reformtrack`` command: parse, import, show and export plans; Django's commands fall through.

Bad input ends with exit code 2 and one line on stderr (``Error: …``), never a traceback.
``parse`` and ``bench`` load no Django; the other commands set it up when they run.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import click

from reformtrack import __version__

# The CPU-time reading the parse's time limit counts from: 0.0, the start of the process, when run
# as the console script (set by main()); None inside another program (tests): from the parse.
_started: float | None = None

if TYPE_CHECKING:
    from reformtrack.ingest.model import ParsedPlan
    from reformtrack.ledger.models import Plan

SAMPLE_PLAN = "luohu-reform-plan-2013-2015.txt"


class UserError(click.ClickException):
    """A refused request: ``Error: <message>`` on stderr and exit code 2, like click's usage errors."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        lines = [line for line in message.splitlines() if line.strip()]
        super().__init__(lines[0] if lines else "unknown error")


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reformtrack.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise UserError(f"configuration: {exc}") from exc


@contextmanager
def _database() -> Iterator[None]:
    """Set up Django, and turn a database that is not there or not migrated into one clear line."""
    _setup_django()
    from django.db import DatabaseError

    try:
        yield
    except DatabaseError as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if "no such table" in message or "does not exist" in message:
            message += "; run `reformtrack migrate` first"
        raise UserError(f"database: {message}") from exc


class ReformtrackGroup(click.Group):
    """A click group whose unknown commands fall through to Django's ``execute_from_command_line``."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            return command
        _setup_django()
        from django.core.management import get_commands

        if cmd_name in get_commands() or cmd_name == "help":
            return _django_command(cmd_name)
        return None


def _django_command(name: str) -> click.Command:
    @click.command(
        name=name,
        add_help_option=False,
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
        help=f"Django's `{name}` command.",
    )
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    def run(args: tuple[str, ...]) -> None:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["reformtrack", name, *args])

    return run


@click.group(
    cls=ReformtrackGroup,
    epilog=(
        "Every Django management command works too: reformtrack migrate, reformtrack createsuperuser, "
        "reformtrack runserver … (`reformtrack help` lists them). Settings come from environment "
        "variables such as DATABASE_URL; see docs/settings.md."
    ),
)
@click.version_option(__version__, prog_name="reformtrack")
def cli() -> None:
    """Run a district reform plan from document to results.

    Parse a plan document into its ledger (台账) of chapters, projects, measures, units, targets and
    deadlines; store it; show it; export it as a spreadsheet.
    """


def main() -> None:
    """The console script."""
    global _started
    _started = 0.0
    cli(prog_name="reformtrack")


def _ingest_errors(what: str, call: Callable[[], ParsedPlan]) -> ParsedPlan:
    """Run an ingest call; its IngestError, or any other failure on hostile input, becomes one line."""
    from reformtrack.ingest import IngestError

    try:
        return call()
    except IngestError as exc:
        raise UserError(str(exc) or f"{what}: cannot be parsed") from exc
    except Exception as exc:
        # ingest promises IngestError for bad input; anything else is a bug, but the user still
        # gets one line they can report, not a traceback.
        raise UserError(
            f"{what}: the importer failed ({type(exc).__name__}: {exc}); please report this"
        ) from exc


@cli.command()
@click.argument("path", type=click.Path(dir_okay=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the parsed plan as JSON instead of a tree.")
@click.option("--measures", "-m", is_flag=True, help="List every measure under its project.")
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="The language of the review reasons.",
)
def parse(path: Path, as_json: bool, measures: bool, lang: str) -> None:
    """Parse a plan document and print what was found; nothing is stored.

    PATH is a .txt, .html, .docx or .pdf file. The tree shows chapters, projects with their label and
    title, ⚠ and the reasons where a person should check, lead units, deadline and targets.
    """
    from reformtrack.ingest import parse_file
    from reformtrack.ingest.limits import Budget, Limits, limit_memory
    from reformtrack.ledger.render import render_tree, tree_from_parsed

    try:
        limits = Limits.from_env(os.environ)
    except ValueError as exc:
        raise UserError(f"configuration: {exc}") from exc
    # The console script's process only parses: its address space is capped (a MemoryError past it
    # is exit 2). Not when the command runs inside another program (a test's CliRunner), whose
    # process the cap would keep for good.
    if _started is not None:
        limit_memory(limits.max_memory_mb)
    budget = Budget(limits, name=path.name, started=_started)
    plan = _ingest_errors(str(path), lambda: parse_file(path, budget=budget))
    if as_json:
        click.echo(json.dumps(plan.to_dict(lang), ensure_ascii=False, indent=2))
    else:
        click.echo(render_tree(tree_from_parsed(plan, lang), measures=measures))


def _file_sha256(path: Path) -> str | None:
    if not path.is_file():
        return None
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _summary(plan: Plan) -> str:
    from reformtrack.ledger.models import Measure, Project

    projects = Project.objects.filter(plan=plan)
    return (
        f"plan {plan.pk}: {plan.title} ({plan.chapters.count()} chapters, {projects.count()} projects, "
        f"{Measure.objects.filter(project__plan=plan).count()} measures, "
        f"{projects.filter(needs_review=True).count()} to review)"
    )


def _show(plan: Plan, measures: bool) -> None:
    from reformtrack.ledger.render import render_tree, tree_from_ledger
    from reformtrack.ledger.selectors import plan_ledger

    click.echo(render_tree(tree_from_ledger(plan_ledger(plan)), measures=measures))


@cli.command(name="import")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option(
    "--sample", is_flag=True, help=f"Import the sample plan shipped with reformtrack ({SAMPLE_PLAN})."
)
@click.option("--replace", is_flag=True, help="If this document is already stored, replace that plan.")
@click.option(
    "--skip-existing", is_flag=True, help="If this document is already stored, say so and stop (exit code 0)."
)
@click.option("--show", is_flag=True, help="Print the stored ledger tree afterwards.")
def import_(path: Path | None, sample: bool, replace: bool, skip_existing: bool, show: bool) -> None:
    """Parse a plan document and store it in the ledger.

    Stores the plan, its chapters, the project tree, measures, units (matched against the unit
    registry and its aliases), targets, deadlines, the review flags, the original file and its
    repaired text, in one transaction: on any error nothing is stored. The same document (same
    SHA-256) is refused a second time unless --replace or --skip-existing. --replace refuses a plan
    that holds work people did (reporting cycles, reports, orders …), saying what it holds.
    """
    if (path is None) == (not sample):
        raise UserError("give either a PATH or --sample")
    if replace and skip_existing:
        raise UserError("--replace and --skip-existing exclude each other")

    from reformtrack.ingest import parse_bytes, parse_file

    if sample:
        filename = SAMPLE_PLAN
        what = filename
        sample_bytes = resources.files("reformtrack.ingest").joinpath("data", SAMPLE_PLAN).read_bytes()
        sha256: str | None = hashlib.sha256(sample_bytes).hexdigest()
        parse: Callable[..., ParsedPlan] = functools.partial(parse_bytes, sample_bytes, filename)
        read: Callable[[], bytes] = lambda: sample_bytes  # noqa: E731 -- a thunk like the other branch's
    else:
        assert path is not None
        filename = path.name
        what = str(path)
        sha256 = _file_sha256(path)
        parse = functools.partial(parse_file, path)
        read = path.read_bytes

    with _database():
        from reformtrack.ledger.errors import DuplicateDocument, LedgerError, PlanHasWork, PlanImportError
        from reformtrack.ledger.selectors import plan_by_sha256
        from reformtrack.ledger.services import plan_import

        if skip_existing and sha256 is not None:
            existing = plan_by_sha256(sha256)
            if existing is not None:
                click.echo(f"Already imported as {_summary(existing)}; skipped.")
                if show:
                    _show(existing, measures=False)
                return

        from reformtrack.imports.uploads import document_limits

        limits = document_limits()  # the DOCUMENT_MAX_* settings
        parsed = _ingest_errors(what, functools.partial(parse, limits=limits))
        try:
            data = read()
        except OSError as exc:
            raise UserError(f"{what}: cannot be read ({exc.strerror})") from exc

        try:
            plan = plan_import(parsed=parsed, source_bytes=data, filename=filename, replace=replace)
        except DuplicateDocument as exc:
            raise UserError(f"{filename}: {exc}; add --replace to replace it") from exc
        except PlanHasWork as exc:  # --replace over a plan people work on: what it would lose
            raise UserError(f"{filename}: {exc}") from exc
        except PlanImportError as exc:
            raise UserError(f"{filename}: {exc}; nothing was stored") from exc
        except LedgerError as exc:  # work the count does not know of, kept by its foreign keys
            raise UserError(f"{filename}: {exc}") from exc
        click.echo(f"Imported {_summary(plan)}.")
        if show:
            _show(plan, measures=False)


@cli.command()
@click.argument("plan")
@click.option("--measures", "-m", is_flag=True, help="List every measure under its project.")
def show(plan: str, measures: bool) -> None:
    """Print the stored ledger tree of a plan.

    PLAN is the plan's id, its document number (罗发〔2013〕3号) or a fragment of its title that
    only one plan has.
    """
    with _database():
        stored = _find_plan(plan)
        _show(stored, measures=measures)


def _find_plan(ref: str) -> Plan:
    from reformtrack.ledger.errors import PlanNotFound
    from reformtrack.ledger.selectors import plan_find

    try:
        return plan_find(ref)
    except PlanNotFound as exc:
        raise UserError(str(exc)) from exc


@cli.command()
def plans() -> None:
    """List the stored plans: id, document number, issued, projects, measures, title."""
    with _database():
        from reformtrack.ledger.selectors import plan_list

        rows = list(plan_list())
        if not rows:
            click.echo("No plans stored yet; `reformtrack import PATH` adds one.")
            return
        for plan in rows:
            issued = plan.issued.isoformat() if plan.issued else "-"
            click.echo(
                f"{plan.pk:>4}  {plan.doc_number or '-'}  {issued}  "
                f"{plan.project_count} projects  {plan.measure_count} measures  {plan.title}"
            )


@cli.command()
@click.argument("plan")
@click.option(
    "--xlsx",
    "xlsx",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the ledger to this Excel file.",
)
def export(plan: str, xlsx: Path) -> None:
    """Export a plan's ledger (台账) as a spreadsheet, one row per measure.

    Columns: 章节 chapter, 项目 project, 举措 measure, 牵头单位 lead units, 配合单位 co-units,
    指标 targets, 完成时限 deadline, 标记 review flags. PLAN as for `reformtrack show`.
    """
    with _database():
        from reformtrack.ledger.export import ledger_to_xlsx
        from reformtrack.ledger.selectors import plan_ledger

        stored = _find_plan(plan)
        try:
            count = ledger_to_xlsx(plan_ledger(stored), xlsx)
        except OSError as exc:
            raise UserError(f"{xlsx}: cannot be written ({exc.strerror})") from exc
    click.echo(f"Wrote {count} rows to {xlsx}.")


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

    Prints {"docs", "bytes", "seconds", "ms_per_doc", "mb_per_s"} as one JSON line, where docs and
    bytes count every document parsed in every run.
    """
    from reformtrack.ingest import parse_bytes, parse_file

    documents: list[tuple[str, bytes]] = []
    for path in paths:
        _ingest_errors(str(path), functools.partial(parse_file, path))  # refuses bad files with their message
        documents.append((path.name, path.read_bytes()))

    runs = 0
    started = time.perf_counter()
    while True:
        for name, data in documents:
            parse_bytes(data, name)
        runs += 1
        elapsed = time.perf_counter() - started
        if (runs >= repeat) if repeat else (elapsed >= 1.0 or runs >= 20):
            break
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
            }
        )
    )


@bench.command(name="cycle")
@click.option("--plans", type=click.IntRange(min=1), default=100, show_default=True, help="Synthetic plans.")
@click.option(
    "--projects", type=click.IntRange(min=1), default=5000, show_default=True, help="Projects over all plans."
)
@click.option(
    "--measures",
    type=click.IntRange(min=0),
    default=50000,
    show_default=True,
    help="Measures over all projects.",
)
@click.option("--force", is_flag=True, help="Load even though the database holds real plans.")
@click.option("--keep", is_flag=True, help="Keep the synthetic data afterwards (default: remove it).")
def bench_cycle(plans: int, projects: int, measures: int, force: bool, keep: bool) -> None:
    """Time the status lights and a bulletin over a synthetic city-scale programme under way.

    Loads the programme of `bench web`, plus a quarterly reporting cycle per plan with the reports
    of its last four periods (most on time, some late, returned or missing) and 400 supervision
    orders, then computes every light three times (first: all new; again: nothing changed; 90 days
    later) and generates and renders a bulletin of the last quarter. Prints one JSON line: the row
    counts, the load time and, for each step, seconds, queries and peak_mb (memory Python allocated,
    tracemalloc). Refuses a database holding plans that are not synthetic unless --force.
    """
    if projects < plans:
        raise UserError("--projects must be at least --plans (every plan gets a project)")
    with _database():
        from reformtrack.bench import BenchRefused, Size
        from reformtrack.bench_cycle import run_cycle_bench

        try:
            figures = run_cycle_bench(
                Size(plans=plans, projects=projects, measures=measures), force=force, keep=keep
            )
        except BenchRefused as exc:
            raise UserError(str(exc)) from exc
    click.echo(json.dumps(figures, ensure_ascii=False))


@bench.command(name="web")
@click.option("--plans", type=click.IntRange(min=1), default=100, show_default=True, help="Synthetic plans.")
@click.option(
    "--projects", type=click.IntRange(min=1), default=5000, show_default=True, help="Projects over all plans."
)
@click.option(
    "--measures",
    type=click.IntRange(min=0),
    default=50000,
    show_default=True,
    help="Measures over all projects.",
)
@click.option(
    "--requests",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help="Timed requests per page (after two untimed ones).",
)
@click.option("--force", is_flag=True, help="Load even though the database holds real plans.")
@click.option("--keep", is_flag=True, help="Keep the synthetic data afterwards (default: remove it).")
def bench_web(plans: int, projects: int, measures: int, requests: int, force: bool, keep: bool) -> None:
    """Load a synthetic city-scale programme and time the web pages' server time.

    Loads PLANS plans with PROJECTS projects and MEASURES measures (plus chapters, units, leaders,
    targets, milestones) into the configured database, requests the dashboard, the project
    library (first page and a keyword search) and the roadmap through Django's test client as a
    coordinating-office user, and prints one JSON line: the row counts, the load time and, per
    page, median_ms, p95_ms, min_ms, queries and kb. Refuses a database holding plans that are not
    synthetic unless --force: give it a database of its own (DATABASE_URL or REFORMTRACK_HOME).
    """
    if projects < plans:
        raise UserError("--projects must be at least --plans (every plan gets a project)")
    with _database():
        from reformtrack.bench import BenchRefused, Size, run_web_bench

        try:
            figures = run_web_bench(
                Size(plans=plans, projects=projects, measures=measures),
                requests=requests,
                force=force,
                keep=keep,
            )
        except BenchRefused as exc:
            raise UserError(str(exc)) from exc
    click.echo(json.dumps(figures, ensure_ascii=False))


_ARCHIVE = click.Path(dir_okay=False, path_type=Path)
_PASSPHRASE = click.option(
    "--passphrase-file",
    type=_ARCHIVE,
    help="Read the passphrase from the first line of this file (else REFORMTRACK_BACKUP_PASSPHRASE).",
)


@contextmanager
def _backup_errors() -> Iterator[None]:
    from reformtrack.backup import BackupError

    try:
        yield
    except BackupError as exc:
        raise UserError(str(exc)) from exc


@cli.command()
@click.argument("file", type=_ARCHIVE)
@_PASSPHRASE
def backup(file: Path, passphrase_file: Path | None) -> None:
    """Write the database, uploaded files and source documents to one archive FILE, encrypted
    with a passphrase if one is given (docs/deployment.md, "Backup and restore")."""
    with _database(), _backup_errors():
        from reformtrack.backup import backup_create, read_passphrase

        done = backup_create(path=file, passphrase=read_passphrase(passphrase_file))
    click.echo(done.report())
    for name in done.manifest["missing_files"]:
        click.echo(f"Warning: {name} is in the database but not in MEDIA_ROOT.", err=True)


@cli.command()
@click.argument("file", type=_ARCHIVE)
@_PASSPHRASE
@click.option("--force", is_flag=True, help="Replace a site that is not empty.")
@click.option("--check", is_flag=True, help="Only check the archive (checksums, passphrase); touch nothing.")
def restore(file: Path, passphrase_file: Path | None, force: bool, check: bool) -> None:
    """Restore the site from an archive FILE of `reformtrack backup`: migrate, load every row in one
    transaction, write the files. Refuses a damaged archive, a wrong passphrase, another schema."""
    with _database(), _backup_errors():
        from reformtrack.backup import archive_check, read_passphrase, restore_site

        key = read_passphrase(passphrase_file)
        if check:
            done = archive_check(path=file, passphrase=key)
        else:
            done = restore_site(path=file, passphrase=key, force=force)
    click.echo(done.report())
