"""Which kinds of evidence file we keep, judged by their bytes (``ingest.filetypes``), never by their name.

A file is stored and served under the type its content was recognised as: the stored extension
and the download's extension come from that type, whatever the user's file name said. A PDF that is
also an HTML page (a polyglot named ``poly.html``) is a PDF here and downloads as ``poly.pdf``.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from reformtrack.ingest.filetypes import DOCX, EVIDENCE_TYPES, XLSX, FileKind, evidence_kind

# MIME type → what a user calls it. Anything else is refused.
ACCEPTED_TYPES: dict[str, str] = EVIDENCE_TYPES
# Office files that are zip archives: their unpacked size is checked (REPORT_MAX_UNPACKED_MB).
ZIPPED_OFFICE = frozenset({DOCX, XLSX})
ACCEPTED = ", ".join(ACCEPTED_TYPES.values())
# For the file input's accept attribute: a hint to the browser's file picker, never trusted.
ACCEPT_ATTRIBUTE = ".pdf,.docx,.doc,.xlsx,.xls,.png,.jpg,.jpeg,.gif,.webp"


def accepted_kind(content: bytes) -> FileKind | None:
    """The recognised kind of an evidence file we keep, or ``None`` when it is none of them."""
    return evidence_kind(content)


def detect_content_type(content: bytes) -> str | None:
    """The MIME type of an accepted evidence file, or ``None``."""
    kind = accepted_kind(content)
    return kind.mime if kind else None


def download_name(original_name: str, stored_name: str) -> str:
    """The file name a download carries: the user's name with the extension of the stored file.

    The stored file's extension came from its content (``accepted_kind``); files stored before that
    carry none and download as ``.bin``.
    """
    stem = PurePosixPath(original_name.replace("\\", "/")).name
    dot = stem.rfind(".")
    if dot > 0:
        stem = stem[:dot]
    suffix = PurePosixPath(stored_name).suffix or ".bin"
    return f"{stem or 'file'}{suffix}"
