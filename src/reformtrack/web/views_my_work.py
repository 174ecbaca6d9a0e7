"""My work (/me/): the user's projects by nearest deadline, their milestones, and what their unit
owes: the progress reports not yet sent (reporting) and the supervision orders to answer."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.db.models import Exists, F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reformtrack.accounts.choices import Role
from reformtrack.accounts.models import Profile
from reformtrack.accounts.permissions import role_of
from reformtrack.core.http import signed_in_user
from reformtrack.ledger import pages
from reformtrack.ledger.choices import ProjectStatus
from reformtrack.ledger.filtersets import unit_links
from reformtrack.ledger.models import Milestone, Project
from reformtrack.ledger.overdue import overdue_projects
from reformtrack.ledger.pages import Row
from reformtrack.reporting.choices import ReportStatus
from reformtrack.reporting.selectors import reports_owed
from reformtrack.supervision.choices import OrderStatus
from reformtrack.supervision.selectors import order_list

from .common import NEAREST

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@require_GET
@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    """The user's projects: their unit's, or those they are leader in charge of; nearest deadline first."""
    user = signed_in_user(request)
    role = role_of(user)
    visible = Project.objects.restrict(user, "view")
    profile = Profile.objects.filter(user=user).select_related("unit").first()
    unit = profile.unit if profile is not None else None
    today = pages.today()
    sections: list[tuple[str, str, list[Row]]] = []
    scope: QuerySet[Project] = Project.objects.none()
    if role == Role.LEADER:
        scope = visible.filter(leader=user)
        sections.append(("leader", _("Projects you are the leader in charge of"), []))
    elif unit is not None:
        scope = visible.filter(Exists(unit_links(unit)))
        sections.append(("unit", _("Projects of %(unit)s") % {"unit": unit.name}, []))
    elif role == Role.OFFICE:
        scope = visible.filter(needs_review=True)
        sections.append(("review", _("Projects whose import needs review"), []))
    ordered = pages.with_units(scope.exclude(status=ProjectStatus.COMPLETED)).order_by(
        F("deadline").asc(nulls_last=True), "plan_id", "position"
    )
    rows = pages.rows(ordered[:200])
    if sections:
        key, title, _unused = sections[0]
        sections[0] = (key, title, rows)
    done_count = scope.filter(status=ProjectStatus.COMPLETED).count() if sections else 0
    milestones = list(
        Milestone.objects.filter(project__in=scope, done=False)
        .select_related("project")
        .only("pk", "date", "title", "done", "project__id", "project__label", "project__title")
        .order_by("date", "pk")[:NEAREST]
    )
    return render(
        request,
        "web/my_work.html",
        {
            "role": role,
            "unit": unit,
            "sections": sections,
            "done_count": done_count,
            "milestones": milestones,
            "today": today,
            "overdue_count": scope.filter(overdue_projects(today)).count() if sections else 0,
            **_owed_by_unit(user, role, today),
        },
    )


def _owed_by_unit(user: User, role: str | None, today: dt.date) -> dict[str, Any]:
    """What the unit of a reform lead or clerk owes and by when: the progress reports of the open
    periods not yet sent (or returned), and the supervision orders waiting for its answer. Other
    roles owe neither (four queries for the two roles, none for the rest)."""
    if role not in (Role.UNIT_LEAD, Role.CLERK):
        return {"owes": False}
    unsent = [
        owed
        for owed in reports_owed(user, today)
        if owed.report is None or owed.report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)
    ]
    unsent.sort(key=lambda owed: owed.period.due)
    orders = list(order_list(user, status=OrderStatus.ISSUED).order_by("response_due", "pk")[:NEAREST])
    return {
        "owes": True,
        "reports_unsent": unsent[:NEAREST],
        "reports_unsent_count": len(unsent),
        "orders_to_answer": orders,
    }
