"""四、逾期未完成事项 of a bulletin: one row per project, with its overdue measures inside.

A project is listed when it is overdue itself or one of its measures is; the row names its plan,
its lead units, its deadline as a date (the printed phrase, 3年内, only when no date is known),
how many days it is overdue and its progress; its overdue measures follow in the last cell, one a
line, each with its own date, days overdue and progress (and its own lead units where they differ).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reformtrack.core.official_docx import chinese_date
from reformtrack.ledger.models import Measure, Project, Unit

from . import bulletin_data as facts

if TYPE_CHECKING:
    from .bulletin import Period, Section

# A bulletin is read by people: the table lists the longest overdue projects and says how many
# more there are (the ledger has them all); a city-scale programme would otherwise print thousands.
OVERDUE_LISTED = 100
# Overdue measures printed inside one project's row; the rest are counted.
MEASURES_LISTED = 10
HEADER = ["序号", "方案", "项目", "牵头单位", "完成时限", "逾期天数", "进度", "逾期举措"]


def deadline_text(item: Project | Measure) -> str:
    """The deadline as a date, 2014年6月30日; the printed phrase only when no date is known."""
    return chinese_date(item.deadline) if item.deadline else item.deadline_text


def days_overdue(item: Project | Measure, as_of: dt.date) -> int | None:
    """Whole days past the deadline as of the day; ``None`` when not overdue or undated."""
    if item.deadline is None or item.deadline >= as_of:
        return None
    return (as_of - item.deadline).days


def _names(units: list[Unit]) -> str:
    return "、".join(unit.name for unit in units)


@dataclass
class _Row:
    project: Project
    overdue: bool = False
    measures: list[Measure] = field(default_factory=list)

    def earliest(self) -> dt.date:
        dates = [measure.deadline for measure in self.measures if measure.deadline]
        if self.overdue and self.project.deadline:
            dates.append(self.project.deadline)
        return min(dates) if dates else dt.date.max


def _measure_line(index: int, measure: Measure, project_leads: str, as_of: dt.date) -> str:
    leads = _names(facts.measure_leads(measure))
    days = days_overdue(measure, as_of)
    parts = [f"时限{deadline_text(measure)}"]
    if days is not None:
        parts.append(f"逾期{days}天")
    parts.append(f"进度{measure.progress}%")
    if leads and leads != project_leads:
        parts.insert(0, leads)
    return f"{index}. {measure.text}（{'，'.join(parts)}）"


def _cells(number: int, row: _Row, plans: dict[int, str], as_of: dt.date) -> list[str]:
    project = row.project
    leads = _names(facts.lead_units(project))
    days = days_overdue(project, as_of) if row.overdue else None
    lines = [
        _measure_line(i, measure, leads, as_of) for i, measure in enumerate(row.measures[:MEASURES_LISTED], 1)
    ]
    if len(row.measures) > MEASURES_LISTED:
        lines.append(f"另有{len(row.measures) - MEASURES_LISTED}项，详见台账。")
    return [
        str(number),
        plans.get(project.plan_id, ""),
        f"{project.label}{project.title}",
        leads,
        deadline_text(project),
        "—" if days is None else str(days),
        f"{project.progress}%",
        "\n".join(lines) or "—",
    ]


def overdue(period: Period) -> Section:
    """四、逾期未完成事项: the projects overdue or with overdue measures, the longest overdue first,
    up to ``OVERDUE_LISTED``."""
    from .bulletin import Section

    rows: dict[int, _Row] = {}
    for project in period.overdue:
        rows[project.pk] = _Row(project, overdue=True)
    for measure in period.measures:
        rows.setdefault(measure.project_id, _Row(measure.project)).measures.append(measure)
    if not rows:
        return Section("逾期未完成事项", ["无。"])
    plans = {plan.plan.pk: plan.plan.title for plan in period.plans}
    ordered = sorted(rows.values(), key=lambda row: (row.earliest(), row.project.plan_id, row.project.pk))
    summary = (
        f"截至{chinese_date(period.as_of)}，逾期未完成项目{len(period.overdue)}项、"
        f"举措{len(period.measures)}项，涉及改革项目{len(rows)}个。"
    )
    if len(ordered) > OVERDUE_LISTED:
        summary += f"以下列出逾期最久的{OVERDUE_LISTED}个项目，其余详见台账。"
    return Section(
        "逾期未完成事项",
        [summary],
        HEADER,
        [_cells(i, row, plans, period.as_of) for i, row in enumerate(ordered[:OVERDUE_LISTED], 1)],
    )
