"""Reads of the reporting app: periods of a cycle, what a unit owes, the review queue."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import OuterRef, QuerySet, Subquery

from reformtrack.core.history import records_of
from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.models import Measure, Project, ProjectUnit, Target, TargetValue
from reformtrack.ledger.permissions import acting_units

from .choices import Frequency, ReportStatus
from .models import MeasureEntry, ProgressReport, ReportingCycle, TargetEntry

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser
    from reformtrack.ledger.models import Unit


@dataclass(frozen=True)
class Period:
    """One period of a cycle: its report is due on ``due`` and late after ``grace_until``."""

    start: dt.date
    end: dt.date
    due: dt.date
    grace_until: dt.date


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def cycle_periods(cycle: ReportingCycle) -> list[Period]:
    """Every period of the cycle, in order; the first and last are cut to the cycle's start and end."""
    due = dt.timedelta(days=cycle.due_day)
    grace = dt.timedelta(days=cycle.grace_days)
    bounds: list[tuple[dt.date, dt.date]] = []
    if cycle.frequency == Frequency.CUSTOM:
        bounds.append((cycle.start, cycle.end))
    else:
        months = 3 if cycle.frequency == Frequency.QUARTERLY else 1
        start = cycle.start
        while start <= cycle.end:
            first = start.replace(day=1)
            if months == 3:
                first = first.replace(month=(first.month - 1) // 3 * 3 + 1)
            last = first
            for _ in range(months - 1):
                last = _next_month(last)
            end = min(_month_end(last), cycle.end)
            bounds.append((start, end))
            start = end + dt.timedelta(days=1)
    return [Period(start, end, end + due, end + due + grace) for start, end in bounds]


def open_periods(cycle: ReportingCycle, today: dt.date) -> list[Period]:
    """The periods a report is owed for now: begun, and not past their grace days."""
    if not cycle.active:
        return []
    return [period for period in cycle_periods(cycle) if period.start <= today <= period.grace_until]


def period_of(cycle: ReportingCycle, start: dt.date) -> Period | None:
    """The cycle's period starting on ``start``, if there is one."""
    return next((period for period in cycle_periods(cycle) if period.start == start), None)


@dataclass(frozen=True)
class Owed:
    """A report a unit owes for a period, with the report if it has been started."""

    cycle: ReportingCycle
    period: Period
    project: Project
    unit: Unit
    report: ProgressReport | None


def reports_owed(user: AnyUser, today: dt.date) -> list[Owed]:
    """What the user's unit owes in the open periods of every active cycle (three queries)."""
    cycles = list(ReportingCycle.objects.filter(active=True, start__lte=today))
    if not cycles:
        return []
    leads = _lead_units(user, {cycle.plan_id for cycle in cycles})
    projects = sorted(
        {project.pk: project for project in leads}.values(), key=lambda project: project.position
    )
    existing = {
        (report.cycle_id, report.period_start, report.project_id, report.unit_id): report
        for report in ProgressReport.objects.filter(cycle__in=cycles, project__in=projects)
    }
    owed: list[Owed] = []
    for cycle in cycles:
        for period in open_periods(cycle, today):
            for project in projects:
                if project.plan_id != cycle.plan_id:
                    continue
                for unit in leads[project]:
                    key = (cycle.pk, period.start, project.pk, unit.pk)
                    owed.append(Owed(cycle, period, project, unit, existing.get(key)))
    return owed


def _lead_units(user: AnyUser, plan_ids: set[int]) -> dict[Project, list[Unit]]:
    """The projects of the plans that the user's unit leads, with the leading units (one query)."""
    result: dict[Project, list[Unit]] = {}
    links = ProjectUnit.objects.filter(
        project__plan__in=plan_ids,
        role=UnitRole.LEAD,
        unit__in=acting_units(user),
        project__archived_at__isnull=True,
    ).select_related("unit", "project")
    for link in links:
        result.setdefault(link.project, []).append(link.unit)
    return result


def _listed(queryset: QuerySet[ProgressReport]) -> QuerySet[ProgressReport]:
    return queryset.select_related("project", "unit", "cycle", "submitted_by", "reviewed_by")


def reports_of(user: AnyUser) -> QuerySet[ProgressReport]:
    """The reports the user may read, for a list."""
    return _listed(ProgressReport.objects.restrict(user, "view"))


def review_queue() -> QuerySet[ProgressReport]:
    """The submitted reports waiting for the coordinating office, oldest first."""
    return _listed(ProgressReport.objects.filter(status=ReportStatus.SUBMITTED)).order_by(
        "submitted_at", "id"
    )


def report_of(user: AnyUser, pk: int) -> ProgressReport | None:
    """The report ``pk`` if the user may read it."""
    return _listed(ProgressReport.objects.restrict(user, "view")).filter(pk=pk).first()


def report_detail(report: ProgressReport) -> dict[str, object]:
    """What the report page shows besides the report: its versions, contributions, the evidence
    files it keeps and those removed from it (archived, listed for the record)."""
    files = list(report.evidence.select_related("uploaded_by", "archived_by"))
    return {
        "versions": records_of(report),
        "contributions": list(report.contributions.select_related("unit", "by")),
        "evidence": [file for file in files if file.archived_at is None],
        "removed_evidence": [file for file in files if file.archived_at is not None],
    }


def cycles_list() -> QuerySet[ReportingCycle]:
    """Every reporting cycle with its plan."""
    return ReportingCycle.objects.select_related("plan")


@dataclass(frozen=True)
class Figures:
    """A report's project's targets (each with ``current_value`` and ``current_date``: its latest
    value in the ledger) and measures, and what the report says of each, by target / measure id."""

    targets: list[Target]
    measures: list[Measure]
    target_entries: dict[int, TargetEntry]
    measure_entries: dict[int, MeasureEntry]

    def target_rows(self) -> list[tuple[Target, TargetEntry | None]]:
        return [(target, self.target_entries.get(target.pk)) for target in self.targets]

    def measure_rows(self) -> list[tuple[Measure, MeasureEntry | None]]:
        return [(measure, self.measure_entries.get(measure.pk)) for measure in self.measures]


def report_figures(report: ProgressReport) -> Figures:
    """The targets and measures of the report's project next to the report's figures (four queries,
    however many targets and measures)."""
    latest = TargetValue.objects.filter(target=OuterRef("pk")).order_by("-date", "-pk")
    targets: list[Target] = list(
        Target.objects.filter(project_id=report.project_id)
        .annotate(
            current_value=Subquery(latest.values("value")[:1]),
            current_date=Subquery(latest.values("date")[:1]),
        )
        .order_by("position")
    )
    measures = list(Measure.objects.filter(project_id=report.project_id).order_by("position"))
    return Figures(
        targets=targets,
        measures=measures,
        target_entries={
            entry.target_id: entry
            for entry in TargetEntry.objects.filter(report=report).select_related("evidence")
        },
        measure_entries={entry.measure_id: entry for entry in MeasureEntry.objects.filter(report=report)},
    )


def approved_public_summary(project: Project) -> ProgressReport | None:
    """The project's latest accepted report if the office approved its public summary (one query):
    the only part of any report the public portal shows. A later accepted report whose summary is
    not approved yet hides the older one, so what is public is never behind an accepted report."""
    latest = (
        ProgressReport.objects.filter(project=project, status=ReportStatus.ACCEPTED)
        .only("pk", "period_start", "period_end", "public_summary", "public_summary_approved_at")
        .order_by("-period_end", "-pk")
        .first()
    )
    if latest is None or latest.public_summary_approved_at is None or not latest.public_summary:
        return None
    return latest
