"""An uploaded plan document is parsed by the background worker, within the document limits.

The real worker (``db_worker``) runs the job, as on a site: the request stored the upload and
started the job; the job reports its stages and makes the draft, or fails with one Chinese line
and leaves nothing stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ingest import hostile
from reformtrack.imports.models import ImportDraft, ImportUpload
from reformtrack.imports.uploads import document_limits, upload_start
from reformtrack.ingest.limits import Limits
from reformtrack.jobs.models import Job

if TYPE_CHECKING:
    from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker() -> None:
    with translation.override("zh-hans"):  # a worker speaks the site's language
        call_command("db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0)


def test_the_worker_parses_the_upload_into_a_draft_reporting_each_stage(
    office_user: User, damaged_document: Path
) -> None:
    upload = upload_start(owner=office_user, filename="罗湖.txt", content=damaged_document.read_bytes())
    job = Job.objects.get()
    assert (job.kind, job.status, job.params["upload"]) == ("plan_parse", "queued", upload.pk)
    assert not ImportDraft.objects.exists()  # nothing parsed yet

    run_worker()

    job.refresh_from_db()
    upload.refresh_from_db()
    draft = ImportDraft.objects.get()
    assert (job.status, job.done, job.total, job.error) == ("done", 4, 4, "")
    assert upload.draft == draft and bytes(upload.content) == b"" and upload.error == ""
    assert bytes(draft.content) == damaged_document.read_bytes()


def test_a_hostile_document_fails_its_job_with_one_chinese_line_and_nothing_stored(
    office_user: User, tmp_path: Path, settings: Any
) -> None:
    settings.DOCUMENT_MAX_UNPACKED_MB = 5
    bomb = hostile.docx_bomb(tmp_path / "bomb.docx", unpacked_mb=12)
    client = Client()
    client.force_login(office_user)

    with bomb.open("rb") as handle:
        response = client.post(reverse("imports:index"), {"document": handle})
    upload = ImportUpload.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("imports:upload", args=[upload.pk])
    run_worker()

    job = Job.objects.get()
    upload.refresh_from_db()
    assert job.status == "failed"
    assert "\n" not in job.error and job.error.startswith("无法导入该文档：bomb.docx：")
    assert "5 MB" in job.error
    assert (bytes(upload.content), upload.error) == (b"", job.error)
    assert not ImportDraft.objects.exists()
    with translation.override("zh-hans"):
        page = client.get(reverse("imports:upload", args=[upload.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = page.content.decode()
    assert 'data-testid="upload-failed"' in html and "无法导入该文档" in html


def test_the_settings_are_the_limits_the_job_keeps(settings: Any) -> None:
    assert document_limits() == Limits()  # the defaults agree
    settings.DOCUMENT_MAX_PAGES = 3
    settings.DOCUMENT_REPAIR_SECONDS = 1

    assert document_limits() == Limits(max_pages=3, repair_seconds=1)


def test_another_users_upload_is_404(office_user: User, make_user: Any, damaged_document: Path) -> None:
    from reformtrack.accounts.choices import Role

    upload = upload_start(owner=office_user, filename="罗湖.txt", content=damaged_document.read_bytes())
    colleague = make_user(Role.OFFICE, username="colleague")
    client = Client()
    client.force_login(colleague)

    assert client.get(reverse("imports:upload", args=[upload.pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 200, "setup.exe：是可执行程序，不是文档"),
        ("空白.txt", b"   \n", "空白.txt：文件是空的"),
    ],
)
def test_a_refused_upload_is_worded_in_chinese_in_the_wizard(
    office_user: User, name: str, content: bytes, words: str
) -> None:
    client = Client()
    client.force_login(office_user)
    document = SimpleUploadedFile(name, content)

    response = client.post(reverse("imports:index"), {"document": document}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    upload = ImportUpload.objects.get()
    assert response.status_code == 302
    run_worker()

    upload.refresh_from_db()
    assert upload.error == f"无法导入该文档：{words}"
    page = client.get(reverse("imports:upload", args=[upload.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = page.content.decode()
    assert 'data-testid="upload-failed"' in html and words in html
    assert "not a document" not in html and "is empty" not in html
    assert not ImportDraft.objects.exists()


def test_a_refused_upload_parsed_in_english_is_worded_in_english(office_user: User) -> None:
    upload = upload_start(owner=office_user, filename="setup.exe", content=b"\x7fELF" + b"\x00" * 200)
    with translation.override("en"):
        call_command("db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0)

    upload.refresh_from_db()
    assert (
        upload.error
        == "The document cannot be imported: setup.exe: is a program (executable), not a document"
    )
