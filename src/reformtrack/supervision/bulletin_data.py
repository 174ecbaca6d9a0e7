"""The data of a bulletin's period, each gathered in a fixed number of queries whatever the size
of the programme: plans' and chapters' progress, report timeliness per unit, overdue projects and
measures with their lead units, projects completed in the period. :mod:`.bulletin` writes the
sections from them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Prefetch
from django.utils import timezone

from reformtrack.ledger import overdue
from reformtrack.ledger.choices import ProjectStatus, UnitRole
from reformtrack.ledger.models import Chapter, Measure, MeasureUnit, Plan, Project, ProjectUnit, Target, Unit
from reformtrack.ledger.selectors import ChapterProgress, PlanProgress, weighted_progress
from reformtrack.ledger.selectors_targets import (
    Achievement,
    behind_first,
    latest_achievement,
    targets_with_latest,
)
from reformtrack.reporting.choices import ReportStatus
from reformtrack.reporting.models import ProgressReport, ReportingCycle
from reformtrack.reporting.selectors import cycle_periods
from reformtrack.status.engine import Rules


def leads() -> Prefetch[Any]:
    """Prefetch a project's lead units, in order, as ``lead_links``."""
    return Prefetch(
        "project_units",
        queryset=ProjectUnit.objects.filter(role=UnitRole.LEAD).select_related("unit").order_by("position"),
        to_attr="lead_links",
    )


def lead_units(item: Any) -> list[Unit]:
    """The lead units of a project loaded with :func:`leads`."""
    return [link.unit for link in item.lead_links]


@dataclass
class Timeliness:
    """A unit's reports that came due in the period: on time, late, missing (not submitted)."""

    unit_id: int
    due: int = 0
    on_time: int = 0
    late: int = 0

    @property
    def missing(self) -> int:
        return self.due - self.on_time - self.late

    @property
    def rate(self) -> float:
        return self.on_time / self.due if self.due else 0.0


def programme_progress() -> list[PlanProgress]:
    """Every plan's progress and its chapters' as ``plan_progress_report`` computes it (the weighted
    mean of the top-level projects), for all plans in three queries rather than three per plan."""
    plans = list(Plan.objects.only("id", "title", "doc_number").order_by("-issued", "id"))
    chapters: dict[int, list[Chapter]] = defaultdict(list)
    for chapter in Chapter.objects.only("id", "plan_id", "number", "title", "position").order_by("position"):
        chapters[chapter.plan_id].append(chapter)
    rows: dict[int, list[tuple[Decimal, int]]] = defaultdict(list)
    by_plan: dict[int, list[tuple[Decimal, int]]] = defaultdict(list)
    projects = (
        Project.objects.filter(level=1).order_by().values_list("plan_id", "chapter_id", "weight", "progress")
    )
    for plan_id, chapter_id, weight, progress in projects:
        rows[chapter_id].append((weight, progress))
        by_plan[plan_id].append((weight, progress))
    return [
        PlanProgress(
            plan=plan,
            progress=weighted_progress(by_plan[plan.pk]),
            chapters=[
                ChapterProgress(
                    chapter=chapter,
                    progress=weighted_progress(rows[chapter.pk]),
                    weight=sum((weight for weight, _ in rows[chapter.pk]), Decimal(0)),
                    project_count=len(rows[chapter.pk]),
                )
                for chapter in chapters[plan.pk]
            ],
        )
        for plan in plans
    ]


def report_timeliness(start: dt.date, end: dt.date, as_of: dt.date) -> dict[int, Timeliness]:
    """Per unit, the progress reports that came due between ``start`` and ``end`` (and by ``as_of``):
    each lead unit owes one per project of the cycle's plan and period; on time is submitted by the
    due date, late after it, missing not submitted at all. Three queries."""
    due: dict[tuple[int, dt.date], dt.date] = {}  # (cycle, period start) → due date
    plan_of: dict[int, int] = {}
    for cycle in ReportingCycle.objects.filter(start__lte=min(end, as_of)):
        for period in cycle_periods(cycle):
            if start <= period.due <= min(end, as_of):
                due[(cycle.pk, period.start)] = period.due
                plan_of[cycle.pk] = cycle.plan_id
    result: dict[int, Timeliness] = {}
    if not due:
        return result
    owed = (
        ProjectUnit.objects.filter(
            role=UnitRole.LEAD, project__plan_id__in=set(plan_of.values()), project__archived_at__isnull=True
        )
        .order_by()
        .values_list("project__plan_id", "unit_id")
        .annotate(n=Count("id"))
    )
    links: dict[int, list[tuple[int, int]]] = defaultdict(list)  # plan → [(unit, projects led)]
    for plan_id, unit_id, count in owed:
        links[plan_id].append((unit_id, count))
    for cycle_id, _period in due:
        for unit_id, count in links[plan_of[cycle_id]]:
            result.setdefault(unit_id, Timeliness(unit_id)).due += count
    starts = {period for _, period in due}
    reports = (
        ProgressReport.objects.filter(cycle_id__in=set(plan_of), period_start__in=starts)
        .exclude(status=ReportStatus.DRAFT)
        .exclude(submitted_at=None)
        .values_list("cycle_id", "period_start", "unit_id", "submitted_at")
    )
    for cycle_id, period_start, unit_id, submitted_at in reports:
        due_on = due.get((cycle_id, period_start))
        if due_on is None or unit_id not in result:
            continue
        record = result[unit_id]
        if timezone.localtime(submitted_at).date() <= due_on:
            record.on_time += 1
        else:
            record.late += 1
    return result


