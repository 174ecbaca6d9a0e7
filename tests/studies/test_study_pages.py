"""The study pages as each role opens them: who reads, who edits, who reviews, and what the page says."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.formats import date_format

from reformtrack.studies.choices import StudyStatus
from reformtrack.studies.models import Consultation, Study, StudyAttachment, StudyOption
from reformtrack.studies.services import study_submit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Project

pytestmark = pytest.mark.django_db


def test_the_clerk_starts_the_study_from_the_project_page(
    project: Project, clerk_user: User, client: Client
) -> None:
    client.force_login(clerk_user)
    page = client.get(reverse("web:project_detail", args=[project.pk])).content.decode()
    assert reverse("studies:project", args=[project.pk]) in page

    response = client.post(reverse("studies:start", args=[project.pk]))

    study = Study.objects.get(project=project)
    assert response["Location"] == reverse("studies:edit", args=[study.pk])
    assert (
        reverse("studies:detail", args=[study.pk])
        in client.get(reverse("web:project_detail", args=[project.pk])).content.decode()
    )


def test_the_study_page_shows_the_whole_record(filled: Study, leader_user: User, client: Client) -> None:
    client.force_login(leader_user)

    page = client.get(reverse("studies:detail", args=[filled.pk])).content.decode()

    for text in (
        "企业办事环节多、时间长。",
        "设立企业服务中心",
        "区政协委员、企业代表",
        "赞成设立，建议一站式办理",
    ):
        assert text in page
    assert "《关于设立区企业服务中心的通知》（罗发〔2013〕3号）" in page
    assert date_format(dt.date(2013, 10, 8)) in page
    assert 'data-testid="study-edit"' not in page  # the leader reads, does not write
    assert 'data-testid="study-accept"' not in page


def test_the_clerk_edits_and_adds_entries_through_the_pages(
    draft: Study, clerk_user: User, client: Client
) -> None:
    client.force_login(clerk_user)
    response = client.post(
        reverse("studies:edit", args=[draft.pk]),
        {"background": "背景", "decision_text": "决定", "decision_number": "罗发〔2013〕3号", "version": "1"},
    )
    assert response.status_code == 302
    client.post(reverse("studies:option_add", args=[draft.pk]), {"description": "方案甲", "chosen": "on"})
    client.post(
        reverse("studies:consultation_add", args=[draft.pk]),
        {"consulted": "专家", "method": "expert", "held_on": "2013-09-01", "opinions": "可行"},
    )
    pdf = SimpleUploadedFile("纪要.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    client.post(reverse("studies:attachment_add", args=[draft.pk]), {"file": pdf})

    draft.refresh_from_db()
    assert (draft.background, draft.decision_number) == ("背景", "罗发〔2013〕3号")
    assert StudyOption.objects.get(study=draft).chosen
    assert Consultation.objects.get(study=draft).method == "expert"
    attachment = StudyAttachment.objects.get(study=draft)
    download = client.get(reverse("studies:attachment", args=[attachment.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")


def test_a_file_the_evidence_rules_refuse_is_not_kept(draft: Study, clerk_user: User, client: Client) -> None:
    client.force_login(clerk_user)
    program = SimpleUploadedFile("纪要.pdf", b"MZ\x90\x00 not a pdf at all")

    response = client.post(reverse("studies:attachment_add", args=[draft.pk]), {"file": program}, follow=True)

    assert not StudyAttachment.objects.exists()
    assert "纪要.pdf" in response.content.decode()  # the refusal names the file


def test_a_removed_entry_is_archived_not_deleted(filled: Study, clerk_user: User, client: Client) -> None:
    client.force_login(clerk_user)
    consultation = filled.consultations.get()

    client.post(
        reverse("studies:consultation_remove", args=[consultation.pk]), {"version": consultation.version}
    )

    consultation.refresh_from_db()
    assert consultation.archived_at is not None
    page = client.get(reverse("studies:detail", args=[filled.pk])).content.decode()
    assert "区政协委员、企业代表" not in page
    assert client.get(reverse("studies:consultation_edit", args=[consultation.pk])).status_code == 404


def test_the_office_returns_with_a_comment_the_clerk_then_reads(
    filled: Study, clerk_user: User, office_user: User, client: Client
) -> None:
    study = study_submit(study=filled, by=clerk_user, version=filled.version)
    client.force_login(office_user)

    client.post(
        reverse("studies:return", args=[study.pk]), {"version": study.version, "comment": "请补充听证记录"}
    )

    study.refresh_from_db()
    assert study.status == StudyStatus.RETURNED
    client.force_login(clerk_user)
    page = client.get(reverse("studies:detail", args=[study.pk])).content.decode()
    assert "请补充听证记录" in page and 'data-testid="study-submit"' in page


def test_a_submitted_study_is_closed_to_the_clerk(filled: Study, clerk_user: User, client: Client) -> None:
    study = study_submit(study=filled, by=clerk_user, version=filled.version)
    client.force_login(clerk_user)

    response = client.get(reverse("studies:edit", args=[study.pk]))

    assert response.status_code == 302 and response["Location"] == reverse("studies:detail", args=[study.pk])
    assert 'data-testid="study-edit"' not in client.get(response["Location"]).content.decode()


def test_another_units_study_is_not_found(
    other_project: Project, office_user: User, clerk_user: User, client: Client
) -> None:
    from reformtrack.studies.services import study_start

    study = study_start(project=other_project, by=office_user)
    client.force_login(clerk_user)

    for name in ("studies:detail", "studies:print", "studies:docx", "studies:edit"):
        assert client.get(reverse(name, args=[study.pk])).status_code == 404, name
    assert client.get(reverse("studies:project", args=[other_project.pk])).status_code == 404


def test_the_history_says_who_did_what_in_chinese(filled: Study, clerk_user: User, client: Client) -> None:
    from django.utils.translation import pgettext

    study_submit(study=filled, by=clerk_user, version=filled.version)
    client.force_login(clerk_user)

    history = (
        client.get(reverse("studies:detail", args=[filled.pk]))
        .content.decode()
        .split('data-testid="study-history"')[1]
    )

    submitted = pgettext("history", "submitted")
    assert submitted != "submitted" and submitted in history
    assert pgettext("history", "edited") in history and clerk_user.get_full_name() in history
