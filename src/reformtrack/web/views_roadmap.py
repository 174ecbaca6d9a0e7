"""The roadmap (路线图、时间表): every project of a plan over its period, with its milestones, its
deadline and the extension requests of it (supervision), and today's line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from reformtrack.core.http import signed_in_user
from reformtrack.ledger import pages
from reformtrack.ledger.choices import ProjectStatus
from reformtrack.ledger.filtersets import ProjectFilterSet
from reformtrack.ledger.library_export import split_units
from reformtrack.ledger.models import Chapter, Milestone, Plan, Project, Unit
from reformtrack.supervision.selectors import extensions_for_projects

from .common import chosen_plan, plans_to_choose


@dataclass
class Track:
    """A project's line on the roadmap; positions are percentages of the period, as CSS strings."""

    project: Project
    bar_left: str
    bar_width: str
    ongoing: bool
    overdue: bool
    deadline_at: str | None
    milestones: list[tuple[Milestone, str]]
    lead_units: list[Unit]
    # the project's own extension requests (pending or approved), each with where its date falls
    extensions: list[tuple[Any, str | None]] = field(default_factory=list)


@dataclass
class Period:
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return max((self.end - self.start).days, 1)

    def at(self, day: dt.date) -> float:
        return max(0.0, min(100.0, (day - self.start).days * 100 / self.days))


def _pct(value: float) -> str:
    return f"{value:.3f}%"


@require_GET
@login_required
def roadmap(request: HttpRequest) -> HttpResponse:
    """路线图、时间表: every project of a plan over its period, with milestones, deadlines and today.

    Plain HTML and CSS positioned on the server: it works without JavaScript and prints.
    """
    user = signed_in_user(request)
    plans = plans_to_choose()
    plan = chosen_plan(request, plans)
    filterset = ProjectFilterSet(
        request.GET or None, queryset=Project.objects.restrict(user, "view"), request=request
    )
    today = pages.today()
    context: dict[str, Any] = {"plans": plans, "plan": plan, "filterset": filterset, "today": today}
    if plan is None:
        return render(request, "web/roadmap.html", context)
    projects = list(
        pages.with_units(filterset.qs.filter(plan=plan))
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("date", "position", "pk"))
        )
        .order_by("position")
    )
    milestones = [m for p in projects for m in p.milestones.all()]
    period = _plan_period(plan, projects, milestones, today)
    extensions = extensions_for_projects(projects)

    tracks: list[tuple[Chapter, list[Track]]] = []
    by_chapter: dict[int, list[Track]] = {}
    for project in projects:
        lead, _co = split_units(project)
        end = project.deadline or period.end
        right = period.at(end)
        track = Track(
            project=project,
            bar_left=_pct(0),
            bar_width=_pct(max(right, 0.5)),
            ongoing=project.deadline is None,
            overdue=project.deadline is not None
            and project.deadline < today
            and project.status != ProjectStatus.COMPLETED,
            deadline_at=_pct(right) if project.deadline else None,
            milestones=[(m, _pct(period.at(m.date))) for m in project.milestones.all()],
            lead_units=lead,
            extensions=[
                (e, _pct(period.at(e.requested_deadline)))
                for e in extensions.get(project.pk, [])
                if e.measure_id is None
            ],
        )
        if project.chapter_id not in by_chapter:
            by_chapter[project.chapter_id] = []
            tracks.append((project.chapter, by_chapter[project.chapter_id]))
        by_chapter[project.chapter_id].append(track)

    years = []
    for year in range(period.start.year, period.end.year + 1):
        first = max(dt.date(year, 1, 1), period.start)
        years.append((year, _pct(period.at(first))))
    quarters = [
        _pct(period.at(dt.date(year, month, 1)))
        for year in range(period.start.year, period.end.year + 1)
        for month in (4, 7, 10)
        if period.start < dt.date(year, month, 1) < period.end
    ]
    context.update(
        period=period,
        tracks=tracks,
        years=years,
        quarters=quarters,
        today_at=_pct(period.at(today)) if period.start <= today <= period.end else None,
        project_count=len(projects),
    )
    return render(request, "web/roadmap.html", context)


def _plan_period(plan: Plan, projects: list[Project], milestones: list[Milestone], today: dt.date) -> Period:
    """The plan's years (period_start–period_end), stretched to the deadlines and milestones outside them."""
    dates = [p.deadline for p in projects if p.deadline] + [m.date for m in milestones]
    start = dt.date(plan.period_start, 1, 1) if plan.period_start else None
    end = dt.date(plan.period_end, 12, 31) if plan.period_end else None
    if start is None:
        start = dt.date(min(dates).year, 1, 1) if dates else dt.date(today.year, 1, 1)
    if end is None:
        end = dt.date(max(dates).year, 12, 31) if dates else dt.date(start.year, 12, 31)
    if dates:
        start = min(start, dt.date(min(dates).year, 1, 1))
        end = max(end, dt.date(max(dates).year, 12, 31))
    return Period(start=start, end=max(end, start + dt.timedelta(days=1)))
