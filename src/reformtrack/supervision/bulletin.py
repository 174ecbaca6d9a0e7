"""Bulletins (通报): the sections of a period, written from the data.

:func:`bulletin_sections` writes the ten sections of a period, one function each, from the data
:mod:`.bulletin_data` gathers in a fixed number of queries whatever the programme's size: overall
and per-chapter progress, units ranked by the timeliness of their progress reports, overdue
projects and measures, targets behind their expected path, lagging units, commendations, open
supervision orders, accountability records and the decisions of the period (表扬与问责决定).
The stored bulletin (:class:`reformtrack.supervision.models.Bulletin`) keeps them as JSON;
:func:`reformtrack.supervision.bulletin_docx.bulletin_docx` renders any :class:`PrintedBulletin`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.core.official_docx import chinese_date
from reformtrack.ingest.numerals import int_to_chinese
from reformtrack.ledger.achievement import value_unit
from reformtrack.ledger.choices import ProjectStatus
from reformtrack.ledger.models import Measure, Project, Unit
from reformtrack.ledger.overdue import overdue_projects
from reformtrack.ledger.selectors import PlanProgress, weighted_progress

from . import bulletin_data as facts
from .bulletin_overdue import OVERDUE_LISTED, overdue
from .choices import OPEN_STATUSES
from .decision_docx import DECIDED, points_text
from .decision_selectors import decisions_in
from .models import Bulletin, SupervisionOrder
from .selectors import accountability_records

DEFAULT_TITLE = "全面深化改革工作督查通报"

# A unit is lagging with overdue items, or with fewer than this share of its reports on time.
LAGGING_ON_TIME = 0.8

Progress = Callable[[int, int, str], None]


@dataclass
class Section:
    """One numbered section: a heading, paragraphs, and optionally a table (header row + rows)."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The section as stored in ``Bulletin.sections``."""
        return {
            "heading": self.heading,
            "paragraphs": self.paragraphs,
            "header": self.header,
            "rows": self.rows,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Section:
        """A section from its stored form; missing keys are empty, every cell is text."""
        return cls(
            heading=str(data.get("heading", "")),
            paragraphs=[str(text) for text in data.get("paragraphs", [])],
            header=[str(text) for text in data.get("header", [])],
            rows=[[str(cell) for cell in row] for row in data.get("rows", [])],
        )


@dataclass
class PrintedBulletin:
    """A bulletin ready to render."""

    title: str
    number: str
    date: dt.date
    sections: list[Section]


def printed_bulletin(bulletin: Bulletin) -> PrintedBulletin:
    """A stored bulletin as it prints: dated the day it was issued (a draft: today), its number or
    a note that the number comes at issue."""
    day = timezone.localdate(bulletin.issued_at) if bulletin.issued_at else timezone.localdate()
    return PrintedBulletin(
        bulletin.title,
        bulletin.number or _("(draft: numbered when issued)"),
        day,
        [Section.from_dict(section) for section in bulletin.sections],
    )


def section_heading(index: int, heading: str) -> str:
    """一、总体情况: the heading of section ``index`` (from 0) as it prints."""
    return f"{int_to_chinese(index + 1)}、{heading}"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _names(units: list[Unit]) -> str:
    return "、".join(unit.name for unit in units)


def _rate(value: float) -> str:
    return f"{value * 100:.0f}%"


class Period:
    """The data of the period ``start``–``as_of`` that the sections share, each part gathered when a
    section first asks for it (so the job's progress bar moves while the data are read)."""

    def __init__(self, start: dt.date, end: dt.date, as_of: dt.date) -> None:
        self.start, self.end, self.as_of = start, end, as_of
        self.text = f"{chinese_date(start)}至{chinese_date(as_of)}"

    @cached_property
    def plans(self) -> list[PlanProgress]:
        return facts.programme_progress()

    @cached_property
    def timeliness(self) -> dict[int, facts.Timeliness]:
        return facts.report_timeliness(self.start, self.end, self.as_of)

    @cached_property
    def overdue(self) -> list[Project]:
        return facts.overdue_projects(self.as_of)

    @cached_property
    def measures(self) -> list[Measure]:
        return facts.overdue_measures(self.as_of)

    @cached_property
    def completed(self) -> list[Project]:
        return facts.completed_in(self.start, self.as_of)

    @cached_property
    def units(self) -> dict[int, Unit]:
        """Every unit the sections name, by id: those already loaded with the projects and
        measures, the rest (units with reports only) in one query."""
        units: dict[int, Unit] = {}
        for project in [*self.overdue, *self.completed]:
            for unit in facts.lead_units(project):
                units[unit.pk] = unit
        for measure in self.measures:
            for unit in facts.measure_leads(measure):
                units[unit.pk] = unit
        missing = set(self.timeliness) - set(units)
        if missing:
            units.update(Unit.objects.only("id", "name").in_bulk(missing))
        return units


def overview(period: Period) -> Section:
    """一、总体情况: projects, completed and overdue per plan, and the mean progress of the plans."""
    counts: dict[int, dict[str, int]] = {
        row["plan_id"]: {"total": row["total"], "completed": row["completed"], "overdue": row["overdue"]}
        for row in Project.objects.order_by()
        .values("plan_id")
        .annotate(
            total=Count("id"),
            completed=Count("id", filter=Q(status=ProjectStatus.COMPLETED)),
            overdue=Count("id", filter=overdue_projects(period.as_of)),
        )
    }
    plans = period.plans
    total = sum(row["total"] for row in counts.values())
    completed = sum(row["completed"] for row in counts.values())
    overdue = sum(row["overdue"] for row in counts.values())
    overall = weighted_progress(
        (Decimal(1), round(plan.progress)) for plan in plans if plan.progress is not None
    )

    def count(plan: PlanProgress, key: str) -> str:
        return str(counts.get(plan.plan.pk, {}).get(key, 0))

    return Section(
        "总体情况",
        [
            f"本期（{period.text}），全区在推进改革方案{len(plans)}个，改革项目共{total}项，"
            f"已完成{completed}项，逾期未完成{overdue}项，各方案平均进度{_percent(overall)}。"
        ],
        ["序号", "方案", "项目数", "已完成", "逾期未完成", "总体进度"],
        [
            [
                str(i),
                plan.plan.title,
                count(plan, "total"),
                count(plan, "completed"),
                count(plan, "overdue"),
                _percent(plan.progress),
            ]
            for i, plan in enumerate(plans, 1)
        ],
    )


def chapters(period: Period) -> Section:
    """二、各章节进展: every chapter's project count and progress."""
    return Section(
        "各章节进展",
        [] if period.plans else ["无。"],
        ["方案", "章节", "项目数", "进度"],
        [
            [plan.plan.title, chapter.chapter.title, str(chapter.project_count), _percent(chapter.progress)]
            for plan in period.plans
            for chapter in plan.chapters
        ],
    )


def timeliness(period: Period) -> Section:
    """三、各单位报送及时情况: units ranked by the share of their reports submitted on time."""
    units = period.units
    ranked = sorted(
        period.timeliness.values(), key=lambda t: (-t.rate, t.missing, -t.due, units[t.unit_id].name)
    )
    if not ranked:
        return Section("各单位报送及时情况", ["本期无到期的进展报告。"])
    return Section(
        "各单位报送及时情况",
        [
            f"本期应报送进展报告{sum(t.due for t in ranked)}份，"
            f"按时报送{sum(t.on_time for t in ranked)}份，"
            f"逾期报送{sum(t.late for t in ranked)}份，未报送{sum(t.missing for t in ranked)}份。"
            "按时报送率由高到低排列如下。"
        ],
        ["名次", "单位", "应报", "按时", "逾期报送", "未报送", "按时率"],
        [
            [
                str(i),
                units[t.unit_id].name,
                str(t.due),
                str(t.on_time),
                str(t.late),
                str(t.missing),
                _rate(t.rate),
            ]
            for i, t in enumerate(ranked, 1)
        ],
    )


def _figure(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{value.normalize():f}{unit}"


def targets_behind(period: Period) -> Section:
    """五、指标进度滞后事项: targets whose achievement is behind their expected path by the plan's
    tolerance or more (the status rule that makes the project yellow), the furthest behind first."""
    behind = facts.targets_behind(period.as_of)
    if not behind:
        return Section("指标进度滞后事项", ["无。"])
    rows = [
        [
            str(i),
            f"{state.target.project.label}{state.target.project.title}",
            state.target.text,
            _names(facts.lead_units(state.target.project)),
            f"{_figure(state.latest, value_unit(state.target.form, state.target.unit))}"
            f"（{chinese_date(state.latest_date)}）"
            if state.latest_date
            else "—",
            _percent(state.achievement),
            _percent(state.expected),
        ]
        for i, state in enumerate(behind[:OVERDUE_LISTED], start=1)
    ]
    summary = f"截至{chinese_date(period.as_of)}，{len(behind)}项指标完成度低于按期应达进度。"
    if len(behind) > OVERDUE_LISTED:
        summary += f"以下列出滞后最多的{OVERDUE_LISTED}项，其余详见台账。"
    return Section(
        "指标进度滞后事项",
        [summary],
        ["序号", "项目", "指标", "牵头单位", "最新实际值", "完成度", "应达进度"],
        rows,
    )


def lagging(period: Period) -> Section:
    """六、工作滞后单位: units with overdue items, or with fewer than ``LAGGING_ON_TIME`` of their
    reports on time; most overdue projects first."""
    late_projects: Counter[int] = Counter()
    late_measures: Counter[int] = Counter()
    for project in period.overdue:
        for unit in facts.lead_units(project):
            late_projects[unit.pk] += 1
    for measure in period.measures:
        for unit in facts.measure_leads(measure):
            late_measures[unit.pk] += 1
    record = period.timeliness
    ids = set(late_projects) | set(late_measures)
    ids |= {t.unit_id for t in record.values() if t.due and t.rate < LAGGING_ON_TIME}
    units = period.units
    ranked = sorted(
        ids,
        key=lambda pk: (
            -late_projects[pk],
            -late_measures[pk],
            record[pk].rate if pk in record else 1,
            units[pk].name,
        ),
    )
    if not ranked:
        return Section("工作滞后单位", ["无。"])
    return Section(
        "工作滞后单位",
        [
            f"以下{len(ranked)}个单位有逾期未完成事项，或进展报告按时报送率低于{LAGGING_ON_TIME:.0%}，"
            "请对照问题限期整改。"
        ],
        ["序号", "单位", "逾期项目", "逾期举措", "按时报送率"],
        [
            [
                str(i),
                units[pk].name,
                str(late_projects[pk]),
                str(late_measures[pk]),
                _rate(record[pk].rate) if pk in record else "—",
            ]
            for i, pk in enumerate(ranked, 1)
        ],
    )


def commendations(period: Period) -> Section:
    """七、通报表扬: units with every report on time, and units that completed projects."""
    units = period.units
    punctual = sorted(
        units[t.unit_id].name for t in period.timeliness.values() if t.due and t.on_time == t.due
    )
    finishers: Counter[str] = Counter()
    for project in period.completed:
        for unit in facts.lead_units(project):
            finishers[unit.name] += 1
    praise: list[str] = []
    if punctual:
        praise.append(f"本期进展报告全部按时报送的单位（{len(punctual)}个）：{'、'.join(punctual)}。")
    if finishers:
        ranked = sorted(finishers.items(), key=lambda kv: (-kv[1], kv[0]))
        praise.append("本期完成改革项目的单位：" + "、".join(f"{name}（{n}项）" for name, n in ranked) + "。")
    return Section(
        "通报表扬",
        praise or ["本期无。"],
        ["序号", "完成的项目", "牵头单位"] if period.completed else [],
        [
            [str(i), f"{project.label}{project.title}", _names(facts.lead_units(project))]
            for i, project in enumerate(period.completed, 1)
        ],
    )


def orders(period: Period) -> Section:
    """八、督办事项: the supervision orders not yet closed, whenever they were issued."""
    open_orders = list(
        SupervisionOrder.objects.filter(status__in=OPEN_STATUSES)
        .select_related("unit", "project")
        .only(
            "id",
            "year",
            "sequence",
            "grade",
            "status",
            "response_due",
            "unit__id",
            "unit__name",
            "project__id",
            "project__label",
            "project__title",
        )
        .order_by("year", "sequence")
    )
    if not open_orders:
        return Section("督办事项", ["无。"])
    return Section(
        "督办事项",
        [f"未办结的督办单{len(open_orders)}件。"],
        ["编号", "承办单位", "项目", "等级", "回复时限", "状态"],
        [
            [
                order.number,
                order.unit.name,
                f"{order.project.label}{order.project.title}",
                order.get_grade_display(),
                chinese_date(order.response_due),
                order.get_status_display(),
            ]
            for order in open_orders
        ],
    )


def accountability(period: Period) -> Section:
    """九、行政无为责任追究: the accountability records as of the end of the period."""
    records = accountability_records(today=period.as_of)
    return Section(
        "行政无为责任追究",
        [
            f"{record.unit.name}：逾期未完成项目{len(record.overdue_projects)}项，"
            f"逾期未回复督办单{len(record.unanswered_orders)}件。"
            for record in records
        ]
        or ["无。"],
    )


def decisions(period: Period) -> Section:
    """十、表扬与问责决定: the decisions made in the period, revoked ones left out, oldest first."""
    made = decisions_in(period.start, period.as_of)
    if not made:
        return Section("表扬与问责决定", ["本期无。"])
    return Section(
        "表扬与问责决定",
        [f"本期作出表扬与问责决定{len(made)}件。"],
        ["文号", "单位", "决定", "对考核的影响", "日期"],
        [
            [
                decision.number,
                decision.unit.name,
                DECIDED[decision.kind],
                points_text(decision.points),
                chinese_date(decision.decided_on),
            ]
            for decision in made
        ],
    )


SECTIONS: list[Callable[[Period], Section]] = [
    overview,
    chapters,
    timeliness,
    overdue,
    targets_behind,
    lagging,
    commendations,
    orders,
    accountability,
    decisions,
]


def bulletin_sections(
    *, start: dt.date, end: dt.date, today: dt.date | None = None, progress: Progress | None = None
) -> list[Section]:
    """The sections of the bulletin of the period ``start``–``end``, from the data as of ``end`` (or
    ``today`` if the period has not ended): a fixed number of queries whatever the size.

    ``progress(done, total, heading)`` is called after each section (the job's progress bar).
    """
    period = Period(start, end, min(end, today or timezone.localdate()))
    sections: list[Section] = []
    for write in SECTIONS:
        sections.append(write(period))
        if progress is not None:
            progress(len(sections), len(SECTIONS), sections[-1].heading)
    return sections


def bulletin_draft(
    *, number: str, today: dt.date, title: str = DEFAULT_TITLE, start: dt.date | None = None
) -> PrintedBulletin:
    """A bulletin of the period from ``start`` (by default 1 January) to ``today``, gathered from the data."""
    start = start or today.replace(month=1, day=1)
    return PrintedBulletin(title, number, today, bulletin_sections(start=start, end=today, today=today))
