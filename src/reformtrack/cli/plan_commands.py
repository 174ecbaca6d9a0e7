"""The commands on plans: ``parse`` (no database), ``import``, ``show``, ``plans`` and ``export``."""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .base import UserError, cli, database, ingest_errors, process_started

if TYPE_CHECKING:
    from reformtrack.ingest.model import ParsedDocument
    from reformtrack.ledger.models import Plan

SAMPLE_PLAN = "luohu-reform-plan-2013-2015.txt"


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

    PATH is a .txt, .html, .docx, .pdf or .ofd file. The tree shows chapters, projects with their
    label and title, ⚠ and the reasons where a person should check, lead units, deadline and
    targets. A document holding several plans (a 通知 with its 附件) shows each plan; its JSON is
    the document's title, doc_number and issued with the plans under "plans".
    """
    from reformtrack.ingest import parse_document_file
    from reformtrack.ingest.limits import Budget, Limits, limit_memory
    from reformtrack.ledger.render import render_tree, tree_from_parsed

    try:
        limits = Limits.from_env(os.environ)
    except ValueError as exc:
        raise UserError(f"configuration: {exc}") from exc
    # The console script's process only parses: its address space is capped (a MemoryError past it
    # is exit 2). Not when the command runs inside another program (a test's CliRunner), whose
    # process the cap would keep for good.
    if process_started() is not None:
        limit_memory(limits.max_memory_mb)
    budget = Budget(limits, name=path.name, started=process_started())
    document = ingest_errors(str(path), lambda: parse_document_file(path, budget=budget))
    if as_json:
        click.echo(json.dumps(document.to_dict(lang), ensure_ascii=False, indent=2))
        return
    if document.is_bundle:
        issued = document.issued.isoformat() if document.issued else "-"
        click.echo(f"{document.title}  {document.doc_number or '-'}  {issued}  ({len(document.plans)} plans)")
    for number, plan in enumerate(document.plans, start=1):
        if document.is_bundle:
            click.echo(f"\n[{number}/{len(document.plans)}]")
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
@click.option(
    "--revise",
    "revise",
    metavar="PLAN",
    help="PATH is a revised document of the stored PLAN: print the difference, one line per change.",
)
@click.option("--apply", "apply", is_flag=True, help="With --revise: apply every change as one amendment.")
@click.option(
    "--progress",
    "progress_plan",
    metavar="PLAN",
    help="PATH is a ledger (.xlsx/.xls/.csv) of progress: update this stored plan's progress from it.",
)
@click.option(
    "--by",
    "by",
    metavar="USERNAME",
    help="With --apply or --progress: the coordinating office's account the change is recorded as.",
)
@click.option("--dry-run", is_flag=True, help="With --progress: print the preview, store nothing.")
def import_(
    path: Path | None,
    sample: bool,
    replace: bool,
    skip_existing: bool,
    show: bool,
    revise: str | None,
    apply: bool,
    progress_plan: str | None,
    by: str | None,
    dry_run: bool,
) -> None:
    """Parse a plan document and store it in the ledger.

    A document holding several plans (a 通知 with its 附件) is stored as that many plans, all
    linked to the one source document.
    Stores the plan, its chapters, the project tree, measures, units (matched against the unit
    registry and its aliases), targets, deadlines, the review flags, the original file and its
    repaired text, in one transaction: on any error nothing is stored. The same document (same
    SHA-256) is refused a second time unless --replace or --skip-existing. --replace refuses a plan
    that holds work people did (reporting cycles, reports, orders …), saying what it holds.

    With --revise PLAN, PATH is a revised document (调整方案) of a stored plan: the difference is
    printed (added, dropped, retitled, renumbered, units changed, deadline moved, targets changed)
    and nothing is stored; --apply --by USERNAME applies all of it as one amendment of the plan
    (titled as the document, decided on its issue date), recorded as the office account USERNAME,
    keeping the reports, orders and history of every matched project.

    PATH may be a ledger spreadsheet (台账: .xlsx, .xls, .csv), one row per measure, read through its
    header (columns such as 重点任务、具体举措、牵头单位、完成时限). With --progress PLAN, the ledger's
    进度/完成情况/进展情况 update that stored plan instead, as the office (--by), all rows or none.
    """
    if progress_plan is not None:
        if path is None or sample or replace or skip_existing or revise is not None or apply:
            raise UserError(
                "--progress takes a PATH and none of --sample, --replace, --skip-existing, --revise"
            )
        from .progress_commands import import_progress

        with database():
            import_progress(progress_plan, path, by=by, dry_run=dry_run)
        return
    if dry_run:
        raise UserError("--dry-run goes with --progress")
    if revise is not None or apply or by is not None:
        _check_revise(path, sample=sample, replace=replace, skip_existing=skip_existing, apply=apply, by=by)
        from .revise import revise_command

        assert revise is not None and path is not None
        revise_command(revise, path, by=by, show=show)
        return
    if (path is None) == (not sample):
        raise UserError("give either a PATH or --sample")
    if replace and skip_existing:
        raise UserError("--replace and --skip-existing exclude each other")

    source = _import_source(path)
    with database():
        from reformtrack.ledger.selectors import plan_by_sha256

        if skip_existing and source.sha256 is not None:
            existing = plan_by_sha256(source.sha256)
            if existing is not None:
                click.echo(f"Already imported as {_summary(existing)}; skipped.")
                if show:
                    _show(existing, measures=False)
                return

        from reformtrack.imports.uploads import document_limits

        limits = document_limits()  # the DOCUMENT_MAX_* settings
        parsed = ingest_errors(source.what, functools.partial(source.parse, limits=limits))
        try:
            data = source.read()
        except OSError as exc:
            raise UserError(f"{source.what}: cannot be read ({exc.strerror})") from exc
        for plan in _store(parsed, data, filename=source.filename, replace=replace):
            click.echo(f"Imported {_summary(plan)}.")
            if show:
                _show(plan, measures=False)


def _check_revise(  # the options --revise goes with, each refusal in one line
    path: Path | None, *, sample: bool, replace: bool, skip_existing: bool, apply: bool, by: str | None
) -> None:
    context = click.get_current_context()
    if context.params.get("revise") is None:
        raise UserError("--apply goes with --revise PLAN, --by with --apply or --progress")
    if sample or replace or skip_existing:
        raise UserError("--revise takes a PATH, without --sample, --replace or --skip-existing")
    if path is None:
        raise UserError("give the revised document's PATH")
    if apply != (by is not None):
        raise UserError(
            "--apply needs --by USERNAME, the office account it is recorded as (and --by needs --apply)"
        )


@dataclass(frozen=True)
class _Source:
    """The document to import: its name, how messages name it, its SHA-256 (None if it cannot be
    read), how to parse it and how to read its bytes."""

    filename: str
    what: str
    sha256: str | None
    parse: Callable[..., ParsedDocument]
    read: Callable[[], bytes]


def _import_source(path: Path | None) -> _Source:
    """The file at ``path``, or the bundled sample plan when there is none."""
    from reformtrack.ingest import parse_document_bytes as parse_bytes
    from reformtrack.ingest import parse_document_file as parse_file

    if path is None:
        sample_bytes = resources.files("reformtrack.ingest").joinpath("data", SAMPLE_PLAN).read_bytes()
        return _Source(
            filename=SAMPLE_PLAN,
            what=SAMPLE_PLAN,
            sha256=hashlib.sha256(sample_bytes).hexdigest(),
            parse=functools.partial(parse_bytes, sample_bytes, SAMPLE_PLAN),
            read=lambda: sample_bytes,
        )
    return _Source(
        filename=path.name,
        what=str(path),
        sha256=_file_sha256(path),
        parse=functools.partial(parse_file, path),
        read=path.read_bytes,
    )


def _store(parsed: ParsedDocument, data: bytes, *, filename: str, replace: bool) -> list[Plan]:
    """``document_import`` (each plan of a document holding several), its refusals as one line each."""
    from reformtrack.ledger.errors import DuplicateDocument, LedgerError, PlanHasWork, PlanImportError
    from reformtrack.ledger.services import document_import

    try:
        return document_import(document=parsed, source_bytes=data, filename=filename, replace=replace)
    except DuplicateDocument as exc:
        raise UserError(f"{filename}: {exc}; add --replace to replace it") from exc
    except PlanHasWork as exc:  # --replace over a plan people work on: what it would lose
        raise UserError(f"{filename}: {exc}") from exc
    except PlanImportError as exc:
        raise UserError(f"{filename}: {exc}; nothing was stored") from exc
    except LedgerError as exc:  # work the count does not know of, kept by its foreign keys
        raise UserError(f"{filename}: {exc}") from exc


@cli.command()
@click.argument("plan")
@click.option("--measures", "-m", is_flag=True, help="List every measure under its project.")
def show(plan: str, measures: bool) -> None:
    """Print the stored ledger tree of a plan.

    PLAN is the plan's id, its document number (罗发〔2013〕3号) or a fragment of its title that
    only one plan has.
    """
    with database():
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
    with database():
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
    with database():
        from reformtrack.ledger.export import ledger_to_xlsx
        from reformtrack.ledger.selectors import plan_ledger

        stored = _find_plan(plan)
        try:
            count = ledger_to_xlsx(plan_ledger(stored), xlsx)
        except OSError as exc:
            raise UserError(f"{xlsx}: cannot be written ({exc.strerror})") from exc
    click.echo(f"Wrote {count} rows to {xlsx}.")
