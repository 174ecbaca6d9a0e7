"""What kind of file an upload is, decided by its bytes, never by its name."""

from __future__ import annotations

import io
import zipfile

# (leading bytes, content type) of the single-signature formats we keep.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .xls (and other Office 97 files)
_ZIP = b"PK\x03\x04"
# The part that makes a zip an Office Open XML document of the kind we keep.
_OOXML: tuple[tuple[str, str], ...] = (
    ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
)

ACCEPTED = "PDF, Word (.docx, .doc), Excel (.xlsx, .xls), PNG, JPEG, GIF, WebP"


def detect_content_type(content: bytes) -> str | None:
    """The content type of an accepted evidence file, or ``None`` when it is none of them."""
    for signature, content_type in _SIGNATURES:
        if content.startswith(signature):
            return content_type
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    if content.startswith(_OLE2):
        return "application/x-ole-storage"
    if content.startswith(_ZIP):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        for part, content_type in _OOXML:
            if part in names:
                return content_type
    return None
