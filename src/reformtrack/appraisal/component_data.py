"""The reads behind the appraisal's components: for one year, every unit's data in a few queries.

Each function returns, per unit id, a :class:`Scored`: the counts (``raw``), the data rows that
explain them (plain values: text, ISO dates, codes) and the score from 0 to 100. A unit with nothing
to judge in a component scores full marks there, and its explanation says so (``raw["none"]``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone

from reformtrack.ledger.choices import ProjectStatus, UnitRole
from reformtrack.ledger.models import Project, ProjectUnit, Target
from reformtrack.ledger.selectors_targets import latest_achievement, targets_with_latest
from reformtrack.reporting.choices import ReportStatus
from reformtrack.reporting.models import ProgressReport, ReportingCycle
from reformtrack.reporting.selectors import cycle_periods
from reformtrack.supervision.models import SupervisionOrder

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def share(part: int | Decimal, whole: int | Decimal) -> Decimal:
    """``part`` of ``whole`` as a score out of 100, to two decimals; full marks when ``whole`` is 0."""
    if not whole:
        return HUNDRED
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Scored:
    """One unit's data in one component and the score they give."""

    score: Decimal = HUNDRED
    raw: dict[str, Any] = field(default_factory=dict)
    rows: list[list[Any]] = field(default_factory=list)


def _label(label: str, title: str) -> str:
    return f"{label} {title}".strip()


def _led_projects(unit_ids: list[int]) -> dict[int, list[int]]:
    """Per live project, the units among ``unit_ids`` that lead it (one query)."""
    leads: dict[int, list[int]] = defaultdict(list)
    for project_id, unit_id in ProjectUnit.objects.filter(
        role=UnitRole.LEAD, unit_id__in=unit_ids, project__archived_at__isnull=True
    ).values_list("project_id", "unit_id"):
        leads[project_id].append(unit_id)
    return leads


def _due_periods(year: int, as_of: dt.date) -> dict[tuple[int, dt.date], tuple[int, dt.date, dt.date]]:
    """(cycle, period start) → (plan, period end, due date) of the periods due in ``year`` by ``as_of``."""
    first, last = dt.date(year, 1, 1), min(dt.date(year, 12, 31), as_of)
    due: dict[tuple[int, dt.date], tuple[int, dt.date, dt.date]] = {}
    for cycle in ReportingCycle.objects.filter(start__lte=last, end__gte=first - dt.timedelta(days=366)):
        for period in cycle_periods(cycle):
            if first <= period.due <= last:
                due[(cycle.pk, period.start)] = (cycle.plan_id, period.end, period.due)
    return due


def reports_on_time(year: int, as_of: dt.date, unit_ids: list[int]) -> dict[int, Scored]:
    """Progress reports due in the year: each lead unit owes one per project and period; on time is
    submitted by the due date. Three queries."""
    due = _due_periods(year, as_of)
    plans = {plan for plan, _end, _due in due.values()}
    projects: dict[int, list[tuple[int, str]]] = defaultdict(list)  # plan → [(project, label)]
    leads: dict[int, list[int]] = defaultdict(list)
    for project_id, plan_id, label, title, unit_id in ProjectUnit.objects.filter(
        role=UnitRole.LEAD,
        unit_id__in=unit_ids,
        project__plan_id__in=plans,
        project__archived_at__isnull=True,
    ).values_list("project_id", "project__plan_id", "project__label", "project__title", "unit_id"):
        if unit_id not in leads[project_id]:
            projects[plan_id].append((project_id, _label(label, title)))
        leads[project_id].append(unit_id)
    submitted = {
        (cycle, start, project, unit): at
        for cycle, start, project, unit, at in ProgressReport.objects.filter(
            cycle_id__in={cycle for cycle, _start in due}, unit_id__in=unit_ids, submitted_at__isnull=False
        )
        .exclude(status=ReportStatus.DRAFT)
        .values_list("cycle_id", "period_start", "project_id", "unit_id", "submitted_at")
    }
    found: dict[int, Scored] = {
        unit: Scored(raw={"due": 0, "on_time": 0, "late": 0, "missing": 0}) for unit in unit_ids
    }
    for (cycle, start), (plan, end, due_on) in sorted(due.items(), key=lambda item: (item[1][2], item[0])):
        for project_id, label in projects[plan]:
            for unit in leads[project_id]:
                at = submitted.get((cycle, start, project_id, unit))
                day = timezone.localtime(at).date() if at else None
                state = "missing" if day is None else ("on_time" if day <= due_on else "late")
                record = found[unit]
                record.raw["due"] += 1
                record.raw[state] += 1
                record.rows.append(
                    [
                        label,
                        start.isoformat(),
                        end.isoformat(),
                        due_on.isoformat(),
                        day and day.isoformat(),
                        state,
                    ]
                )
    for record in found.values():
        record.score = share(record.raw["on_time"], record.raw["due"])
        record.raw["none"] = not record.raw["due"]
    return found


