"""A project marked completed gets its evaluation opened (through the ledger's ``project_changed``),
due in DUE_DAYS days; the office sets another date; a project already evaluated gets no second."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reformtrack.evaluation.models import Evaluation
from reformtrack.evaluation.services import DUE_DAYS
from reformtrack.ledger.models import Project
from reformtrack.ledger.services import project_update

pytestmark = pytest.mark.django_db


def test_completing_a_project_opens_its_evaluation_once(project: Project, office_user: User) -> None:
    project = project_update(project=project, by=office_user, version=project.version, status="in_progress")
    assert not Evaluation.objects.exists()

    project = project_update(project=project, by=office_user, version=project.version, status="completed")
    evaluation = Evaluation.objects.get(project=project)
    assert evaluation.due == timezone.localdate() + dt.timedelta(days=DUE_DAYS)
    assert evaluation.opened_by == office_user and evaluation.status == "self"

    project = project_update(project=project, by=office_user, version=project.version, progress=100)
    assert Evaluation.objects.count() == 1


def test_the_office_sets_the_due_date_and_the_project_page_links_the_evaluation(
    project: Project, office_user: User, counit_user: User, client: Client
) -> None:
    project_update(project=project, by=office_user, version=project.version, status="completed")
    evaluation = Evaluation.objects.get(project=project)
    client.force_login(office_user)

    response = client.post(
        reverse("evaluation:due", args=[evaluation.pk]), {"version": evaluation.version, "due": "2016-03-31"}
    )

    assert response.status_code == 302
    assert Evaluation.objects.get(pk=evaluation.pk).due == dt.date(2016, 3, 31)
    client.force_login(counit_user)
    page = client.get(reverse("web:project_detail", args=[project.pk])).content.decode()
    assert reverse("evaluation:detail", args=[evaluation.pk]) in page
    assert 'data-testid="project-evaluation-open"' not in page  # only the office opens one


def test_an_accepted_report_that_completes_the_project_opens_its_evaluation(
    project: Project, clerk_user: User, office_user: User
) -> None:
    from reformtrack.ledger.models import Unit
    from reformtrack.reporting.choices import Frequency
    from reformtrack.reporting.models import ReportingCycle
    from reformtrack.reporting.services import report_accept, report_save_draft, report_start, report_submit

    cycle = ReportingCycle.objects.create(
        plan=project.plan,
        name="2014年月度进展",
        frequency=Frequency.MONTHLY,
        start=dt.date(2014, 1, 1),
        end=dt.date(2014, 12, 31),
    )
    unit = Unit.objects.get(name="区经济促进局")
    report = report_start(
        cycle=cycle, period_start=dt.date(2014, 3, 1), project=project, unit=unit, by=clerk_user
    )
    report = report_save_draft(
        report=report, by=clerk_user, version=report.version, done="全部完成", percent_complete=100
    )
    report = report_submit(report=report, by=clerk_user, version=report.version)
    assert not Evaluation.objects.exists()

    report_accept(report=report, by=office_user, version=report.version)

    evaluation = Evaluation.objects.get(project=project)
    assert evaluation.opened_by == office_user and evaluation.status == "self"
