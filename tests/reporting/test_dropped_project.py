"""A project dropped by a plan amendment (方案调整): its reports and orders stay and still open, and
the live ledger (lists, roll-ups, what a unit owes, reminders, lights) no longer counts it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.models import Plan, Project, Unit
from reformtrack.ledger.selectors import plan_list, plan_progress_report
from reformtrack.ledger.services_amend import amendment_open, amendment_revert, project_drop
from reformtrack.reminders.choices import ReminderKind
from reformtrack.reminders.selectors import reminders_due
from reformtrack.reporting.models import ProgressReport, ReportingCycle
from reformtrack.reporting.selectors import reports_owed
from reformtrack.supervision.choices import OrderGrade
from reformtrack.supervision.models import SupervisionOrder
from reformtrack.supervision.services import order_issue

pytestmark = pytest.mark.django_db

DAY = dt.date(2014, 3, 20)


def _drop(plan: Plan, project: Project, office_user: User) -> None:
    amendment = amendment_open(plan=plan, by=office_user, title="调整", reason="区委决定", decided_on=DAY)
    project_drop(amendment=amendment, by=office_user, project=project, reason="已完成整合")


def test_reports_and_orders_of_a_dropped_project_still_open(
    plan: Plan,
    project: Project,
    report: ProgressReport,
    lead_unit: Unit,
    office_user: User,
    clerk_user: User,
    client: Client,
) -> None:
    order = order_issue(
        by=office_user,
        unit=lead_unit,
        project=project,
        reason="进度滞后",
        requirements="限期整改",
        response_due=dt.date(2014, 4, 30),
        grade=OrderGrade.BLUE,
    )
    _drop(plan, project, office_user)

    assert ProgressReport.objects.get(pk=report.pk).project == project
    assert SupervisionOrder.objects.get(pk=order.pk).project == project
    for user in (office_user, clerk_user):
        client.force_login(user)
        assert client.get(reverse("reporting:report_detail", args=[report.pk])).status_code == 200
        assert client.get(reverse("supervision:order_detail", args=[order.pk])).status_code == 200
        page = client.get(reverse("web:project_detail", args=[project.pk]))
        assert page.status_code == 200 and b'data-testid="project-dropped"' in page.content


def test_the_live_ledger_leaves_a_dropped_project_out(
    plan: Plan, project: Project, cycle: ReportingCycle, office_user: User, clerk_user: User
) -> None:
    other = plan.projects.exclude(pk=project.pk).get(level=1)
    Project.objects.filter(pk=project.pk).update(progress=100)
    Project.objects.filter(pk=other.pk).update(progress=20)
    before = plan_progress_report(plan).progress
    owed_before = {o.project.pk for o in reports_owed(clerk_user, DAY)}
    assert project.pk in owed_before

    _drop(plan, project, office_user)

    assert plan_list().get(pk=plan.pk).project_count == 1
    assert before != plan_progress_report(plan).progress == 20
    assert project.pk not in {o.project.pk for o in reports_owed(clerk_user, DAY)}
    chased = {
        due.object_ref for due in reminders_due(dt.date(2013, 12, 31)) if due.kind == ReminderKind.PROJECT
    }
    assert str(project.pk) not in chased and str(other.pk) in chased
    assert not Project.objects.restrict(office_user, "view").filter(pk=project.pk).exists()


def test_a_reverted_drop_brings_the_project_back(plan: Plan, project: Project, office_user: User) -> None:
    amendment = amendment_open(plan=plan, by=office_user, title="调整", reason="区委决定", decided_on=DAY)
    project_drop(amendment=amendment, by=office_user, project=project, reason="已完成整合")
    amendment_revert(amendment=amendment, by=office_user, reason="恢复", decided_on=DAY)
    assert plan_list().get(pk=plan.pk).project_count == 2
    assert project.measures.count() == Project.all_objects.get(pk=project.pk).measures.count() > 0
