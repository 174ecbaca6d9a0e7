"""The main pages of the site, as the office and a unit clerk open them: shared by the width test
(test_widths.py) and the accessibility audit (test_accessibility.py).

Each page is visited with some work on it: the sample plan, a progress report and a supervision
order of the clerk's unit, a bulletin and a notification, so that the tables have rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan

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
        MainPage("notifications", reverse("reminders:notifications")),
    ]
    if office_only:
        pages.append(MainPage("import", reverse("imports:index")))
    return pages


def put_work_on(*, plan: Plan, office: User, clerk: User, attach_work: AttachWork) -> None:
    """Rows for the tables of the pages: a report and an order on a project the clerk's unit leads,
    a bulletin, and a notification for each of the two."""
    from reformtrack.ledger.models import Project
    from reformtrack.reminders.models import Notification
    from reformtrack.supervision.services import bulletin_create

    unit = clerk.profile.unit
    project = Project.objects.filter(plan=plan, level=1, units=unit).order_by("position").first()
    assert project is not None, unit
    attach_work(project, office)
    bulletin_create(
        by=office,
        title="2014年第一季度改革工作进展通报",
        period_start=dt.date(2014, 1, 1),
        period_end=dt.date(2014, 3, 31),
    )
    for user in (office, clerk):
        Notification.objects.create(
            recipient=user,
            title="进展报告已退回",
            body="请补充第一季度的工作进展。",
            url=reverse("web:project_detail", args=[project.pk]),
        )
