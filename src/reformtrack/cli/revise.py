"""``reformtrack import --revise PLAN PATH``: a revised document's difference, and ``--apply``."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .base import UserError, database, ingest_errors

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ingest.model import ParsedPlan
    from reformtrack.ledger.models import Plan
    from reformtrack.ledger.revision import Revision


def revise_command(plan_ref: str, path: Path, *, by: str | None, show: bool) -> None:
    """Print the difference between the stored plan and the document, in the site's language;
    with ``by`` (the office account), apply all of it."""
    from reformtrack.ingest import parse_file

    with database():
        from django.conf import settings
        from django.utils import translation
        from django.utils.translation import gettext as _

        from reformtrack.imports.uploads import document_limits
        from reformtrack.ledger.revision_text import change_words
        from reformtrack.ledger.selectors_revision import plan_revision

        from .plan_commands import _find_plan, _show

        stored = _find_plan(plan_ref)
        user = _office_account(by) if by is not None else None
        parsed = ingest_errors(str(path), functools.partial(parse_file, path, limits=document_limits()))
        with translation.override(settings.LANGUAGE_CODE):
            result = plan_revision(stored, parsed)
            for change in result.changes:
                click.echo(change_words(change).line())
            if not result.changes:
                click.echo(_("No changes: the document says what the plan says."))
            elif user is not None:
                number = _apply(stored, parsed, path, result, user)
                click.echo(_("Applied as amendment %(number)d of the plan.") % {"number": number})
        if show:
            _show(stored, measures=False)


def _office_account(username: str) -> User:
    from django.contrib.auth import get_user_model

    from reformtrack.accounts.permissions import can_manage_programme

    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise UserError(f"--by: no active account {username!r}")
    if not can_manage_programme(user):
        raise UserError(f"--by: {username} is not of the coordinating office; only the office amends plans")
    return user


def _apply(stored: Plan, parsed: ParsedPlan, path: Path, result: Revision, user: User) -> int:
    """All of the difference as one amendment; the number it got."""
    from django.utils.translation import gettext as _

    from reformtrack.ledger.errors import LedgerError
    from reformtrack.ledger.services_revision import revision_apply

    try:
        amendment = revision_apply(
            plan=stored,
            changes_accepted=[change.key for change in result.changes],
            parsed=parsed,
            by=user,
            title=(parsed.title or path.name)[:200],
            reason=_("Revised document %(name)s") % {"name": path.name},
            decided_on=parsed.issued or dt.date.today(),
            doc_number=parsed.doc_number[:100],
            expected_keys=[change.key for change in result.changes],
        )
    except LedgerError as exc:
        raise UserError(f"{path.name}: {exc}; nothing was stored") from exc
    return amendment.number
