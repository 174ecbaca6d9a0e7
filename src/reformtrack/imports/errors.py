"""Errors of the import wizard's services: one line each, fit to show on the form."""

from __future__ import annotations

from reformtrack.ledger.errors import LedgerError


class DraftError(LedgerError):
    """A refused change to an import draft (an unknown item, a name the ledger cannot hold …)."""
