"""The one report form over HTTP: texts and files posted together to the report's own URL; what was
typed survives a refused file, a field to correct, a removed file and an expired session."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from reformtrack.reporting.choices import ReportStatus
from reformtrack.reporting.models import Evidence, ProgressReport
from reformtrack.reporting.services import evidence_add

from .conftest import ELF, PDF

pytestmark = pytest.mark.django_db

TYPED = "走访企业三十家，形成调研报告初稿"


def _form(report: ProgressReport, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "version": str(report.version),
        "reported_status": "on_track",
        "percent_complete": "45",
        "done": TYPED,
        "problems": "资金尚未到位",
        "help_needed": "",
        "next_steps": "",
    }
    return {**data, **changes}


def _edit(report: ProgressReport) -> str:
    return reverse("reporting:report_edit", args=[report.pk])


def test_files_and_texts_are_saved_together_at_the_reports_url(
    report: ProgressReport, client: Client, clerk_user: User
) -> None:
    client.force_login(clerk_user)

    response = client.post(
        _edit(report),
        {**_form(report), "upload": "", "files": [SimpleUploadedFile("纪要.pdf", PDF)]},
    )

    assert response.status_code == 302 and response["Location"] == _edit(report)
    report.refresh_from_db()
    assert (report.done, report.status) == (TYPED, ReportStatus.DRAFT)
    assert Evidence.objects.get().original_name == "纪要.pdf"
    page = client.get(_edit(report)).content.decode()
    assert TYPED in page and "纪要.pdf" in page and "data-draft-clear" in page


def test_a_refused_file_keeps_the_text_and_says_why_in_chinese(
    report: ProgressReport, client: Client, clerk_user: User
) -> None:
    client.force_login(clerk_user)

    response = client.post(
        _edit(report),
        {**_form(report), "submit": "", "files": [SimpleUploadedFile("报告.pdf", ELF)]},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert TYPED in page and "资金尚未到位" in page
    assert "报告.pdf 不是可接受的文件类型" in page and "报告尚未报送" in page
    report.refresh_from_db()
    assert (report.done, report.status) == (TYPED, ReportStatus.DRAFT)  # saved, not submitted
    # the page's form starts from the saved version: 保存并报送 now goes through
    assert f'name="version" value="{report.version}"' in page
    response = client.post(_edit(report), {**_form(report), "submit": ""})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_a_field_to_correct_keeps_every_typed_field(
    report: ProgressReport, client: Client, clerk_user: User
) -> None:
    client.force_login(clerk_user)

    response = client.post(_edit(report), {**_form(report, percent_complete="150"), "submit": ""})

    page = response.content.decode()
    assert response.status_code == 400
    assert TYPED in page and "资金尚未到位" in page and 'value="150"' in page
    assert "确保该值小于或等于100" in page
    report.refresh_from_db()
    assert (report.done, report.status) == ("", ReportStatus.DRAFT)


def test_files_chosen_with_a_field_to_correct_are_attached(
    report: ProgressReport, client: Client, clerk_user: User
) -> None:
    client.force_login(clerk_user)

    response = client.post(
        _edit(report),
        {**_form(report, percent_complete="x"), "upload": "", "files": [SimpleUploadedFile("纪要.pdf", PDF)]},
    )

    assert response.status_code == 400
    assert TYPED in response.content.decode()
    assert Evidence.objects.get().original_name == "纪要.pdf"


def test_a_wrong_file_is_removed_from_the_form_and_the_text_saved(
    report: ProgressReport, client: Client, clerk_user: User, unit_lead_user: User
) -> None:
    wrong = evidence_add(report=report, by=clerk_user, upload=SimpleUploadedFile("错传.pdf", PDF))
    client.force_login(unit_lead_user)
    assert 'data-testid="evidence-remove"' not in client.get(_edit(report)).content.decode()
    response = client.post(_edit(report), {**_form(report), "remove_confirmed": str(wrong.pk)})
    assert response.status_code == 400 and "只有上传者本人可以移除该文件" in response.content.decode()
    report.refresh_from_db()
    client.force_login(clerk_user)
    assert 'data-testid="evidence-remove"' in client.get(_edit(report)).content.decode()

    asked = client.post(_edit(report), {**_form(report, done="改过的"), "remove": str(wrong.pk)})
    wrong.refresh_from_db()
    kept_after_asking = wrong.archived_at is None
    question = client.get(asked["Location"]).content.decode()
    report.refresh_from_db()
    response = client.post(_edit(report), {**_form(report, done="改过的"), "remove_confirmed": str(wrong.pk)})

    # the Remove button saves the text and asks; only the confirmation removes the file
    assert asked.status_code == 302 and asked["Location"].endswith(f"?remove={wrong.pk}")
    assert kept_after_asking and 'data-testid="evidence-remove-confirm"' in question
    assert response.status_code == 302
    wrong.refresh_from_db()
    assert wrong.archived_at is not None
    report.refresh_from_db()
    assert report.done == "改过的"


def test_an_expired_session_keeps_the_post_and_restores_it_after_the_login(
    report: ProgressReport, clerk_user: User
) -> None:
    clerk_user.set_password("改革-Report-2026!")
    clerk_user.save()
    client = Client(enforce_csrf_checks=False)
    client.force_login(clerk_user)
    Session.objects.all().delete()  # the login expired on the server while the clerk typed

    response = client.post(
        _edit(report), {**_form(report), "submit": "", "files": [SimpleUploadedFile("纪要.pdf", PDF)]}
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    report.refresh_from_db()
    assert report.done == ""
    login = client.post(
        response["Location"], {"username": clerk_user.get_username(), "password": "改革-Report-2026!"}
    )
    assert login.status_code == 302 and login["Location"] == _edit(report)
    restored = client.get(_edit(report), follow=True)
    page = restored.content.decode()
    assert "登录过期前填写的内容已恢复并保存为草稿" in page
    assert "登录过期前选择的文件未能保留" in page
    assert TYPED in page
    report.refresh_from_db()
    assert (report.done, report.problems, report.status) == (TYPED, "资金尚未到位", ReportStatus.DRAFT)
    assert report.history.latest().history_user == clerk_user
    # restored once only, and 保存并报送 works from here
    assert "登录过期前" not in client.get(_edit(report)).content.decode()
    assert client.post(_edit(report), {**_form(report), "submit": ""}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_a_kept_post_is_never_restored_into_a_report_the_user_may_not_write(
    report: ProgressReport, client: Client, counit_user: User
) -> None:
    client.post(_edit(report), _form(report))
    client.force_login(counit_user)

    assert client.get(_edit(report)).status_code == 403
    report.refresh_from_db()
    assert report.done == ""
