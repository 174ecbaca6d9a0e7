"""The risk pages: the list (filters, a constant number of queries), the assessment page's forms
per role, the office's rule page with its history, the project page's hold, and the .docx."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import docx
import pytest
from django.urls import reverse

from reformtrack.ledger.models import Project
from reformtrack.risk.choices import AssessmentStatus
from reformtrack.risk.models import Assessment, RiskRule
from reformtrack.risk.services import (
    assessment_create,
    assessment_save,
    assessment_sign_off,
    assessment_submit,
    group_add,
    risk_add,
)

from .conftest import SignOff, drafted

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import User
    from django.test import Client

    from reformtrack.ledger.models import Plan

pytestmark = pytest.mark.django_db

DIMENSIONS = ("legality", "rationality", "feasibility", "controllability")


def test_the_list_costs_the_same_queries_for_one_and_many(
    store_plan: Callable[..., Plan], client: Client, office_user: User, django_assert_max_num_queries: Any
) -> None:
    client.force_login(office_user)
    plan = store_plan(b"many", chapters=1, projects=8, children=0, measures=0)
    projects = list(plan.projects.all())
    drafted(projects[0], office_user)
    url = reverse("risk:assessment_list")
    client.get(url)  # warm the session and the caches
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for project in projects[1:]:
        drafted(project, office_user)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('data-testid="risk-row"') == 8


def test_the_list_filters_by_level_status_and_plan(
    project: Project, other_project: Project, sign_off: SignOff, client: Client, office_user: User
) -> None:
    sign_off(project, score=1)
    drafted(other_project, office_user)
    client.force_login(office_user)
    url = reverse("risk:assessment_list")

    def rows(**query: str | int) -> int:
        return client.get(url, query).content.decode().count('data-testid="risk-row"')

    assert rows() == 2
    assert rows(level="high") == 1
    assert rows(status="submitted") == 1
    assert rows(plan=other_project.plan_id) == 1
    assert rows(level="low") == 0


def test_a_clerk_lists_only_the_assessments_of_projects_of_their_unit(
    project: Project, other_project: Project, office_user: User, client: Client, clerk_user: User
) -> None:
    own = drafted(project, office_user)
    other = drafted(other_project, office_user)
    client.force_login(clerk_user)

    page = client.get(reverse("risk:assessment_list")).content.decode()

    assert page.count('data-testid="risk-row"') == 1
    assert reverse("risk:assessment", args=[own.pk]) in page
    assert reverse("risk:assessment", args=[other.pk]) not in page


def test_the_clerk_drafts_and_submits_on_the_page(project: Project, client: Client, clerk_user: User) -> None:
    client.force_login(clerk_user)
    response = client.post(reverse("risk:assessment_start", args=[project.pk]))
    assessment = Assessment.objects.get()
    assert response["Location"] == reverse("risk:assessment", args=[assessment.pk])
    edit = reverse("risk:assessment_edit", args=[assessment.pk])
    client.post(edit, {"action": "risk_add", "description": "征地补偿争议", "likelihood": 3, "impact": 4})
    data: dict[str, object] = {"action": "submit", "version": assessment.version, "summary": "总体可控"}
    for dimension in ("legality", "rationality", "feasibility", "controllability"):
        data[f"score_{dimension}"] = 4
        data[f"evidence_{dimension}"] = "有依据"

    client.post(edit, data)

    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert assessment.risks.get().impact == 4
    page = client.get(reverse("risk:assessment", args=[assessment.pk])).content.decode()
    assert "已报送" in page and 'data-testid="risk-sign-off"' not in page


def test_the_office_signs_off_on_the_page_and_the_project_page_shows_the_hold(
    project: Project, client: Client, clerk_user: User, office_user: User
) -> None:
    assessment = drafted(project, clerk_user, score=1)
    client.force_login(office_user)

    client.post(
        reverse("risk:assessment_review", args=[assessment.pk]),
        {"action": "sign_off", "version": assessment.version},
    )

    project.refresh_from_db()
    assert project.start_held
    page = client.get(reverse("web:project_detail", args=[project.pk])).content.decode()
    assert 'data-testid="project-risk-hold"' in page
    assert reverse("risk:project", args=[project.pk]) in page


def test_the_rule_page_saves_with_history(client: Client, office_user: User) -> None:
    client.force_login(office_user)
    data = {
        "version": 1,
        "assess_safety": "on",
        "scale_max": 10,
        "score_high_at": 3,
        "score_medium_at": 5,
        "product_high_at": 16,
        "product_medium_at": 9,
    }

    response = client.post(reverse("risk:rule"), data)

    assert response.status_code == 302
    rule = RiskRule.objects.get()
    assert (rule.assess_safety, rule.scale_max, rule.product_high_at) == (True, 10, 16)
    page = client.get(reverse("risk:rule")).content.decode()
    assert 'data-testid="risk-rule-history"' in page and "10 / 3 / 5 / 16 / 9" in page


def test_a_rule_out_of_order_is_refused_with_the_message(client: Client, office_user: User) -> None:
    client.force_login(office_user)
    data = {
        "version": 1,
        "scale_max": 5,
        "score_high_at": 4,
        "score_medium_at": 2,
        "product_high_at": 15,
        "product_medium_at": 8,
    }

    response = client.post(reverse("risk:rule"), data)

    assert response.status_code == 400
    assert "评分阈值" in response.content.decode()
    assert not RiskRule.objects.exists()


def test_the_docx_is_the_assessment_in_the_official_layout(
    project: Project, clerk_user: User, office_user: User, client: Client
) -> None:
    assessment = assessment_create(project=project, by=clerk_user)
    group_add(assessment=assessment, by=clerk_user, name="沿街商户", concerns="经营受影响")
    risk_add(
        assessment=assessment, by=clerk_user, description="群体上访", likelihood=3, impact=5, owner="区信访局"
    )
    scores = {d: (1 if d == "legality" else 4, f"{d}的依据") for d in DIMENSIONS}
    assessment = assessment_save(
        assessment=assessment, by=clerk_user, version=1, summary="总体可控", scores=scores
    )
    assessment = assessment_submit(assessment=assessment, by=clerk_user, version=assessment.version)
    assessment_sign_off(assessment=assessment, by=office_user, version=assessment.version)
    client.force_login(clerk_user)

    response = client.get(reverse("risk:assessment_docx", args=[assessment.pk]))

    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "社会稳定风险评估报告" in text
    assert "风险等级：高风险。" in text
    assert "沿街商户：经营受影响" in text
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["合法性", "1", "legality的依据"] in cells
    assert ["可控性", "4", "controllability的依据"] in cells
    assert ["群体上访", "3", "5", "", "区信访局"] in cells


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_file_is_kept_by_the_evidence_rules_and_read_by_who_sees_the_project(
    project: Project, client: Client, clerk_user: User, outsider_clerk: User, settings: Any, tmp_path: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path / "media"
    assessment = assessment_create(project=project, by=clerk_user)
    client.force_login(clerk_user)
    edit = reverse("risk:assessment_edit", args=[assessment.pk])

    client.post(
        edit, {"action": "file_add", "dimension": "legality", "file": SimpleUploadedFile("听证.pdf", PDF)}
    )
    refused = client.post(
        edit,
        {"action": "file_add", "file": SimpleUploadedFile("伪装.pdf", b"MZ\x90\x00 not a pdf")},
        follow=True,
    )

    kept = assessment.files.get()
    assert (kept.original_name, kept.dimension, kept.content_type) == (
        "听证.pdf",
        "legality",
        "application/pdf",
    )
    assert "伪装.pdf" in refused.content.decode()  # the refusal names the file
    download = client.get(reverse("risk:file_download", args=[kept.pk]))
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    client.force_login(outsider_clerk)
    assert client.get(reverse("risk:file_download", args=[kept.pk])).status_code == 404


def test_the_assessment_page_costs_the_same_queries_with_more_rows(
    project: Project, client: Client, clerk_user: User, django_assert_max_num_queries: Any
) -> None:
    assessment = assessment_create(project=project, by=clerk_user)
    client.force_login(clerk_user)
    url = reverse("risk:assessment", args=[assessment.pk])
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for n in range(6):
        group_add(assessment=assessment, by=clerk_user, name=f"群体{n}")
        risk_add(assessment=assessment, by=clerk_user, description=f"风险{n}", likelihood=2, impact=2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("风险5") == 1 and "群体5" in page


def test_the_list_is_paginated_keeping_its_filters(
    store_plan: Callable[..., Plan], client: Client, office_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reformtrack.risk import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    plan = store_plan(b"paged", chapters=1, projects=3, children=0, measures=0)
    for project in plan.projects.all():
        drafted(project, office_user)
    client.force_login(office_user)

    url = reverse("risk:assessment_list")
    first = client.get(url, {"status": "submitted"}).content.decode()
    second = client.get(url, {"status": "submitted", "page": "2"}).content.decode()

    assert first.count('data-testid="risk-row"') == 2 and "1 / 2" in first
    assert "page=2&amp;level=&amp;status=submitted" in first
    assert second.count('data-testid="risk-row"') == 1
