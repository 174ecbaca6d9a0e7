"""Writes of a ledger's progress update in the wizard: keep the uploaded 台账 for a stored plan,
then apply it in one transaction: as the coordinating office's update, or as the lead units'
report drafts for them to review.

The upload is kept as a draft (:attr:`~reformtrack.imports.models.ImportDraft.progress_of`) so that
the preview and the confirmation read the same bytes; nothing reaches the ledger until
:func:`progress_draft_apply`, which goes through :func:`reformtrack.ledger.services_progress.
plan_progress_update` (every changed project and measure with a history row by the office).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.ingest.sheet_plan import LedgerRowsRefused
from reformtrack.ledger.errors import StartHeld
from reformtrack.ledger.services_progress import plan_progress_update, progress_preview
from reformtrack.reporting.errors import ReportError
from reformtrack.reporting.services_ledger import reports_from_ledger

from .errors import DraftError
from .models import ImportDraft
from .services import _check_may_import, _check_owner, _locked

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ingest.sheet_progress import ProgressRow
    from reformtrack.ledger.models import Plan


@dataclass(frozen=True)
class ProgressApplied:
    """What an applied progress update did: rows applied, report drafts made, reports left alone."""

    rows: int
    drafted: int = 0
    skipped: int = 0


def progress_rows_of(content: bytes, filename: str) -> tuple[list[ProgressRow], list[LedgerRowsRefused]]:
    """The progress rows of a ledger, or (no rows, the refusal listing each unreadable value).

    Bad input that leaves no rows to show (no header, no progress column, formula cells) raises
    :class:`~reformtrack.ingest.IngestError`.
    """
    from reformtrack.ingest.pipeline import preview_sheet
    from reformtrack.ingest.sheet_progress import progress_rows

    ledger, _plan, _problems = preview_sheet(content, filename)
    try:
        return progress_rows(ledger), []
    except LedgerRowsRefused as exc:
        return [], [exc]


def progress_draft_create(*, owner: User, plan: Plan, filename: str, content: bytes) -> ImportDraft:
    """Keep an uploaded progress ledger of ``plan`` as a draft of ``owner``; nothing is applied.

    Raises :class:`~reformtrack.ingest.IngestError` when the file holds no progress ledger, and
    :class:`DraftError` when the owner has a draft of the same file for another purpose. The same
    file uploaded again for the same plan gives the existing draft back.
    """
    _check_may_import(owner)
    progress_rows_of(content, filename)  # refuses what is no progress ledger, before storing it
    sha256 = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        existing = ImportDraft.objects.filter(owner_id=owner.pk, sha256=sha256).first()
        if existing is not None:
            if existing.progress_of_id != plan.pk:
                raise DraftError(
                    _("You have a draft of this document already (%(name)s); discard it first.")
                    % {"name": existing.filename}
                )
            return existing
        return ImportDraft.objects.create(
            owner_id=owner.pk,
            filename=filename[:255],
            sha256=sha256,
            size=len(content),
            content=content,
            parsed={},
            progress_of=plan,
        )


def progress_draft_apply(*, draft: ImportDraft, by: User, as_reports: bool = False) -> ProgressApplied:
    """Apply the draft's progress ledger to its plan and delete the draft, in one transaction.

    By default as the office's update (:func:`~reformtrack.ledger.services_progress.
    plan_progress_update`: history by the office); with ``as_reports``, as the lead units' report
    drafts of the current period instead (:func:`~reformtrack.reporting.services_ledger.
    reports_from_ledger`), for them to review and submit. Any row that cannot be applied, or no
    running reporting cycle, raises :class:`DraftError` and leaves all as it was.
    """
    _check_owner(draft, by)
    with transaction.atomic():
        locked = _locked(draft)
        plan = locked.progress_of
        if plan is None:
            raise DraftError(_("this draft is not a progress update"))
        rows, refused = progress_rows_of(bytes(locked.content), locked.filename)
        if refused:
            raise DraftError(_("Rows of the ledger cannot be read; nothing was stored."))
        try:
            if as_reports:
                preview = progress_preview(plan=plan, rows=rows)
                if preview.problems:
                    raise LedgerRowsRefused(locked.filename, preview.problems)
                drafts = reports_from_ledger(
                    plan=plan, changes=preview.changes, by=by, source=locked.filename, on=timezone.localdate()
                )
                applied = ProgressApplied(len(preview.changes), len(drafts.drafted), len(drafts.skipped))
            else:
                preview = plan_progress_update(plan=plan, rows=rows, by=by, source=locked.filename)
                applied = ProgressApplied(len(preview.changes))
        except LedgerRowsRefused as exc:
            raise DraftError(
                _("%(count)d rows cannot be applied; nothing was stored.") % {"count": len(exc.problems)}
            ) from exc
        except (ReportError, StartHeld) as exc:  # StartHeld: the risk gate (ledger/gate.py)
            raise DraftError(str(exc)) from exc
        locked.delete()
    return applied
