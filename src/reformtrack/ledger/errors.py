"""Errors the ledger's services raise for a user to read: one line each."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Plan


class LedgerError(Exception):
    """A refused request with a one-line message fit for a user."""


class PlanImportError(LedgerError):
    """The parsed plan cannot be stored as it is."""


class DuplicateDocument(PlanImportError):
    """The same document (same SHA-256) is already stored as a plan."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        super().__init__(f"this document is already imported as plan {plan.pk} ({plan.title})")


class PlanNotFound(LedgerError):
    """No stored plan, or more than one, answers to the reference given."""
