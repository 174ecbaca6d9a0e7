"""An order's answer takes files backing it, under the evidence rules of progress reports: the kind
judged by the content, the size limits; a refused file sends back the whole answer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from reformtrack.ledger.models import Project, Unit
from reformtrack.supervision.models import OrderAttachment

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .conftest import IssueOrder

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def test_the_answer_keeps_its_files_for_those_who_read_the_order(
    issue: IssueOrder,
    project: Project,
    own_unit: Unit,
    client: Client,
    clerk_user: User,
    office_user: User,
    outsider_clerk: User,
) -> None:
    order = issue(unit=own_unit, project=project)
    client.force_login(clerk_user)

    response = client.post(
        reverse("supervision:order_respond", args=[order.pk]),
        {"text": "已整改", "files": [SimpleUploadedFile("整改报告.html", PDF, content_type="text/html")]},
    )

    assert response.status_code == 302
    (attachment,) = OrderAttachment.objects.filter(order=order)
    # judged by the content: a PDF, stored and served as one whatever its name said
    assert (attachment.content_type, str(attachment.file.name).endswith(".pdf")) == ("application/pdf", True)
    client.force_login(office_user)
    page = client.get(reverse("supervision:order_detail", args=[order.pk])).content.decode()
    download = client.get(reverse("supervision:attachment_download", args=[attachment.pk]))
    assert reverse("supervision:attachment_download", args=[attachment.pk]) in page
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    assert "整改报告.pdf" in download["Content-Disposition"] or "filename*" in download["Content-Disposition"]
    client.force_login(outsider_clerk)
    assert client.get(reverse("supervision:attachment_download", args=[attachment.pk])).status_code == 404


def test_a_file_of_a_kind_we_do_not_keep_sends_back_the_answer(
    issue: IssueOrder, project: Project, own_unit: Unit, client: Client, clerk_user: User
) -> None:
    order = issue(unit=own_unit, project=project)
    client.force_login(clerk_user)

    response = client.post(
        reverse("supervision:order_respond", args=[order.pk]),
        {"text": "已整改", "files": [SimpleUploadedFile("报告.pdf", b"<script>alert(1)</script>")]},
    )

    order.refresh_from_db()
    assert response.status_code == 400 and "报告.pdf" in response.content.decode()
    assert (order.status, order.response) == ("issued", "")
    assert not OrderAttachment.objects.exists()


def test_the_size_limit_of_evidence_holds(
    issue: IssueOrder,
    project: Project,
    own_unit: Unit,
    client: Client,
    clerk_user: User,
    settings: Settings,
) -> None:
    settings.REPORT_MAX_UPLOAD_MB = 0
    order = issue(unit=own_unit, project=project)
    client.force_login(clerk_user)

    response = client.post(
        reverse("supervision:order_respond", args=[order.pk]),
        {"text": "已整改", "files": [SimpleUploadedFile("报告.pdf", PDF)]},
    )

    assert response.status_code == 400
    assert not OrderAttachment.objects.exists()


def test_an_answer_without_files_still_goes(
    issue: IssueOrder, project: Project, own_unit: Unit, client: Client, clerk_user: User
) -> None:
    order = issue(unit=own_unit, project=project)
    client.force_login(clerk_user)

    response = client.post(reverse("supervision:order_respond", args=[order.pk]), {"text": "已整改"})

    order.refresh_from_db()
    assert response.status_code == 302 and order.status == "answered"
