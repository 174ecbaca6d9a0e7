"""The dashboard (the root page): a plan's progress overall and per chapter, its status lights,
projects by status, the units' load, the nearest deadlines and milestones, and the charts' data.

Each part is read by its own function in a fixed number of queries; the page puts them together.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypedDict

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reformtrack.core.http import signed_in_user
from reformtrack.ledger import pages
from reformtrack.ledger.choices import ProjectStatus, UnitRole
from reformtrack.ledger.library_export import units_prefetch
from reformtrack.ledger.models import Chapter, Measure, Milestone, Plan, Project, ProjectUnit
from reformtrack.ledger.overdue import overdue_measures, overdue_projects
from reformtrack.ledger.selectors_targets import plan_achievement, plan_chapter_targets
from reformtrack.status.selectors import plan_lights

from .common import NEAREST, chosen_plan, plans_to_choose

# how many units the load table and chart show, the busiest first
LOAD_UNITS = 15
# the length a chart's label is cut to (with an ellipsis)
CHART_LABEL = 14


class UnitLoad(TypedDict):
    """A row of the units' load: how many of the plan's projects the unit leads and takes part in."""

    unit_id: int
    unit__name: str
    lead: int
    co: int


@dataclass
class ProgressLine:
    label: str
    progress: float
    weight: float
    count: int
    chapter: Chapter | None = None


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Progress of a plan overall and per chapter, projects by status, unit load, nearest deadlines."""
    user = signed_in_user(request)
    visible = Project.objects.restrict(user, "view")
    plans = plans_to_choose()
    plan = chosen_plan(request, plans)
    today = pages.today()
    context: dict[str, Any] = {"plans": plans, "plan": plan, "today": today}
    if plan is None:
        return render(request, "web/dashboard.html", context)

    in_plan = visible.filter(plan=plan)
    context.update(_progress(plan, visible))
    context.update(_status_counts(in_plan, today))
    context["load"] = _unit_load(in_plan)
    context.update(_deadlines(in_plan, today))
    context.update(_targets(plan, in_plan, context["lines"], today))
    context["chart_data"] = _chart_data(context)
    return render(request, "web/dashboard.html", context)


def _progress(plan: Plan, visible: QuerySet[Project]) -> dict[str, Any]:
    """The plan's weighted progress overall and per chapter (the ledger's roll-up of the user's
    top-level projects) with the lights of those projects, overall and per chapter."""
    rollup = plan_lights(plan, within=visible)
    report = rollup.progress
    light_rows = [
        (f"{row.progress.chapter.number}. {row.progress.chapter.title}", row.progress.chapter, row.lights)
        for row in rollup.chapters
        if row.progress.project_count
    ]
    lines = [
        ProgressLine(
            label=f"{row.chapter.number}. {row.chapter.title}",
            progress=row.progress or 0.0,
            weight=float(row.weight),
            count=row.project_count,
            chapter=row.chapter,
        )
        for row in report.chapters
        if row.project_count
    ]
    return {
        "lights": rollup.lights,
        "light_rows": light_rows,
        "overall": report.progress or 0.0,
        "lines": lines,
    }


def _targets(
    plan: Plan, in_plan: QuerySet[Project], lines: list[ProgressLine], today: dt.date
) -> dict[str, Any]:
    """The achievement of the plan's targets (those the user sees) overall and per chapter: the mean
    of the targets that have one (one query); and the targets its chapters state (one query)."""
    rollup = plan_achievement(plan, today=today, within=in_plan)
    return {
        "targets": rollup,
        "chapter_targets": plan_chapter_targets(plan),
        "target_lines": [
            (line.label, line.chapter, rollup.chapters.get(line.chapter.pk))
            for line in lines
            if line.chapter is not None and line.chapter.pk in rollup.chapters
        ],
    }


def _status_counts(in_plan: QuerySet[Project], today: dt.date) -> dict[str, Any]:
    """How many of the plan's projects have each status, are overdue, or wait for review (one query)."""
    counts = in_plan.aggregate(
        **{f"status_{value}": Count("pk", filter=Q(status=value)) for value in ProjectStatus.values},
        overdue=Count("pk", filter=overdue_projects(today)),
        review=Count("pk", filter=Q(needs_review=True)),
    )
    statuses = [(value, label, counts[f"status_{value}"] or 0) for value, label in ProjectStatus.choices]
    return {
        "statuses": statuses,
        "project_count": sum(n for _value, _label, n in statuses),
        "overdue_count": counts["overdue"] or 0,
        "overdue_measures": Measure.objects.filter(overdue_measures(today), project__in=in_plan).count(),
        "review_count": counts["review"] or 0,
    }


def _unit_load(in_plan: QuerySet[Project]) -> list[UnitLoad]:
    """The busiest units of the plan: how many projects each leads and takes part in (one query)."""
    return list(
        ProjectUnit.objects.filter(project__in=in_plan)
        .order_by()
        .values("unit_id", "unit__name")
        .annotate(
            lead=Count("pk", filter=Q(role=UnitRole.LEAD)),
            co=Count("pk", filter=Q(role=UnitRole.CO)),
        )
        .order_by("-lead", "-co", "unit__name")[:LOAD_UNITS]
    )


def _deadlines(in_plan: QuerySet[Project], today: dt.date) -> dict[str, Any]:
    """The open projects whose deadline is nearest, those past it, and the next milestones."""
    open_projects = (
        in_plan.exclude(status=ProjectStatus.COMPLETED)
        .select_related("plan", "chapter", "leader")
        .defer("text", "plan__preamble", "plan__warnings", "chapter__text")
        .order_by("deadline", "position")
    )
    upcoming = list(open_projects.filter(deadline__gte=today)[:NEAREST])
    late = list(open_projects.filter(overdue_projects(today))[:NEAREST])
    # the units of both lists in one query, whichever of them is empty
    prefetch_related_objects([*upcoming, *late], units_prefetch())
    milestones = list(
        Milestone.objects.filter(project__in=in_plan, done=False, date__gte=today)
        .select_related("project")
        .only("pk", "date", "title", "done", "project__id", "project__label", "project__title")
        .order_by("date", "pk")[:NEAREST]
    )
    return {"nearest": pages.rows(upcoming), "overdue": pages.rows(late), "milestones": milestones}


def _chart_data(context: dict[str, Any]) -> dict[str, Any]:
    """What the charts draw (lights per chapter, statuses, chapter progress, unit load), from the
    parts of the page; each chart also has a table of the same numbers on the page."""
    light_rows, statuses, lines, load = (
        context["light_rows"],
        context["statuses"],
        context["lines"],
        context["load"],
    )
    light_keys = [value for value, _label, _n in context["lights"].rows()]
    return {
        "lights": {
            "keys": light_keys,
            "labels": [label for _value, label, _n in context["lights"].rows()],
            "chapters": [_short(label, CHART_LABEL) for label, _chapter, _counts in light_rows],
            "values": [[counts.of(key) for _l, _c, counts in light_rows] for key in light_keys],
        },
        "status": {
            "keys": [value for value, _label, _n in statuses],
            "labels": [str(label) for _value, label, _n in statuses],
            "values": [n for _value, _label, n in statuses],
        },
        "chapters": {
            "label": _("Progress (%)"),
            "labels": [_short(line.label, CHART_LABEL) for line in lines],
            "values": [round(line.progress, 1) for line in lines],
        },
        "units": {
            "lead_label": _("Lead unit"),
            "co_label": _("Co-unit"),
            "labels": [row["unit__name"] for row in load],
            "lead": [row["lead"] for row in load],
            "co": [row["co"] for row in load],
        },
    }


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