def review_outcomes(year: int, as_of: dt.date, unit_ids: list[int]) -> dict[int, Scored]:
    """The reports of periods ending in the year that the office reviewed: accepted or returned (as
    they stand when the appraisal is computed). One query."""
    found: dict[int, Scored] = {
        unit: Scored(raw={"reviewed": 0, "accepted": 0, "returned": 0}) for unit in unit_ids
    }
    reports = (
        ProgressReport.objects.filter(
            unit_id__in=unit_ids,
            period_end__year=year,
            status__in=(ReportStatus.ACCEPTED, ReportStatus.RETURNED),
            reviewed_at__date__lte=as_of,
            project__archived_at__isnull=True,
        )
        .order_by("period_start", "project__position", "pk")
        .values_list(
            "unit_id",
            "project__label",
            "project__title",
            "period_start",
            "period_end",
            "status",
            "review_comment",
        )
    )
    for unit, label, title, start, end, status, comment in reports:
        record = found[unit]
        record.raw["reviewed"] += 1
        record.raw[str(status)] += 1
        record.rows.append([_label(label, title), start.isoformat(), end.isoformat(), str(status), comment])
    for record in found.values():
        record.score = share(record.raw["accepted"], record.raw["reviewed"])
        record.raw["none"] = not record.raw["reviewed"]
    return found


def projects_on_time(year: int, as_of: dt.date, unit_ids: list[int]) -> dict[int, Scored]:
    """The projects a unit leads whose deadline fell in the year (by ``as_of``): completed or not.
    A suspended project is not judged. Two queries."""
    found: dict[int, Scored] = {unit: Scored(raw={"due": 0, "done": 0, "overdue": 0}) for unit in unit_ids}
    leads = _led_projects(unit_ids)
    projects = (
        Project.objects.filter(
            pk__in=list(leads),
            deadline__year=year,
            deadline__lte=as_of,
        )
        .exclude(status=ProjectStatus.SUSPENDED)
        .order_by("deadline", "plan_id", "position")
        .values_list("pk", "label", "title", "deadline", "status", "progress")
    )
    for pk, label, title, deadline, status, progress in projects:
        done = status == ProjectStatus.COMPLETED or progress >= 100
        for unit in leads[pk]:
            record = found[unit]
            record.raw["due"] += 1
            record.raw["done" if done else "overdue"] += 1
            record.rows.append(
                [
                    _label(label, title),
                    deadline and deadline.isoformat(),
                    progress,
                    "done" if done else "overdue",
                ]
            )
    for record in found.values():
        record.score = share(record.raw["done"], record.raw["due"])
        record.raw["none"] = not record.raw["due"]
    return found


def target_achievement(year: int, as_of: dt.date, unit_ids: list[int]) -> dict[int, Scored]:
    """The targets of the projects a unit leads, by their latest actual value on the year's last day
    (or ``as_of``): the score is the mean achievement of those with one. Two queries."""
    found: dict[int, Scored] = {unit: Scored(raw={"targets": 0, "valued": 0}) for unit in unit_ids}
    leads = _led_projects(unit_ids)
    day = min(dt.date(year, 12, 31), as_of)
    targets = targets_with_latest(
        Target.objects.filter(project_id__in=list(leads))
        .select_related("project__plan")
        .order_by("project_id", "position"),
        as_of=day,
    )
    sums: dict[int, Decimal] = defaultdict(Decimal)
    for target in targets:
        state = latest_achievement(target, target.project.plan, day)
        share_of = None if state.achievement is None else Decimal(str(state.achievement)).quantize(CENT)
        for unit in leads[target.project_id]:
            record = found[unit]
            record.raw["targets"] += 1
            if share_of is not None:
                record.raw["valued"] += 1
                sums[unit] += share_of
            record.rows.append(
                [
                    _label(target.project.label, target.text),
                    None if state.latest is None else str(state.latest.normalize()),
                    state.latest_date and state.latest_date.isoformat(),
                    None if share_of is None else str(share_of),
                ]
            )
    for unit, record in found.items():
        valued = record.raw["valued"]
        record.score = (sums[unit] / valued).quantize(CENT, rounding=ROUND_HALF_UP) if valued else HUNDRED
        record.raw["none"] = not valued
    return found


def supervision_orders(year: int, as_of: dt.date, unit_ids: list[int]) -> dict[int, Scored]:
    """The supervision orders of the year addressed to a unit: answered by the response date, answered
    late, or not answered (by ``as_of``). One query."""
    found: dict[int, Scored] = {
        unit: Scored(raw={"received": 0, "on_time": 0, "late": 0, "unanswered": 0}) for unit in unit_ids
    }
    orders = (
        SupervisionOrder.objects.filter(year=year, unit_id__in=unit_ids)
        .order_by("sequence")
        .values_list("unit_id", "year", "sequence", "grade", "response_due", "responded_at")
    )
    for unit, order_year, sequence, grade, due, responded_at in orders:
        day = timezone.localtime(responded_at).date() if responded_at else None
        if day is not None and day > as_of:
            day = None
        state = "unanswered" if day is None else ("on_time" if day <= due else "late")
        record = found[unit]
        record.raw["received"] += 1
        record.raw[state] += 1
        record.rows.append(
            [f"督办〔{order_year}〕{sequence}号", str(grade), due.isoformat(), day and day.isoformat(), state]
        )
    for record in found.values():
        record.score = share(record.raw["on_time"], record.raw["received"])
        record.raw["none"] = not record.raw["received"]
    return found
