"""The roadmap (路线图、时间表): the projects of every plan, or of the plan chosen, over their period,
each bar from its start date to its deadline, with its milestones and the extension requests of it
(supervision), and today's line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
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
from reformtrack.ledger.selectors_amend import amendment_marks, dropped_projects
from reformtrack.supervision.selectors import extensions_for_projects


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
    starts: dt.date | None = None  # the project's own start date, if the office set one
    # the plan amendments that added, changed or restored the project (方案调整)
    amendments: list[Any] = field(default_factory=list)


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


# Projects drawn a page: at city scale all plans hold thousands; a plan of the sample (39) fits on one.
PAGE_SIZE = 50


@require_GET
@login_required
def roadmap(request: HttpRequest) -> HttpResponse:
    """路线图、时间表: the projects of every plan (or of the plan chosen) over their period, with
    milestones, deadlines, start dates and today; 50 projects a page, in a fixed number of queries.

    Plain HTML and CSS positioned on the server: it works without JavaScript and prints.
    """
    user = signed_in_user(request)
    filterset = ProjectFilterSet(
        request.GET or None, queryset=Project.objects.restrict(user, "view"), request=request
    )
    today = pages.today()
    projects_qs = (
        pages.with_units(filterset.qs)
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("date", "position", "pk"))
        )
        # the library's order: the index of (plan, position) gives a page without sorting every project
        .order_by("plan_id", "position")
    )
    paginator = Paginator(projects_qs, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    projects = list(page.object_list)
    chosen = filterset.form.cleaned_data.get("plan") if filterset.form.is_bound else None
    plans = _plans_of(projects, chosen)
    milestones = [m for p in projects for m in p.milestones.all()]
    period = _period(plans, projects, milestones, today)
    extensions = extensions_for_projects(projects)
    marks = amendment_marks([p.pk for p in projects])

    tracks: list[tuple[Chapter, list[Track]]] = []
    by_chapter: dict[int, list[Track]] = {}
    for project in projects:
        track = _track_of(project, period, today, extensions.get(project.pk, []))
        track.amendments = marks.get(project.pk, [])
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
    context: dict[str, Any] = {
        "plan": chosen,
        "filterset": filterset,
        "today": today,
        "page": page,
        "page_range": paginator.get_elided_page_range(page.number),
        "period": period,
        "tracks": tracks,
        # with several plans on the page, each chapter's heading names its plan
        "plan_titles": {p.pk: p.title for p in plans} if len(plans) > 1 else {},
        "years": years,
        "quarters": quarters,
        "today_at": _pct(period.at(today)) if period.start <= today <= period.end else None,
        "project_count": paginator.count,
        # projects dropped by an amendment, listed under the roadmap with when and why
        "dropped": dropped_projects([p.pk for p in plans]),
    }
    return render(request, "web/roadmap.html", context)


def _plans_of(projects: list[Project], chosen: Plan | None) -> list[Plan]:
    """The plans of the projects shown (loaded with them), or the plan chosen when none is shown."""
    plans: dict[int, Plan] = {}
    for project in projects:
        plans.setdefault(project.plan_id, project.plan)
    if not plans and chosen is not None:
        plans[chosen.pk] = chosen
    return list(plans.values())


def _plan_start(plan: Plan) -> dt.date | None:
    return dt.date(plan.period_start, 1, 1) if plan.period_start else None


def _track_of(project: Project, period: Period, today: dt.date, extensions: list[Any]) -> Track:
    """A project's line: from its start date (else its plan's start, else the period's) to its
    deadline (else the end of the period: ongoing)."""
    lead, _co = split_units(project)
    start = project.start_date or _plan_start(project.plan) or period.start
    left = period.at(start)
    right = period.at(project.deadline or period.end)
    return Track(
        project=project,
        bar_left=_pct(left),
        bar_width=_pct(max(right - left, 0.5)),
        ongoing=project.deadline is None,
        overdue=project.deadline is not None
        and project.deadline < today
        and project.status != ProjectStatus.COMPLETED,
        deadline_at=_pct(right) if project.deadline else None,
        milestones=[(m, _pct(period.at(m.date))) for m in project.milestones.all()],
        lead_units=lead,
        extensions=[(e, _pct(period.at(e.requested_deadline))) for e in extensions if e.measure_id is None],
        starts=project.start_date,
    )


def _period(
    plans: list[Plan], projects: list[Project], milestones: list[Milestone], today: dt.date
) -> Period:
    """The plans' years (the first period_start to the last period_end), stretched to the start
    dates, deadlines and milestones outside them."""
    dates = (
        [p.deadline for p in projects if p.deadline]
        + [p.start_date for p in projects if p.start_date]
        + [m.date for m in milestones]
    )
    starts = [dt.date(plan.period_start, 1, 1) for plan in plans if plan.period_start]
    ends = [dt.date(plan.period_end, 12, 31) for plan in plans if plan.period_end]
    start = min(starts) if starts else None
    end = max(ends) if ends else None
    if start is None:
        start = dt.date(min(dates).year, 1, 1) if dates else dt.date(today.year, 1, 1)
    if end is None:
        end = dt.date(max(dates).year, 12, 31) if dates else dt.date(start.year, 12, 31)
    if dates:
        start = min(start, dt.date(min(dates).year, 1, 1))
        end = max(end, dt.date(max(dates).year, 12, 31))
    return Period(start=start, end=max(end, start + dt.timedelta(days=1)))
