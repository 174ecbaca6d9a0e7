"""``reformtrack import --revise PLAN PATH``: a revised document's difference, and ``--apply``."""

from __future__ import annotations

import functools
from pathlib import Path

import click

from .base import UserError, database, ingest_errors


def revise_command(plan_ref: str, path: Path, *, apply: bool, show: bool) -> None:
    """Print the difference between the stored plan and the document, in the site's language."""
    from reformtrack.ingest import parse_file

    with database():
        from django.conf import settings
        from django.utils import translation

        from reformtrack.imports.uploads import document_limits
        from reformtrack.ledger.revision_text import change_words
        from reformtrack.ledger.selectors_revision import plan_revision

        from .plan_commands import _find_plan, _show

        stored = _find_plan(plan_ref)
        parsed = ingest_errors(str(path), functools.partial(parse_file, path, limits=document_limits()))
        with translation.override(settings.LANGUAGE_CODE):
            result = plan_revision(stored, parsed)
            for change in result.changes:
                click.echo(change_words(change).line())
            if not result.changes:
                click.echo(_("No changes: the document says what the plan says."))
            if apply and result.changes:
                _apply(stored, parsed, path, result)
        if show:
            _show(stored, measures=False)


def _(text: str) -> str:
    from django.utils.translation import gettext

    return gettext(text)


def _apply(stored: object, parsed: object, path: Path, result: object) -> None:
    raise UserError("--apply: plan amendments are not available yet; nothing was stored")