def overdue_projects(as_of: dt.date) -> list[Project]:
    return list(
        Project.objects.filter(overdue.overdue_projects(as_of))
        .only("id", "plan_id", "label", "title", "deadline", "deadline_text", "progress")
        .prefetch_related(leads())
        .order_by("deadline", "plan_id", "position")
    )


def overdue_measures(as_of: dt.date) -> list[Measure]:
    # a measure without lead units of its own answers through its project's lead units
    return list(
        Measure.objects.filter(overdue.overdue_measures(as_of))
        .select_related("project")
        .only(
            "id",
            "text",
            "deadline",
            "deadline_text",
            "progress",
            "project__id",
            "project__plan_id",
            "project__label",
            "project__title",
            "project__deadline",
            "project__deadline_text",
            "project__progress",
        )
        .prefetch_related(
            Prefetch(
                "measure_units",
                queryset=MeasureUnit.objects.filter(role=UnitRole.LEAD)
                .select_related("unit")
                .order_by("position"),
                to_attr="own_leads",
            ),
            Prefetch(
                "project__project_units",
                queryset=ProjectUnit.objects.filter(role=UnitRole.LEAD)
                .select_related("unit")
                .order_by("position"),
                to_attr="lead_links",
            ),
        )
        .order_by("deadline", "project_id", "position")
    )


def measure_leads(measure: Any) -> list[Unit]:
    own = [link.unit for link in measure.own_leads]
    return own or lead_units(measure.project)


def completed_in(start: dt.date, end: dt.date) -> list[Project]:
    """Projects completed now whose history records them completed within the period."""
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    completed = Project.history.filter(
        status=ProjectStatus.COMPLETED, history_date__gte=since, history_date__lt=until
    ).values("id")
    return list(
        Project.objects.filter(pk__in=completed, status=ProjectStatus.COMPLETED)
        .only("id", "plan_id", "label", "title", "deadline", "deadline_text")
        .prefetch_related(leads())
        .order_by("plan_id", "position")
    )


def targets_behind(as_of: dt.date) -> list[Achievement]:
    """Targets whose achievement (by their latest value as of the day) is behind their expected path
    by their plan's tolerance (``StatusRules.target_behind_points``) or more, the furthest behind
    first; each target's project carries its lead units (``lead_links``). Three queries."""
    default = Rules().target_behind_points
    plans = {
        plan.pk: plan
        for plan in Plan.objects.annotate(tolerance=F("status_rules__target_behind_points")).only(
            "id", "period_start", "period_end"
        )
    }
    targets = targets_with_latest(
        Target.objects.filter(project__status__in=[ProjectStatus.NOT_STARTED, ProjectStatus.IN_PROGRESS])
        .select_related("project")
        .only(
            "id",
            "text",
            "form",
            "min_value",
            "max_value",
            "unit",
            "baseline",
            "baseline_date",
            "deadline",
            "project__id",
            "project__plan_id",
            "project__label",
            "project__title",
            "project__position",
        )
        .prefetch_related(
            Prefetch(
                "project__project_units",
                queryset=ProjectUnit.objects.filter(role=UnitRole.LEAD)
                .select_related("unit")
                .order_by("position"),
                to_attr="lead_links",
            )
        ),
        as_of=as_of,
        valued=True,
    )
    behind = []
    for target in targets.order_by("project__plan_id", "project__position", "position"):
        plan = plans[target.project.plan_id]
        tolerance = plan.tolerance if plan.tolerance is not None else default
        state = latest_achievement(target, plan, as_of)
        if tolerance > 0 and state.behind is not None and state.behind >= tolerance:
            behind.append(state)
    return behind_first(behind)
