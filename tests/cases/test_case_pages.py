"""The case pages: a stale edit is refused with who saved first, the forms keep what was typed,
refused steps say why, actions are POST only, and the figures follow the case's state."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.urls import reverse

from reformtrack.cases.choices import CaseStatus
from reformtrack.cases.models import Case
from reformtrack.cases.services import case_update
from reformtrack.ledger.models import Project, TargetValue

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client

    from .conftest import MakeCase


def test_a_stale_edit_is_refused_with_who_saved_first(
    make_case: MakeCase, client: Client, clerk_user: User, unit_lead_user: User
) -> None:
    case = make_case()
    opened_at = case.version
    case_update(case=case, by=unit_lead_user, version=opened_at, title="改革分管领导先改")
    client.force_login(clerk_user)

    response = client.post(
        reverse("cases:case_edit", args=[case.pk]), {"title": "联络员后改", "version": str(opened_at)}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "unit_lead已先保存了该案例" in page and "联络员后改" in page  # what was typed stays
    assert Case.objects.get(pk=case.pk).title == "改革分管领导先改"


def test_the_clerk_drafts_with_other_projects_from_the_project_page(
    project: Project, client: Client, clerk_user: User
) -> None:
    sibling = Project.objects.filter(plan=project.plan).exclude(pk=project.pk).order_by("position")[0]
    client.force_login(clerk_user)

    response = client.post(
        reverse("cases:case_create", args=[project.pk]),
        {"title": "网商集聚区建设", "actions": "引进龙头企业", "other_projects": [str(sibling.pk)]},
    )

    case = Case.objects.get()
    assert response["Location"] == reverse("cases:case_detail", args=[case.pk])
    assert (case.project, case.status, list(case.other_projects.all())) == (
        project,
        CaseStatus.DRAFT,
        [sibling],
    )
    page = client.get(response["Location"]).content.decode()
    assert "网商集聚区建设" in page and "草稿" in page and sibling.title in page


def test_approving_a_draft_is_refused_with_a_message_and_changes_nothing(
    make_case: MakeCase, client: Client, office_user: User
) -> None:
    case = make_case()
    client.force_login(office_user)

    response = client.post(reverse("cases:case_approve", args=[case.pk]), {"version": "1"}, follow=True)

    assert "该案例当前为草稿，不能进行此操作。" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == CaseStatus.DRAFT


def test_steps_are_post_only(make_case: MakeCase, client: Client, office_user: User) -> None:
    case = make_case()
    client.force_login(office_user)

    for name in ("case_submit", "case_approve", "case_publish", "case_archive"):
        assert client.get(reverse(f"cases:{name}", args=[case.pk])).status_code == 405, name


def test_the_case_page_says_whether_its_figures_are_live_or_frozen(
    approved_case: Case, make_case: MakeCase, project: Project, client: Client, office_user: User
) -> None:
    TargetValue.objects.create(target=project.targets.get(), date=dt.date(2014, 9, 30), value=Decimal(3))
    draft = make_case(title="草稿案例")
    client.force_login(office_user)

    live = client.get(reverse("cases:case_detail", args=[draft.pk])).content.decode()
    frozen = client.get(reverse("cases:case_detail", args=[approved_case.pk])).content.decode()

    assert "台账当前数据" in live and "3 个" in live
    assert "截至案例审定时" in frozen and "3 个" not in frozen  # approved before the value came
