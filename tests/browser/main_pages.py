"""The main pages of the site, as the office and a unit clerk open them: shared by the width test
(test_widths.py) and the accessibility audit (test_accessibility.py).

Each page is visited with some work on it: the sample plan, a progress report and a supervision
order of the clerk's unit, a bulletin and a notification, so that the tables have rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.urls import reverse

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan, Project

# tests/conftest.py's attach_work fixture: a report and an order on a project
AttachWork = Callable[..., tuple[int, int]]


@dataclass(frozen=True)
class MainPage:
    """A page by a short name (used in screenshot file names and failure messages) and its path."""

    name: str
    path: str


def main_pages(*, plan: Plan, user: User, office_only: bool) -> list[MainPage]:
    """The pages of the site's navigation and the objects one click away: the import wizard only for
    the office (a clerk is refused it)."""
    from reformtrack.ledger.models import Project

    project = Project.objects.restrict(user, "view").filter(plan=plan, level=1).order_by("position").first()
    assert project is not None, user
    # a clerk's own unit; for the office the lead unit of the first project
    unit = user.profile.unit or project.units.order_by("pk").first()
    assert unit is not None, project
    pages = [
        MainPage("dashboard", reverse("web:dashboard")),
        MainPage("project-list", reverse("ledger:project_list")),
        MainPage("library-search", reverse("ledger:project_list") + "?q=改革"),
        MainPage("project-detail", reverse("web:project_detail", args=[project.pk])),
        MainPage("roadmap", reverse("web:roadmap")),
        MainPage("my-work", reverse("web:my_work")),
        MainPage("unit-list", reverse("ledger:unit_list")),
        MainPage("unit-detail", reverse("ledger:unit_detail", args=[unit.pk])),
        MainPage("reports", reverse("reporting:my_reports")),
        MainPage("orders", reverse("supervision:order_list")),
        MainPage("bulletins", reverse("supervision:bulletin_list")),
        MainPage("decisions", reverse("supervision:decision_list")),
        MainPage("notifications", reverse("reminders:notifications")),
        MainPage("appraisal", reverse("appraisal:index")),
        MainPage("appraisal-bonus", reverse("appraisal:bonus")),
        MainPage("award-calls", reverse("award:call_list")),
        MainPage("evaluations", reverse("evaluation:list")),
    ]
    pages.extend(_work_pages(user))
    pages.extend(_study_pages(user))
    if office_only:
        pages.append(MainPage("import", reverse("imports:index")))
        pages.extend(_office_forms(plan))
    return pages


def _work_pages(user: User) -> list[MainPage]:
    """The work one click from the lists, as far as the user may see it: a report (and its form
    while it is a draft the user may edit), an order, a bulletin, and the person's notice choices."""
    from reformtrack.reporting.models import ProgressReport
    from reformtrack.supervision.models import Bulletin, SupervisionOrder

    pages = [MainPage("notice-preferences", reverse("reminders:preferences"))]
    report = ProgressReport.objects.restrict(user, "view").order_by("pk").first()
    if report is not None:
        pages.append(MainPage("report-detail", reverse("reporting:report_detail", args=[report.pk])))
        if ProgressReport.objects.restrict(user, "change").filter(pk=report.pk).exists():
            pages.append(MainPage("report-form", reverse("reporting:report_edit", args=[report.pk])))
    order = SupervisionOrder.objects.restrict(user, "view").order_by("pk").first()
    if order is not None:
        pages.append(MainPage("order-detail", reverse("supervision:order_detail", args=[order.pk])))
    bulletin = Bulletin.objects.restrict(user, "view").order_by("pk").first()
    if bulletin is not None:
        pages.append(MainPage("bulletin-detail", reverse("supervision:bulletin_detail", args=[bulletin.pk])))
    from reformtrack.supervision.models import Decision

    decision = Decision.objects.restrict(user, "view").order_by("pk").first()
    if decision is not None:
        pages.append(MainPage("decision-detail", reverse("supervision:decision_detail", args=[decision.pk])))
    from reformtrack.evaluation.models import Evaluation

    evaluation = Evaluation.objects.restrict(user, "view").order_by("pk").first()
    if evaluation is not None:
        pages.append(MainPage("evaluation-detail", reverse("evaluation:detail", args=[evaluation.pk])))
    return pages


