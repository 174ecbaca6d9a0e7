"""The importer's own errors: everything ingest raises on bad input is an IngestError."""

from __future__ import annotations


class IngestError(Exception):
    """Bad input the importer refuses, with a one-line message fit for a user.

    The CLI prints ``str(error)`` on stderr and exits with code 2; the web import
    wizard shows it in a form error. Never raise anything else for bad input.
    """


class UnreadableDocument(IngestError):
    """The file cannot be read as a document: empty, binary, image, too large, unknown encoding."""


class UnsupportedFormat(IngestError):
    """The file is of a kind the importer does not read."""


class NoStructure(IngestError):
    """The text was read but holds no recognisable plan structure (no chapters or items)."""
