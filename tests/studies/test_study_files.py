"""Files backing a study follow the evidence rules of progress reports, and are archived, not deleted."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reformtrack.studies.errors import StudyError
from reformtrack.studies.models import StudyAttachment
from reformtrack.studies.services_entries import attachment_add, attachment_remove

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.studies.models import Study

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _pdf(name: str, extra: bytes = b"") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF + extra)


def test_a_file_is_stored_under_the_type_its_content_shows(draft: Study, clerk_user: User) -> None:
    attachment = attachment_add(study=draft, by=clerk_user, upload=_pdf("纪要.docx"))

    assert attachment.content_type == "application/pdf"
    assert str(attachment.file.name).endswith(".pdf")


def test_a_second_copy_of_a_file_is_refused(draft: Study, clerk_user: User) -> None:
    attachment_add(study=draft, by=clerk_user, upload=_pdf("纪要.pdf"))

    with pytest.raises(StudyError, match=r"纪要二\.pdf"):
        attachment_add(study=draft, by=clerk_user, upload=_pdf("纪要二.pdf"))
    assert StudyAttachment.objects.count() == 1


def test_a_study_keeps_at_most_the_files_a_report_keeps(
    draft: Study, clerk_user: User, settings: Any
) -> None:
    settings.REPORT_MAX_FILES = 2
    for index in range(2):
        attachment_add(study=draft, by=clerk_user, upload=_pdf(f"{index}.pdf", str(index).encode()))

    with pytest.raises(StudyError):
        attachment_add(study=draft, by=clerk_user, upload=_pdf("3.pdf", b"3"))


def test_a_removed_file_is_archived_and_can_be_added_again(draft: Study, clerk_user: User) -> None:
    attachment = attachment_add(study=draft, by=clerk_user, upload=_pdf("纪要.pdf"))

    attachment_remove(attachment=attachment, by=clerk_user)
    again = attachment_add(study=draft, by=clerk_user, upload=_pdf("纪要.pdf"))

    attachment.refresh_from_db()
    assert attachment.archived_at is not None and attachment.file.storage.exists(attachment.file.name)
    assert again.pk != attachment.pk
    with pytest.raises(StudyError):
        attachment_remove(attachment=attachment, by=clerk_user)
