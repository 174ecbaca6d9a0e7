"""The project page, its print view and its full history.

The page shows what the apps above the ledger hold about the project too: the status light's recent
changes (status), the deadline's extension requests and the way to a supervision order
(supervision). Everything in a fixed number of queries whatever the project holds. A project dropped
by a plan amendment (archived) still opens, saying so: its reports and orders link to it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from reformtrack.accounts.permissions import can_manage_programme
from reformtrack.core.http import signed_in_user
from reformtrack.ledger import pages
from reformtrack.ledger.history import project_changes
from reformtrack.ledger.library_export import split_measure_units, split_units, units_prefetch
from reformtrack.ledger.models import Measure, MeasureUnit, Milestone, Project, Tag, Target, TargetValue
from reformtrack.ledger.overdue import project_is_overdue
from reformtrack.ledger.permissions import can_edit_project
from reformtrack.ledger.selectors import MeasureRow
from reformtrack.ledger.selectors_amend import open_amendment, project_amendment_changes
from reformtrack.status.selectors import status_changes_of
from reformtrack.supervision.permissions import can_issue_orders, lead_unit_of
from reformtrack.supervision.selectors import extensions_for_project

from .views_targets import TargetValueForm, chart_data, project_achievement, target_rows


def _project_detail_data(
    request: HttpRequest, pk: int, *, bound: dict[int, TargetValueForm] | None = None
) -> dict[str, Any]:
    """Everything the project page and its print view show, in a fixed number of queries."""
    user = signed_in_user(request)
    project = pages.visible_project(
        request,
        pk,
        Project.all_objects.restrict(user, "view")
        .select_related("plan", "chapter", "leader", "parent")
        .defer("plan__preamble", "plan__warnings", "chapter__text")
        .prefetch_related(
            units_prefetch(),
            Prefetch(
                "measures",
                queryset=Measure.objects.order_by("position").prefetch_related(
                    Prefetch(
                        "measure_units",
                        queryset=MeasureUnit.objects.select_related("unit").order_by("role", "position"),
                    )
                ),
            ),
            Prefetch(
                "targets",
                queryset=Target.objects.order_by("position").prefetch_related(
                    Prefetch(
                        "values",
                        queryset=TargetValue.objects.select_related("entered_by").order_by("date", "pk"),
                    )
                ),
            ),
            Prefetch("milestones", queryset=Milestone.objects.order_by("date", "position", "pk")),
            Prefetch("tags", queryset=Tag.objects.order_by("name")),
            Prefetch(
                "children",
                queryset=Project.objects.only(
                    "pk",
                    "parent_id",
                    "label",
                    "title",
                    "status",
                    "progress",
                    "deadline",
                    "deadline_text",
                    "position",
                ).order_by("position"),
            ),
        ),
    )
    lead, co = split_units(project)
    today = pages.today()
    rows = target_rows(project, user=user, today=today, bound=bound)
    extensions = extensions_for_project(project)
    return {
        "project": project,
        # the status light's recent changes, and the deadline's extension requests (both dates shown)
        "status_changes": status_changes_of(project, limit=8),
        "extensions": [e for e in extensions if e.measure_id is None],
        "measure_extensions": [e for e in extensions if e.measure_id is not None],
        "lead_units": lead,
        "co_units": co,
        "measures": [MeasureRow(m, *split_measure_units(m)) for m in project.measures.all()],
        "targets": list(project.targets.all()),
        # achievement of each target against its form, their mean, and the charts' data
        "target_rows": rows,
        "project_achievement": project_achievement(rows),
        "target_charts": chart_data(rows),
        "milestones": list(project.milestones.all()),
        "children": list(project.children.all()),
        "tags": list(project.tags.all()),
        "can_edit": can_edit_project(user, project),
        "can_manage": can_manage_programme(user),
        # the follow-through starts from here: an order about the project, a later deadline for it
        "can_issue_order": can_issue_orders(user),
        "can_request_extension": lead_unit_of(user, project) is not None,
        "today": today,
        "overdue": project_is_overdue(project, today),
    }


@require_GET
@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A project: text, measures, targets and their actual values, units, leader, milestones, history."""
    return render_project_detail(request, pk)


def render_project_detail(
    request: HttpRequest, pk: int, *, bound: dict[int, TargetValueForm] | None = None, status: int = 200
) -> HttpResponse:
    """The project page; ``bound`` holds a target's value form as posted (with its errors)."""
    context = _project_detail_data(request, pk, bound=bound)
    context["history"] = project_changes(context["project"], limit=5)
    context["amendment_changes"] = project_amendment_changes(context["project"])
    if context["can_manage"] and context["project"].archived_at is None:
        # the office amends the project inside the plan's open amendment, from here
        context["open_amendment"] = open_amendment(context["project"].plan_id)
    return render(request, "web/project_detail.html", context, status=status)


@require_GET
@login_required
def project_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The project on A4 paper: the same content without navigation or forms."""
    context = _project_detail_data(request, pk)
    context["printed_at"] = timezone.localtime()
    return render(request, "web/project_print.html", context)


@require_GET
@login_required
def project_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every recorded change of the project, its milestones, measures and targets: who, when, what."""
    project = pages.visible_project(
        request, pk, Project.all_objects.restrict(request.user, "view").select_related("plan")
    )
    return render(
        request,
        "web/project_history.html",
        {"project": project, "history": project_changes(project)},
    )
