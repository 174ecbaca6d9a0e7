"""An accepted report moves its project: the progress, and the status that progress implies."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from reformtrack.ledger.choices import ProjectStatus
from reformtrack.ledger.models import Project
from reformtrack.reporting.models import ProgressReport
from reformtrack.reporting.services import report_accept, report_save_draft, report_submit

pytestmark = pytest.mark.django_db


def _accept(report: ProgressReport, clerk: User, office: User, **fields: object) -> Project:
    report = report_save_draft(report=report, by=clerk, version=report.version, done="进展", **fields)
    report = report_submit(report=report, by=clerk, version=report.version)
    report_accept(report=report, by=office, version=report.version)
    return Project.objects.get(pk=report.project_id)


def test_a_first_report_starts_the_project(
    report: ProgressReport, clerk_user: User, office_user: User
) -> None:
    assert report.project.status == ProjectStatus.NOT_STARTED

    project = _accept(report, clerk_user, office_user, percent_complete=30)

    assert (project.status, project.progress) == (ProjectStatus.IN_PROGRESS, 30)


@pytest.mark.parametrize(
    "fields", [{"percent_complete": 100}, {"percent_complete": 90, "reported_status": "completed"}]
)
def test_a_report_of_the_finished_project_completes_it(
    fields: dict[str, object], report: ProgressReport, clerk_user: User, office_user: User
) -> None:
    project = _accept(report, clerk_user, office_user, **fields)

    assert (project.status, project.progress) == (ProjectStatus.COMPLETED, 100)
    assert project.light == "green"
    reason = project.history.latest("history_date").history_change_reason
    assert "status" in reason and "progress" in reason


def test_a_suspended_project_stays_suspended_on_a_partial_report(
    report: ProgressReport, clerk_user: User, office_user: User
) -> None:
    Project.objects.filter(pk=report.project_id).update(status=ProjectStatus.SUSPENDED)

    project = _accept(report, clerk_user, office_user, percent_complete=50)

    assert (project.status, project.progress) == (ProjectStatus.SUSPENDED, 50)
