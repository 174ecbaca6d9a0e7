"""``reformtrack import --progress PLAN LEDGER``: a ledger's progress update of a stored plan.

Kept apart from :mod:`.plan_commands` (which registers the ``import`` command and calls
:func:`import_progress` for ``--progress``) so that each stays a readable size.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from .base import UserError, ingest_errors

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ingest.sheet_progress import ProgressRow
    from reformtrack.ledger.services_progress import ProgressPreview

PREVIEW_LINES = 50


def read_progress(path: Path) -> list[ProgressRow]:
    """The rows of a progress ledger on disk, or one line saying why they cannot be read."""
    from reformtrack.ingest.read_sheet import read_sheet
    from reformtrack.ingest.sheet_plan import read_ledger
    from reformtrack.ingest.sheet_progress import progress_rows

    def read() -> list[ProgressRow]:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UserError(f"{path}: cannot be read ({exc.strerror})") from exc
        return progress_rows(read_ledger(read_sheet(data, path.name), path.name))

    return ingest_errors(str(path), read)


def office_user(username: str | None) -> User:
    """The coordinating office's account the update is recorded as: ``--by``, else the only one."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from reformtrack.accounts.choices import Role
    from reformtrack.accounts.permissions import can_manage_programme

    users = get_user_model()._default_manager.filter(is_active=True)
    if username:
        user = users.filter(username=username).first()
        if user is None or not can_manage_programme(user):
            raise UserError(f"--by {username}: no active account of the coordinating office has this name")
        return user
    office = list(users.filter(Q(profile__role=Role.OFFICE) | Q(is_superuser=True))[:2])
    if len(office) != 1:
        raise UserError("give --by USERNAME: the coordinating office's account the update is recorded as")
    return office[0]


def print_preview(preview: ProgressPreview) -> None:
    """One line per change (the first :data:`PREVIEW_LINES`); the problems go in the error line."""
    for change in preview.changes[:PREVIEW_LINES]:
        what = [f"{change.progress}%"] if change.progress is not None else []
        what += [change.status] if change.status else []
        what += [f"进展情况 {change.note[:30]}"] if change.note else []
        target = f"{change.project.label}{change.project.title}"
        if change.measure is not None:
            target += f" / {change.measure.text[:30]}"
        click.echo(f"row {change.row}: {target}: {', '.join(what) or 'nothing'}")
    if len(preview.changes) > PREVIEW_LINES:
        click.echo(f"… and {len(preview.changes) - PREVIEW_LINES} more rows")


def import_progress(plan_ref: str, path: Path, *, by: str | None, dry_run: bool) -> None:
    """Preview, then (unless ``dry_run``) apply a progress ledger to a stored plan in one transaction."""
    from reformtrack.ingest.sheet_plan import LedgerRowsRefused
    from reformtrack.ledger.errors import StartHeld
    from reformtrack.ledger.services_progress import plan_progress_update, progress_preview

    from .plan_commands import _find_plan

    rows = read_progress(path)
    plan = _find_plan(plan_ref)
    preview = progress_preview(plan=plan, rows=rows)
    print_preview(preview)
    if preview.problems:
        refused = LedgerRowsRefused(path.name, preview.problems)
        raise UserError(f"{refused}; nothing was stored")
    if dry_run:
        click.echo(
            f"{len(preview.changes)} rows would update plan {plan.pk}; nothing was stored (--dry-run)."
        )
        return
    user = office_user(by)
    try:
        plan_progress_update(plan=plan, rows=rows, by=user, source=path.name)
    except LedgerRowsRefused as exc:  # the plan changed between the preview and the update
        raise UserError(f"{exc}; nothing was stored") from exc
    except StartHeld as exc:  # a project held by its risk assessment (ledger/gate.py)
        raise UserError(f"{exc} nothing was stored") from exc
    click.echo(
        f"Updated plan {plan.pk} from {len(preview.changes)} rows of {path.name} as {user.get_username()}."
    )
