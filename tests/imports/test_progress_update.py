"""A ledger's progress update of a stored plan in the wizard: uploaded for the plan, previewed per
project with each row that cannot be applied, applied in one transaction as the office's update."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import TYPE_CHECKING

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from reformtrack.imports.errors import DraftError
from reformtrack.imports.models import ImportDraft
from reformtrack.imports.services import draft_confirm
from reformtrack.imports.services_progress import progress_draft_apply, progress_draft_create
from reformtrack.ingest import IngestError
from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.models import Plan, Project
from reformtrack.reporting.choices import ReportedStatus, ReportStatus
from reformtrack.reporting.models import ProgressReport, ReportingCycle

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client

HEADER = ["重点任务", "进度", "完成情况", "进展情况"]


def xlsx(rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [HEADER, *rows]:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def plan(store_plan: Callable[..., Plan]) -> Plan:
    return store_plan(chapters=1, projects=2, measures=0, children=0)


GOOD = [["（1）项目1-1", "60%", "推进中", "已完成方案起草"], ["（2）项目1-2", "100", "已完成", ""]]


def test_the_update_is_applied_as_the_offices_with_history(plan: Plan, office_user: User) -> None:
    draft = progress_draft_create(owner=office_user, plan=plan, filename="进展.xlsx", content=xlsx(GOOD))
    assert Project.objects.get(plan=plan, title="项目1-1").progress == 0  # nothing before confirming

    applied = progress_draft_apply(draft=draft, by=office_user)

    assert applied.rows == 2
    first = Project.objects.get(plan=plan, title="项目1-1")
    assert (first.progress, first.status, first.progress_note) == (60, "in_progress", "已完成方案起草")
    last = first.history.latest()
    assert last.history_user == office_user and "进展.xlsx" in (last.history_change_reason or "")
    assert Project.objects.get(plan=plan, title="项目1-2").status == "completed"
    assert not ImportDraft.objects.exists()


def test_an_unknown_project_stores_nothing(plan: Plan, office_user: User) -> None:
    content = xlsx([*GOOD, ["（9）没有这个项目", "10%", "", ""]])
    draft = progress_draft_create(owner=office_user, plan=plan, filename="进展.xlsx", content=content)
    with pytest.raises(DraftError, match="1 rows cannot be applied"):
        progress_draft_apply(draft=draft, by=office_user)
    assert Project.objects.get(plan=plan, title="项目1-1").progress == 0
    assert ImportDraft.objects.filter(pk=draft.pk).exists()


def test_a_sheet_without_progress_columns_is_refused(plan: Plan, office_user: User) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["重点任务", "牵头单位"])
    sheet.append(["（1）项目1-1", "区发改局"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(IngestError, match="no column holds progress"):
        progress_draft_create(owner=office_user, plan=plan, filename="x.xlsx", content=out.getvalue())
    assert not ImportDraft.objects.exists()


def test_a_progress_draft_is_never_imported_as_a_plan(plan: Plan, office_user: User) -> None:
    draft = progress_draft_create(owner=office_user, plan=plan, filename="进展.xlsx", content=xlsx(GOOD))
    with pytest.raises(DraftError, match="progress update"):
        draft_confirm(draft=draft, by=office_user)
    assert Plan.objects.count() == 1


def test_the_preview_shows_changes_and_row_problems(
    client: Client, plan: Plan, office_user: User, django_assert_max_num_queries: object
) -> None:
    content = xlsx([*GOOD, ["（9）没有这个项目", "10%", "", ""], ["（1）项目1-1", "很多", "", ""]])
    client.force_login(office_user)
    upload = io.BytesIO(content)
    upload.name = "进展.xlsx"
    response = client.post(reverse("imports:progress_upload"), {"plan": plan.pk, "document": upload})
    assert response.status_code == 302
    draft = ImportDraft.objects.get()
    assert response["Location"] == reverse("imports:progress", args=[draft.pk])

    with django_assert_max_num_queries(10):  # type: ignore[operator]
        response = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="zh-hans")
    page = response.content.decode()
    assert response.status_code == 200
    # an unreadable value is found while reading: its row is listed, and nothing can be applied
    assert "无法识别的值“很多”" in page
    assert 'data-testid="progress-apply" disabled' in page

    draft.delete()
    upload = io.BytesIO(xlsx([*GOOD, ["（9）没有这个项目", "10%", "", ""]]))
    upload.name = "进展.xlsx"
    response = client.post(reverse("imports:progress_upload"), {"plan": plan.pk, "document": upload})
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "方案中没有项目“（9）没有这个项目”" in page
    assert "（1）项目1-1" in page and "<strong>60%</strong>" in page and "<strong>推进中</strong>" in page
    response = client.post(reverse("imports:progress", args=[ImportDraft.objects.get().pk]))
    assert response.status_code == 409
    assert Project.objects.get(plan=plan, title="项目1-1").progress == 0


def test_a_file_that_is_no_ledger_is_refused_on_the_form(
    client: Client, plan: Plan, office_user: User
) -> None:
    client.force_login(office_user)
    upload = io.BytesIO(b"not a spreadsheet")
    upload.name = "进展.csv"
    response = client.post(
        reverse("imports:progress_upload"),
        {"plan": plan.pk, "document": upload},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    assert "无法读取该台账" in response.content.decode()
    assert not ImportDraft.objects.exists()


def test_the_importers_refusal_is_worded_in_chinese_on_the_form(
    client: Client, plan: Plan, office_user: User
) -> None:
    client.force_login(office_user)
    upload = io.BytesIO("重点任务,牵头单位\n（1）项目1-1,区发改局\n".encode())
    upload.name = "进展.csv"
    response = client.post(
        reverse("imports:progress_upload"),
        {"plan": plan.pk, "document": upload},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "进展.csv：没有记录进展的列；进展更新需要进度、完成情况或进展情况列" in html
    assert "no column holds progress" not in html


def test_the_update_can_draft_the_lead_units_reports_instead(plan: Plan, office_user: User) -> None:
    today = timezone.localdate()
    cycle = ReportingCycle.objects.create(
        plan=plan, name="月报", start=today - dt.timedelta(days=40), end=today + dt.timedelta(days=90)
    )
    project = Project.objects.get(plan=plan, title="项目1-1")
    leads = set(project.project_units.filter(role=UnitRole.LEAD).values_list("unit_id", flat=True))
    submitted = ProgressReport.objects.create(
        cycle=cycle,
        period_start=today.replace(day=1),
        period_end=today,
        project=Project.objects.get(plan=plan, title="项目1-2"),
        unit_id=min(leads),
        status=ReportStatus.SUBMITTED,
    )
    draft = progress_draft_create(owner=office_user, plan=plan, filename="进展.xlsx", content=xlsx(GOOD))

    applied = progress_draft_apply(draft=draft, by=office_user, as_reports=True)

    # two lead units on each of two projects; the one report already submitted is left alone
    assert (applied.rows, applied.drafted, applied.skipped) == (2, 3, 1)
    reports = ProgressReport.objects.filter(project=project, status=ReportStatus.DRAFT)
    assert set(reports.values_list("unit_id", flat=True)) == leads
    assert {(r.percent_complete, r.reported_status, r.done) for r in reports} == {
        (60, ReportedStatus.ON_TRACK, "已完成方案起草")
    }
    assert reports.first().history.latest().history_user == office_user  # type: ignore[union-attr]
    submitted.refresh_from_db()
    assert (submitted.status, submitted.percent_complete) == (ReportStatus.SUBMITTED, 0)
    project.refresh_from_db()
    assert project.progress == 0  # the project changes when the office accepts a report
    assert not ImportDraft.objects.exists()


def test_report_drafts_need_a_running_reporting_cycle(plan: Plan, office_user: User) -> None:
    draft = progress_draft_create(owner=office_user, plan=plan, filename="进展.xlsx", content=xlsx(GOOD))
    with pytest.raises(DraftError, match="no reporting cycle running"):
        progress_draft_apply(draft=draft, by=office_user, as_reports=True)
    assert not ProgressReport.objects.exists()
    assert ImportDraft.objects.filter(pk=draft.pk).exists()


def test_drafting_reports_without_a_cycle_is_refused_on_the_page(
    client: Client, plan: Plan, office_user: User
) -> None:
    draft = progress_draft_create(owner=office_user, plan=plan, filename="进展.xlsx", content=xlsx(GOOD))
    client.force_login(office_user)
    url = reverse("imports:progress", args=[draft.pk])
    assert (
        "生成牵头单位的填报草稿供其审核" in client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    )

    response = client.post(url, {"how": "reports"}, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 409
    assert "该方案今天没有进行中的填报周期" in response.content.decode()
    assert not ProgressReport.objects.exists()
    assert Project.objects.get(plan=plan, title="项目1-1").progress == 0
