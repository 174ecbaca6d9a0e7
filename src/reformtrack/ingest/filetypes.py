"""What kind of file some bytes are, judged by their content, never by their name.

The judging is the ``filetype`` library's (magic numbers of the file's first 8 KB); this module
only adds what that library leaves open for the formats built on zip: that the archive really opens
and holds the part that makes it the document it claims to be, and how large its members would be
once unpacked, read from the archive's directory without unpacking anything.

Pure Python, like the rest of :mod:`reformtrack.ingest`; it is the one file sniffer the upper layers
use (evidence uploads in ``reporting``).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import filetype

__all__ = [
    "DOCX",
    "EVIDENCE_TYPES",
    "OFD",
    "XLSX",
    "FileKind",
    "detect",
    "evidence_kind",
    "zip_unpacked_size",
]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
OFD = "application/ofd"  # GB/T 33190: a zip whose root holds OFD.xml
# The part an Office Open XML file of each kind cannot be without.
_MAIN_PART = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml", PPTX: "ppt/presentation.xml"}
_HEAD_BYTES = 8192  # what filetype reads of a file
# The kinds of evidence file the project keeps (a report's, a target value's): MIME type → what a
# user calls it. Anything else is refused.
EVIDENCE_TYPES: dict[str, str] = {
    "application/pdf": "PDF",
    DOCX: "Word (.docx)",
    "application/msword": "Word 97-2003 (.doc)",
    XLSX: "Excel (.xlsx)",
    "application/vnd.ms-excel": "Excel 97-2003 (.xls)",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/gif": "GIF",
    "image/webp": "WebP",
}


@dataclass(frozen=True)
class FileKind:
    """A recognised kind of file: its MIME type and the extension it is stored and served under."""

    mime: str
    extension: str


def detect(data: bytes) -> FileKind | None:
    """The kind of file ``data`` is, or ``None`` when its content matches no known format.

    An Office Open XML file (.docx, .xlsx, .pptx) counts as one only when it opens as a zip archive
    and holds its main part; a damaged one is ``None``. A zip holding ``OFD.xml`` is an OFD
    document (:data:`OFD`). Never raises.
    """
    if not data:
        return None
    guessed = filetype.guess(bytes(data[:_HEAD_BYTES]))
    if guessed is None:
        return None
    kind = FileKind(mime=str(guessed.mime), extension=str(guessed.extension))
    if kind.mime == "application/zip" and "OFD.xml" in _zip_names(data):
        return FileKind(mime=OFD, extension="ofd")
    part = _MAIN_PART.get(kind.mime)
    if part is not None and part not in _zip_names(data):
        return None
    return kind


def _zip_names(data: bytes) -> set[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist())
    except Exception:  # zipfile raises BadZipFile, OSError, EOFError, ... on a broken archive
        return set()


def zip_unpacked_size(data: bytes) -> int:
    """The bytes a zip archive (an Office Open XML file) would take once every member is unpacked.

    Read from the archive's central directory: nothing is decompressed, so a zip bomb costs no
    more than its own size here. Python's zipfile never yields more than a member's declared size,
    so the sum also bounds what a later reader in this process would unpack.
    Raises :class:`zipfile.BadZipFile` when ``data`` is no readable zip archive.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise
    except Exception as exc:  # a truncated or inconsistent directory
        raise zipfile.BadZipFile(str(exc)) from exc


def evidence_kind(data: bytes) -> FileKind | None:
    """The recognised kind of an evidence file the project keeps (:data:`EVIDENCE_TYPES`), or ``None``."""
    kind = detect(data)
    if kind is None or kind.mime not in EVIDENCE_TYPES:
        return None
    return kind
