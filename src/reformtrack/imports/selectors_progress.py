"""Reads of a progress update draft: what each row of the ledger changes per project, and the rows
that cannot be applied, each with why in the reader's language. Nothing is written."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from reformtrack.ingest import IngestError
from reformtrack.ledger.choices import ProjectStatus
from reformtrack.ledger.models import Plan
from reformtrack.ledger.services_progress import ProgressChange, progress_preview

from .errors import ingest_words
from .models import ImportDraft
from .services_progress import progress_rows_of

SHOWN_CHANGES = 500


@dataclass
class RowTrouble:
    """A row that cannot be applied: its number and why."""

    row: int
    text: str


@dataclass
class ProgressReview:
    """The progress update as the review page shows it."""

    draft: ImportDraft
    plan: Plan
    changes: list[tuple[ProgressChange, str]] = field(default_factory=list)  # with the status's words
    total_changes: int = 0
    problems: list[RowTrouble] = field(default_factory=list)
    error: str = ""


def _words(code: str, value: str) -> str:
    if code == "unknown_project":
        return _("The plan has no project “%(value)s”.") % {"value": value}
    if code == "unknown_measure":
        return _("The project has no measure “%(value)s”.") % {"value": value[:40]}
    if code == "value":
        return _("Unreadable value “%(value)s”.") % {"value": value[:40]}
    if code == "no_project":
        return _("The row names no project.")
    return _("The row cannot be imported (%(code)s).") % {"code": code}


def progress_review(draft: ImportDraft, plan: Plan) -> ProgressReview:
    """Read the draft's ledger again and match it to ``plan``: two queries (projects, measures)."""
    review = ProgressReview(draft=draft, plan=plan)
    try:
        rows, refused = progress_rows_of(bytes(draft.content), draft.filename)
    except IngestError as exc:
        review.error = ingest_words(exc)
        return review
    for refusal in refused:
        review.problems += [RowTrouble(p.row, _words(p.code, p.value)) for p in refusal.problems]
    if rows:
        preview = progress_preview(plan=plan, rows=rows)
        review.total_changes = len(preview.changes)
        words = dict(ProjectStatus.choices)
        review.changes = [(c, str(words.get(c.status or "", ""))) for c in preview.changes[:SHOWN_CHANGES]]
        # progress_preview leaves the project's text out of value: take it from the row
        by_row = {row.row: row for row in rows}
        for problem in preview.problems:
            value = problem.value or (by_row[problem.row].project if problem.row in by_row else "")
            review.problems.append(RowTrouble(problem.row, _words(problem.code, value)))
    review.problems.sort(key=lambda trouble: trouble.row)
    return review
