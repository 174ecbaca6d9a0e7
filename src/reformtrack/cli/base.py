"""The ``reformtrack`` click group and what its commands share: the one-line ``UserError``, Django
set up on demand with a missing database in one line, and ingest errors in one line."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import click

from reformtrack import __version__

# The CPU-time reading the parse's time limit counts from: 0.0, the start of the process, when run
# as the console script (set by main()); None inside another program (tests): from the parse.
_started: float | None = None

# what an ingest call returns: a plan, a document of plans, a ledger's rows
_Parsed = TypeVar("_Parsed")


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
def database() -> Iterator[None]:
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


def process_started() -> float | None:
    """Where the parse's clock starts: 0.0 in the console script, None inside another program."""
    return _started


def ingest_errors(what: str, call: Callable[[], _Parsed]) -> _Parsed:
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
