"""Evidence files stored and served under the type their content was recognised as; the limits of a
report (count, total size, an Office file's unpacked size); no exact duplicate; a wrong file removed
from a draft by its author, archived with its history."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import docx
import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils.translation import override
from pytest_django.fixtures import Settings

from reformtrack.reporting.errors import EvidenceRefused
from reformtrack.reporting.models import Evidence, ProgressReport
from reformtrack.reporting.services import (
    evidence_add,
    evidence_remove,
    report_save_draft,
    report_start,
    report_submit,
)

from .conftest import PDF, PERIOD

pytestmark = pytest.mark.django_db

# A PDF that is also an HTML page: a PDF reader reads the PDF, a browser opening it as .html runs the script.
POLYGLOT = (
    b"%PDF-1.4\n%<html><body><script>document.title='owned'</script></body></html>\n"
    b"1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 16


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with override("en"):
        yield


def _add(report: ProgressReport, by: User, name: str, content: bytes) -> Evidence:
    return evidence_add(report=report, by=by, upload=SimpleUploadedFile(name, content))


def _docx() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("会议纪要")
    document.save(buffer)
    return buffer.getvalue()


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "进度"  # type: ignore[index]
    workbook.save(buffer)
    return buffer.getvalue()


def _docx_bomb(unpacked_mb: int) -> bytes:
    """A real .docx whose document.xml unpacks to ``unpacked_mb`` MB (the file itself is small)."""
    source = zipfile.ZipFile(io.BytesIO(_docx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                with archive.open(info.filename, "w", force_zip64=True) as member:
                    chunk = b" " * (1024 * 1024)
                    for _ in range(unpacked_mb):
                        member.write(chunk)
            else:
                archive.writestr(info.filename, source.read(info.filename))
    return buffer.getvalue()


def test_a_pdf_html_polyglot_named_html_is_stored_and_served_as_a_pdf(
    report: ProgressReport, clerk_user: User, client: Client
) -> None:
    evidence = _add(report, clerk_user, "poly.html", POLYGLOT)

    assert evidence.content_type == "application/pdf"
    assert Path(str(evidence.file.name)).suffix == ".pdf"
    client.force_login(clerk_user)
    response = client.get(reverse("reporting:evidence_download", args=[evidence.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="poly.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == POLYGLOT  # type: ignore[attr-defined]


def test_an_html_page_with_a_pdf_header_inside_is_refused(report: ProgressReport, clerk_user: User) -> None:
    page = b"<html><script>alert(1)</script>\n" + PDF

    with pytest.raises(EvidenceRefused, match="not a file type we accept"):
        _add(report, clerk_user, "poly.pdf", page)


@pytest.mark.parametrize(
    ("name", "content", "stored", "served"),
    [
        ("照片.pdf", PNG, ".png", "照片.png"),
        ("纪要", PDF, ".pdf", "纪要.pdf"),
        ("纪要.docx", _docx(), ".docx", "纪要.docx"),
        ("台账.xls", _xlsx(), ".xlsx", "台账.xlsx"),
    ],
)
def test_the_extension_comes_from_the_content(
    name: str,
    content: bytes,
    stored: str,
    served: str,
    report: ProgressReport,
    clerk_user: User,
    client: Client,
) -> None:
    evidence = _add(report, clerk_user, name, content)

    assert Path(str(evidence.file.name)).suffix == stored
    client.force_login(clerk_user)
    response = client.get(reverse("reporting:evidence_download", args=[evidence.pk]))
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(served)}"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_served_name_is_exact_for_a_chinese_name(
    report: ProgressReport, clerk_user: User, client: Client
) -> None:
    evidence = _add(report, clerk_user, "照片.pdf", PNG)
    client.force_login(clerk_user)

    response = client.get(reverse("reporting:evidence_download", args=[evidence.pk]))

    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''%E7%85%A7%E7%89%87.png"


def test_it_refuses_an_exact_duplicate_on_the_same_report(
    report: ProgressReport, clerk_user: User, unit_lead_user: User
) -> None:
    first = _add(report, clerk_user, "纪要.pdf", PDF)

    with pytest.raises(EvidenceRefused, match=r"same file as 纪要\.pdf"):
        _add(report, unit_lead_user, "副本.pdf", PDF)

    assert list(Evidence.objects.all()) == [first]


def test_the_same_file_is_fine_on_another_report(report: ProgressReport, clerk_user: User) -> None:
    other = report_start(
        cycle=report.cycle,
        period_start=PERIOD.replace(month=4),
        project=report.project,
        unit=report.unit,
        by=clerk_user,
    )
    _add(report, clerk_user, "纪要.pdf", PDF)

    _add(other, clerk_user, "纪要.pdf", PDF)

    assert Evidence.objects.count() == 2


def test_the_database_refuses_a_duplicate_too(report: ProgressReport, clerk_user: User) -> None:
    first = _add(report, clerk_user, "纪要.pdf", PDF)
    copy = Evidence(
        report=report, original_name="b.pdf", content_type="application/pdf", size=1, sha256=first.sha256
    )
    copy.file.save("b.pdf", ContentFile(PDF), save=False)

    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


def test_it_refuses_more_files_than_report_max_files(
    report: ProgressReport, clerk_user: User, settings: Settings
) -> None:
    settings.REPORT_MAX_FILES = 3
    for n in range(3):
        _add(report, clerk_user, f"{n}.pdf", PDF + str(n).encode())

    with pytest.raises(EvidenceRefused, match="at most 3 evidence files"):
        _add(report, clerk_user, "3.pdf", PDF + b"3")

    assert report.evidence.count() == 3


def test_it_refuses_past_report_max_total_mb(
    report: ProgressReport, clerk_user: User, settings: Settings
) -> None:
    settings.REPORT_MAX_TOTAL_MB = 2
    half = PDF + b"0" * (700 * 1024)
    _add(report, clerk_user, "a.pdf", half + b"a")
    _add(report, clerk_user, "b.pdf", half + b"b")

    with pytest.raises(EvidenceRefused, match="at most 2 MB together"):
        _add(report, clerk_user, "c.pdf", half + b"c")

    assert report.evidence.count() == 2


def test_an_office_file_unpacking_past_the_limit_is_refused_without_unpacking(
    report: ProgressReport, clerk_user: User, settings: Settings
) -> None:
    assert settings.REPORT_MAX_UNPACKED_MB == 100  # the default
    bomb = _docx_bomb(300)
    assert len(bomb) < 1024 * 1024

    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(EvidenceRefused, match=r"would unpack to 300 MB, over the limit of 100 MB"):
        _add(report, clerk_user, "纪要.docx", bomb)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    assert elapsed < 1.0
    assert peak < 20 * 1024 * 1024  # a few times the file, nowhere near the 300 MB it unpacks to
    assert not Evidence.objects.exists()


def test_an_office_file_within_the_limit_is_kept(
    report: ProgressReport, clerk_user: User, settings: Settings
) -> None:
    settings.REPORT_MAX_UNPACKED_MB = 5

    evidence = _add(report, clerk_user, "纪要.docx", _docx_bomb(4))

    assert Path(str(evidence.file.name)).suffix == ".docx"


def test_a_damaged_office_file_is_refused(report: ProgressReport, clerk_user: User) -> None:
    damaged = _docx()[:3000]

    with pytest.raises(EvidenceRefused):
        _add(report, clerk_user, "纪要.docx", damaged)

    assert not Evidence.objects.exists()


def test_the_author_removes_a_wrong_file_and_its_history_stays(
    report: ProgressReport, clerk_user: User, client: Client
) -> None:
    wrong = _add(report, clerk_user, "错传.pdf", PDF)

    evidence_remove(evidence=wrong, by=clerk_user)

    wrong.refresh_from_db()
    assert wrong.archived_at is not None and wrong.archived_by == clerk_user
    assert Path(wrong.file.path).read_bytes() == PDF  # kept, never deleted
    assert [h.history_change_reason for h in wrong.history.order_by("history_id")] == [None, "removed"]
    assert wrong.history.latest().history_user == clerk_user
    # no longer on the report's list; the same file may be attached again
    again = _add(report, clerk_user, "纪要.pdf", PDF)
    client.force_login(clerk_user)
    page = client.get(reverse("reporting:report_detail", args=[report.pk])).content.decode()
    assert "纪要.pdf" in page and 'data-testid="removed-evidence"' in page
    assert list(Evidence.objects.filter(report=report, archived_at__isnull=True)) == [again]


def test_only_the_author_removes_a_file(
    report: ProgressReport, clerk_user: User, unit_lead_user: User, counit_user: User
) -> None:
    evidence = _add(report, clerk_user, "纪要.pdf", PDF)

    for user in (unit_lead_user, counit_user):
        with pytest.raises(PermissionDenied):
            evidence_remove(evidence=evidence, by=user)

    assert Evidence.objects.get().archived_at is None


def test_a_file_of_a_submitted_report_stays(report: ProgressReport, clerk_user: User) -> None:
    evidence = _add(report, clerk_user, "纪要.pdf", PDF)
    report = report_save_draft(report=report, by=clerk_user, version=report.version, done="完成")
    report_submit(report=report, by=clerk_user, version=report.version)

    with pytest.raises(EvidenceRefused, match="files are removed while it is a draft or returned"):
        evidence_remove(evidence=evidence, by=clerk_user)

    assert Evidence.objects.get().archived_at is None
