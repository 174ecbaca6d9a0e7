"""A project held by a high-risk assessment cannot start: every entry that starts or moves it refuses
(page, service, report, import wizard, spreadsheet update, command line), storing nothing; after
the office records a decision to go ahead, the same entries pass."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
import pytest
from click.testing import CliRunner
from django.urls import reverse
from django.utils import timezone

from reformtrack.cli import cli
from reformtrack.imports.errors import DraftError
from reformtrack.imports.services_progress import progress_draft_apply, progress_draft_create
from reformtrack.ledger.choices import ProjectStatus
from reformtrack.ledger.errors import StartHeld, TargetValueRefused
from reformtrack.ledger.models import Measure, Project, Unit
from reformtrack.ledger.services import measure_update, project_update, target_value_record
from reformtrack.ledger.services_progress import plan_progress_update
from reformtrack.reporting.errors import ReportError
from reformtrack.reporting.models import ProgressReport, ReportingCycle
from reformtrack.reporting.services import report_accept, report_save_draft, report_start, report_submit
from reformtrack.risk.choices import Decision
from reformtrack.risk.services import assessment_decide

from .conftest import OWN_UNIT, SignOff

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client

    from reformtrack.ingest.sheet_progress import ProgressRow

pytestmark = pytest.mark.django_db

MESSAGE = "社会稳定风险评估为高风险"
PERIOD = dt.date(2014, 3, 1)


@pytest.fixture
def held(project: Project, sign_off: SignOff) -> Project:
    """The clerk's unit's project, held by an assessment the office signed off as high."""
    sign_off(project, score=1)
    project.refresh_from_db()
    assert project.start_held
    return project


@pytest.fixture
def cycle(project: Project) -> ReportingCycle:
    # running today too, so that the wizard's report drafts have a current period
    end = dt.date(timezone.localdate().year, 12, 31)
    return ReportingCycle.objects.create(plan=project.plan, name="月报", start=dt.date(2014, 1, 1), end=end)


def _go_ahead(project: Project, office: User) -> None:
    assessment = project.risk_assessments.get()
    assessment_decide(
        assessment=assessment,
        by=office,
        version=assessment.version,
        decision=Decision.GO_AHEAD,
        reason="措施已落实",
    )
    project.refresh_from_db()


def _unchanged(project: Project) -> None:
    project.refresh_from_db()
    assert (project.status, project.progress) == (ProjectStatus.NOT_STARTED, 0)


def _rows(project: Project) -> list[ProgressRow]:
    from reformtrack.ingest.sheet_progress import ProgressRow

    return [
        ProgressRow(
            row=2,
            chapter="",
            project=f"{project.label}{project.title}",
            measure="",
            percent=30,
            status="in_progress",
            note="已启动",
        )
    ]


def _xlsx(project: Project) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["重点任务", "进度", "完成情况", "进展情况"])
    sheet.append([f"{project.label}{project.title}", "30%", "推进中", "已启动"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- services ---------------------------------------------------------------------------------


def test_the_ledger_service_refuses_in_progress_and_progress(held: Project, office_user: User) -> None:
    with pytest.raises(StartHeld, match=MESSAGE):
        project_update(project=held, by=office_user, version=held.version, status=ProjectStatus.IN_PROGRESS)
    with pytest.raises(StartHeld):
        project_update(project=held, by=office_user, version=held.version, progress=10)
    _unchanged(held)
    # what does not start it passes
    project_update(project=held, by=office_user, version=held.version, progress_note="评估中")


def test_a_measures_progress_is_refused(held: Project, office_user: User) -> None:
    with pytest.raises(StartHeld):
        measure_update(measure=held.measures.get(), by=office_user, progress=20)
    assert Measure.objects.get(project=held).progress == 0


def test_a_target_value_is_refused(held: Project, office_user: User) -> None:
    with pytest.raises(TargetValueRefused, match=MESSAGE):
        target_value_record(target=held.targets.get(), date=dt.date(2014, 6, 30), value=1, by=office_user)


def test_the_reports_are_refused_at_start_submit_and_accept(
    project: Project, sign_off: SignOff, cycle: ReportingCycle, clerk_user: User, office_user: User
) -> None:
    unit = Unit.objects.get(name=OWN_UNIT)
    # one report submitted and one drafted before the hold
    report = report_start(cycle=cycle, period_start=PERIOD, project=project, unit=unit, by=clerk_user)
    report = report_save_draft(
        report=report, by=clerk_user, version=report.version, done="完成调研", percent_complete=20
    )
    submitted = report_submit(report=report, by=clerk_user, version=report.version)
    later = report_start(
        cycle=cycle, period_start=dt.date(2014, 4, 1), project=project, unit=unit, by=clerk_user
    )
    sign_off(project, score=1)

    with pytest.raises(ReportError, match=MESSAGE):
        report_start(cycle=cycle, period_start=dt.date(2014, 5, 1), project=project, unit=unit, by=clerk_user)
    with pytest.raises(ReportError, match=MESSAGE):
        report_save_draft(report=later, by=clerk_user, version=later.version, done="推进")
    with pytest.raises(ReportError, match=MESSAGE):
        report_submit(report=later, by=clerk_user, version=later.version)
    with pytest.raises(ReportError, match=MESSAGE):
        report_accept(report=submitted, by=office_user, version=submitted.version)

    assert ProgressReport.objects.get(pk=submitted.pk).status == "submitted"
    assert ProgressReport.objects.count() == 2
    _unchanged(project)


def test_the_spreadsheet_update_is_refused_whole(held: Project, office_user: User) -> None:
    with pytest.raises(StartHeld):
        plan_progress_update(plan=held.plan, rows=_rows(held), by=office_user, source="进展.xlsx")
    _unchanged(held)


# --- pages, the import wizard and the command line ---------------------------------------------


def test_the_project_page_post_shows_the_message(held: Project, client: Client, office_user: User) -> None:
    client.force_login(office_user)
    data = {
        "title": held.title,
        "text": held.text,
        "version": held.version,
        "status": "in_progress",
        "progress": 30,
    }

    response = client.post(reverse("ledger:project_edit", args=[held.pk]), data)

    assert response.status_code in (200, 400)
    assert MESSAGE in response.content.decode()
    _unchanged(held)


def test_the_report_page_refuses_with_the_message(
    held: Project, cycle: ReportingCycle, client: Client, clerk_user: User
) -> None:
    client.force_login(clerk_user)
    data = {
        "cycle": cycle.pk,
        "period_start": "2014-03-01",
        "project": held.pk,
        "unit": Unit.objects.get(name=OWN_UNIT).pk,
    }

    response = client.post(reverse("reporting:report_start"), data)

    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("how", ["office", "reports"])
def test_the_progress_import_wizard_refuses(
    how: str, held: Project, cycle: ReportingCycle, client: Client, office_user: User
) -> None:
    draft = progress_draft_create(
        owner=office_user, plan=held.plan, filename="进展.xlsx", content=_xlsx(held)
    )
    client.force_login(office_user)

    response = client.post(reverse("imports:progress", args=[draft.pk]), {"how": how})

    assert MESSAGE in response.content.decode()
    _unchanged(held)
    assert not ProgressReport.objects.exists()
    with pytest.raises(DraftError, match=MESSAGE):
        progress_draft_apply(draft=draft, by=office_user, as_reports=how == "reports")


def _cli_ledger(project: Project, tmp_path: Path) -> Path:
    path = tmp_path / "进展.xlsx"
    path.write_bytes(_xlsx(project))
    return path


def test_the_command_line_update_is_refused(held: Project, office_user: User, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["import", "--progress", str(held.plan_id), str(_cli_ledger(held, tmp_path))]
    )

    assert result.exit_code == 2, result.output
    assert "nothing was stored" in result.stderr
    _unchanged(held)


# --- after the decision to go ahead ------------------------------------------------------------


def test_after_go_ahead_every_entry_passes(
    held: Project, cycle: ReportingCycle, office_user: User, clerk_user: User, tmp_path: Path
) -> None:
    _go_ahead(held, office_user)
    unit = Unit.objects.get(name=OWN_UNIT)

    report = report_start(cycle=cycle, period_start=PERIOD, project=held, unit=unit, by=clerk_user)
    report = report_save_draft(
        report=report, by=clerk_user, version=report.version, done="完成调研", percent_complete=20
    )
    report = report_submit(report=report, by=clerk_user, version=report.version)
    report_accept(report=report, by=office_user, version=report.version)
    held.refresh_from_db()
    assert (held.status, held.progress) == (ProjectStatus.IN_PROGRESS, 20)

    measure_update(measure=held.measures.get(), by=office_user, progress=40)
    plan_progress_update(plan=held.plan, rows=_rows(held), by=office_user, source="进展.xlsx")
    result = CliRunner().invoke(
        cli, ["import", "--progress", str(held.plan_id), str(_cli_ledger(held, tmp_path))]
    )
    assert result.exit_code == 0, result.output
    held.refresh_from_db()
    assert held.progress == 30


def test_after_go_ahead_the_page_and_the_wizard_pass(
    held: Project, client: Client, office_user: User
) -> None:
    _go_ahead(held, office_user)
    client.force_login(office_user)
    data = {
        "title": held.title,
        "text": held.text,
        "version": held.version,
        "status": "in_progress",
        "progress": 5,
    }

    assert client.post(reverse("ledger:project_edit", args=[held.pk]), data).status_code == 302
    draft = progress_draft_create(
        owner=office_user, plan=held.plan, filename="进展.xlsx", content=_xlsx(held)
    )
    client.post(reverse("imports:progress", args=[draft.pk]), {"how": "office"})

    held.refresh_from_db()
    assert (held.status, held.progress, held.progress_note) == (ProjectStatus.IN_PROGRESS, 30, "已启动")