def _study_pages(user: User) -> list[MainPage]:
    """The pre-decision studies: their list, a study and (for whoever may write it) its form."""
    from reformtrack.studies.models import Study
    from reformtrack.studies.permissions import can_edit_study

    pages = [MainPage("studies", reverse("studies:list"))]
    study = Study.objects.restrict(user, "view").select_related("project").order_by("pk").first()
    if study is not None:
        pages.append(MainPage("study-detail", reverse("studies:detail", args=[study.pk])))
        if can_edit_study(user, study):
            pages.append(MainPage("study-form", reverse("studies:edit", args=[study.pk])))
    return pages


def _office_forms(plan: Plan) -> list[MainPage]:
    """The coordinating office's forms and the plan's amendments."""
    return [
        MainPage("bulletin-form", reverse("supervision:bulletin_create")),
        MainPage("order-form", reverse("supervision:order_issue")),
        MainPage("cycle-form", reverse("reporting:cycle_create")),
        MainPage("review-queue", reverse("reporting:review_queue")),
        MainPage("amendments", reverse("ledger:amendment_list", args=[plan.pk])),
        MainPage("progress-upload", reverse("imports:progress_upload")),
    ]


def put_work_on(*, plan: Plan, office: User, clerk: User, attach_work: AttachWork) -> None:
    """Rows for the tables of the pages: a report and an order on a project the clerk's unit leads,
    a bulletin, and a notification for each of the two."""
    from reformtrack.ledger.models import Project
    from reformtrack.reminders.models import Notification
    from reformtrack.reporting.models import ProgressReport
    from reformtrack.supervision.models import SupervisionOrder
    from reformtrack.supervision.services import bulletin_create

    unit = clerk.profile.unit
    project = Project.objects.filter(plan=plan, level=1, units=unit).order_by("position").first()
    assert project is not None, unit
    report_id, order_id = attach_work(project, office)
    from reformtrack.evaluation.services import evaluation_open

    evaluation_open(project=project, by=office)  # at its first step: the clerk's form, the office's
    # attach_work gives both to the project's first unit; here they are the clerk's unit's
    ProgressReport.objects.filter(pk=report_id).update(unit=unit)
    SupervisionOrder.objects.filter(pk=order_id).update(unit=unit)
    bulletin_create(
        by=office,
        title="2014年第一季度改革工作进展通报",
        period_start=dt.date(2014, 1, 1),
        period_end=dt.date(2014, 3, 31),
    )
    _decision_on(unit, office)
    _put_study_on(project, clerk)
    for user in (office, clerk):
        Notification.objects.create(
            recipient=user,
            title="进展报告已退回",
            body="请补充第一季度的工作进展。",
            url=reverse("web:project_detail", args=[project.pk]),
        )


def _decision_on(unit: Any, office: User) -> None:
    """A rectification about the clerk's unit, for the decisions' list and page."""
    from decimal import Decimal

    from django.utils import timezone

    from reformtrack.supervision.decision_services import decision_record

    decision_record(
        by=office,
        kind="rectification",
        unit=unit,
        reason="改革项目逾期未完成，督办单逾期未回复",
        evidence="经督查室实地核查属实",
        points=Decimal("-3"),
        deadline=timezone.localdate() + dt.timedelta(days=30),
    )


def _put_study_on(project: Project, clerk: User) -> None:
    """A pre-decision study of the project with an option and a consultation, drafted by the clerk."""
    from reformtrack.studies.services import study_start
    from reformtrack.studies.services_entries import consultation_add, option_add

    study = study_start(project=project, by=clerk)
    option_add(study=study, by=clerk, description="设立区企业服务中心，集中办理企业事项", chosen=True)
    consultation_add(
        study=study,
        by=clerk,
        consulted="区政协委员、企业代表",
        method="hearing",
        held_on=dt.date(2013, 9, 10),
        opinions="赞成设立，建议一站式办理",
    )
