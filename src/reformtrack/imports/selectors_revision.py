"""Reads of a revised document's draft: its difference with the stored plan, in words.

Nothing is written: the difference is worked out again on every visit from the draft (with its
corrections) and the plan as it stands, so a page always shows the plan of now.
"""

from __future__ import annotations

from dataclasses import dataclass

from reformtrack.ingest.model import ParsedPlan
from reformtrack.ledger.models import Plan
from reformtrack.ledger.revision import ChangeKind, Revision
from reformtrack.ledger.revision_text import ChangeWords, change_words
from reformtrack.ledger.selectors_revision import plan_revision

from .models import ImportDraft
from .parsed import apply_edits, parsed_from_dict


def revision_parsed(draft: ImportDraft) -> ParsedPlan:
    """The draft's document as parsed, with the owner's corrections."""
    return apply_edits(parsed_from_dict(draft.parsed, text=draft.text), draft.edits)


def draft_revision(draft: ImportDraft) -> Revision:
    """The difference between the plan the draft revises and the draft's document."""
    assert draft.revises_id is not None, "not a revised document"
    return plan_revision(draft.revises_id, revision_parsed(draft))


@dataclass
class RevisionReview:
    """What the review page shows: the plan, each change in words, and the count of each kind."""

    plan: Plan
    changes: list[ChangeWords]
    counts: dict[str, int]

    @property
    def keys(self) -> str:
        """Every change's key, for the form to say which difference the office decided on."""
        return " ".join(change.key for change in self.changes)


def revision_review(draft: ImportDraft) -> RevisionReview:
    """The draft's difference laid out for review."""
    revision = draft_revision(draft)
    assert draft.revises_id is not None
    plan = Plan.objects.only("id", "title", "doc_number").get(pk=draft.revises_id)
    return RevisionReview(
        plan=plan,
        changes=[change_words(change) for change in revision.changes],
        counts={kind.value: revision.count(kind) for kind in ChangeKind},
    )
