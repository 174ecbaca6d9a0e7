"""Evidence files: the type is judged by the content, never the name; size limit; only the lead unit."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils.translation import override
from pytest_django.fixtures import Settings

from reformtrack.reporting.errors import EvidenceRefused
from reformtrack.reporting.evidence import detect_content_type
from reformtrack.reporting.models import Evidence, ProgressReport
from reformtrack.reporting.services import evidence_add, report_save_draft, report_submit

from .conftest import ELF, PDF

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English, to match them here (the view test checks the Chinese)."""
    with override("en"):
        yield


def _zip(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


def test_it_keeps_a_pdf_with_its_hash_and_detected_type(
    report: ProgressReport, clerk_user: User, media_root: Path
) -> None:
    evidence = evidence_add(report=report, by=clerk_user, upload=SimpleUploadedFile("佐证.pdf", PDF))

    assert (evidence.original_name, evidence.content_type, evidence.size) == (
        "佐证.pdf",
        "application/pdf",
        len(PDF),
    )
    assert Path(evidence.file.path).read_bytes() == PDF
    assert Path(evidence.file.path).is_relative_to(media_root / "reports")
    assert Path(evidence.file.path).name == f"{evidence.sha256}.pdf"
    assert evidence.history.get().history_user == clerk_user


def _ole(at_512: bytes) -> bytes:
    # An OLE2 (Office 97-2003) container whose first sector starts as Word's or Excel's stream does.
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + at_512 + b"\x00" * 64


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF, "application/pdf"),
        (
            _zip("word/document.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (_zip("xl/workbook.xml"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (_ole(b"\xec\xa5\xc1\x00"), "application/msword"),
        (_ole(b"\x09\x08\x10\x00\x00\x06\x05\x00"), "application/vnd.ms-excel"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 8, "image/png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 8, "image/jpeg"),
        (b"GIF89a" + b"\x00" * 8, "image/gif"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20, None),  # an OLE2 file of no kind we know
        (ELF, None),
        (b"MZ\x90\x00" + b"\x00" * 60, None),
        (_zip("evil.exe"), None),
        (_zip("word/other.xml"), None),  # says Word by its first member, lacks the document
        (b"PK\x03\x04 not a zip", None),
        (b"plain text", None),
        (b"<html><body>%PDF-1.4</body></html>", None),
    ],
)
def test_it_detects_the_type_from_the_content(content: bytes, expected: str | None) -> None:
    assert detect_content_type(content) == expected


def test_it_refuses_a_renamed_executable(report: ProgressReport, clerk_user: User) -> None:
    with pytest.raises(EvidenceRefused, match="not a file type we accept"):
        evidence_add(report=report, by=clerk_user, upload=SimpleUploadedFile("报告.pdf", ELF))

    assert not Evidence.objects.exists()


def test_it_refuses_an_oversized_file(report: ProgressReport, clerk_user: User, settings: Settings) -> None:
    settings.REPORT_MAX_UPLOAD_MB = 1
    big = PDF + b"0" * (1024 * 1024)

    with pytest.raises(EvidenceRefused, match="larger than the limit of 1 MB"):
        evidence_add(report=report, by=clerk_user, upload=SimpleUploadedFile("big.pdf", big))


def test_it_refuses_an_empty_file(report: ProgressReport, clerk_user: User) -> None:
    with pytest.raises(EvidenceRefused, match="empty"):
        evidence_add(report=report, by=clerk_user, upload=SimpleUploadedFile("empty.pdf", b""))


def test_it_refuses_uploads_to_another_units_report(
    report: ProgressReport, outsider_clerk: User, counit_user: User, office_user: User
) -> None:
    with pytest.raises(Http404):
        evidence_add(report=report, by=outsider_clerk, upload=SimpleUploadedFile("a.pdf", PDF))
    for user in (counit_user, office_user):  # they see the report but it is not theirs to fill in
        with pytest.raises(PermissionDenied):
            evidence_add(report=report, by=user, upload=SimpleUploadedFile("a.pdf", PDF))
    assert not Evidence.objects.exists()


def test_it_takes_no_evidence_once_the_report_is_submitted(report: ProgressReport, clerk_user: User) -> None:
    report = report_save_draft(report=report, by=clerk_user, version=1, done="完成调研")
    report = report_submit(report=report, by=clerk_user, version=report.version)

    with pytest.raises(EvidenceRefused, match="draft or returned"):
        evidence_add(report=report, by=clerk_user, upload=SimpleUploadedFile("a.pdf", PDF))
