"""Errors of the import wizard's services: one line each, fit to show on the form."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language

from reformtrack.ingest import IngestError
from reformtrack.ledger.errors import LedgerError


class DraftError(LedgerError):
    """A refused change to an import draft (an unknown item, a name the ledger cannot hold …)."""


def ingest_words(error: IngestError) -> str:
    """The importer's message in the active language (Chinese unless English is active).

    ingest cannot use gettext: each of its errors carries both wordings (:meth:`IngestError.words`).
    """
    return error.words(get_language() or settings.LANGUAGE_CODE)
