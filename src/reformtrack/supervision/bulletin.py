"""Bulletins (通报): gathered from the data for a period, rendered as .docx in the official layout.

:func:`bulletin_sections` gathers the sections of a period from the data in a fixed number of
queries whatever the programme's size: overall and per-chapter progress, units ranked by the
timeliness of their progress reports, overdue projects and measures, lagging units, commendations,
open supervision orders and accountability records. The stored bulletin
(:class:`reformtrack.supervision.models.Bulletin`) keeps them as JSON; :func:`bulletin_docx`
renders any :class:`PrintedBulletin` (title, number, numbered sections with tables, date).
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from reformtrack.ledger.choices import ProjectStatus, UnitRole
from reformtrack.ledger.models import Chapter, Measure, MeasureUnit, Plan, Project, ProjectUnit, Unit
from reformtrack.ledger.selectors import ChapterProgress, PlanProgress, weighted_progress
from reformtrack.reporting.choices import ReportStatus
from reformtrack.reporting.models import ProgressReport, ReportingCycle
from reformtrack.reporting.selectors import cycle_periods

from .choices import OPEN_STATUSES
from .models import Bulletin, SupervisionOrder
from .selectors import accountability_records

# Official documents (GB/T 9704): title in 小标宋 二号 (22 pt), body in 仿宋 三号 (16 pt), headings 黑体.
TITLE_FONT, BODY_FONT, HEADING_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体"
TITLE_SIZE, BODY_SIZE, TABLE_SIZE = Pt(22), Pt(16), Pt(10.5)
CHINESE_NUMERALS = "一二三四五六七八九十"
DEFAULT_TITLE = "全面深化改革工作督查通报"

# A bulletin is read by people: the overdue tables list the longest overdue items and say how many
# more there are (the ledger has them all); a city-scale programme would otherwise print thousands.
OVERDUE_LISTED = 100
# A unit is lagging with overdue items, or with fewer than this share of its reports on time.
LAGGING_ON_TIME = 0.8
SECTION_COUNT = 8

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
    numeral = CHINESE_NUMERALS[index] if index < len(CHINESE_NUMERALS) else str(index + 1)
    return f"{numeral}、{heading}"


def chinese_date(day: dt.date) -> str:
    """2014年9月1日."""
    return f"{day.year}年{day.month}月{day.day}日"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _leads() -> Prefetch[Any]:
    return Prefetch(
        "project_units",
        queryset=ProjectUnit.objects.filter(role=UnitRole.LEAD).select_related("unit").order_by("position"),
        to_attr="lead_links",
    )


def _names(units: list[Unit]) -> str:
    return "、".join(unit.name for unit in units)


def _lead_units(item: Any) -> list[Unit]:
    """The lead units of a project loaded with :func:`_leads`."""
    return [link.unit for link in item.lead_links]


# --- the data of a period ----------------------------------------------------------------------


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
        ProjectUnit.objects.filter(role=UnitRole.LEAD, project__plan_id__in=set(plan_of.values()))
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


def _overdue_projects(as_of: dt.date) -> list[Project]:
    return list(
        Project.objects.filter(deadline__lt=as_of)
        .exclude(status=ProjectStatus.COMPLETED)
        .only("id", "plan_id", "label", "title", "deadline", "deadline_text", "progress")
        .prefetch_related(_leads())
        .order_by("deadline", "plan_id", "position")
    )


def _overdue_measures(as_of: dt.date) -> list[Measure]:
    # a measure without lead units of its own answers through its project's lead units
    return list(
        Measure.objects.filter(deadline__lt=as_of, progress__lt=100)
        .exclude(project__status=ProjectStatus.COMPLETED)
        .select_related("project")
        .only(
            "id",
            "text",
            "deadline",
            "deadline_text",
            "progress",
            "project__id",
            "project__label",
            "project__title",
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


def _measure_leads(measure: Any) -> list[Unit]:
    own = [link.unit for link in measure.own_leads]
    return own or _lead_units(measure.project)


def _completed_in(start: dt.date, end: dt.date) -> list[Project]:
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
        .prefetch_related(_leads())
        .order_by("plan_id", "position")
    )


def _deadline(item: Project | Measure) -> str:
    return item.deadline_text or (item.deadline.isoformat() if item.deadline else "")


def bulletin_sections(
    *, start: dt.date, end: dt.date, today: dt.date | None = None, progress: Progress | None = None
) -> list[Section]:
    """The sections of the bulletin of the period ``start``–``end``, from the data as of ``end`` (or
    ``today`` if the period has not ended): a fixed number of queries whatever the size.

    ``progress(done, total, heading)`` is called after each section (the job's progress bar).
    """
    today = today or timezone.localdate()
    as_of = min(end, today)
    sections: list[Section] = []

    def add(section: Section) -> None:
        sections.append(section)
        if progress is not None:
            progress(len(sections), SECTION_COUNT, section.heading)

    period = f"{chinese_date(start)}至{chinese_date(as_of)}"

    # 一、总体情况 and 二、各章节进展
    plans = programme_progress()
    counts: dict[int, dict[str, int]] = {
        row["plan_id"]: {"total": row["total"], "completed": row["completed"], "overdue": row["overdue"]}
        for row in Project.objects.order_by()
        .values("plan_id")
        .annotate(
            total=Count("id"),
            completed=Count("id", filter=Q(status=ProjectStatus.COMPLETED)),
            overdue=Count("id", filter=Q(deadline__lt=as_of) & ~Q(status=ProjectStatus.COMPLETED)),
        )
    }
    total = sum(row["total"] for row in counts.values())
    completed = sum(row["completed"] for row in counts.values())
    overdue_total = sum(row["overdue"] for row in counts.values())
    overall = weighted_progress(
        (Decimal(1), round(plan.progress)) for plan in plans if plan.progress is not None
    )
    add(
        Section(
            "总体情况",
            [
                f"本期（{period}），全区在推进改革方案{len(plans)}个，改革项目共{total}项，"
                f"已完成{completed}项，逾期未完成{overdue_total}项，各方案平均进度{_percent(overall)}。"
            ],
            ["序号", "方案", "项目数", "已完成", "逾期未完成", "总体进度"],
            [
                [
                    str(i),
                    plan.plan.title,
                    str(counts.get(plan.plan.pk, {}).get("total", 0)),
                    str(counts.get(plan.plan.pk, {}).get("completed", 0)),
                    str(counts.get(plan.plan.pk, {}).get("overdue", 0)),
                    _percent(plan.progress),
                ]
                for i, plan in enumerate(plans, 1)
            ],
        )
    )
    add(
        Section(
            "各章节进展",
            [] if plans else ["无。"],
            ["方案", "章节", "项目数", "进度"],
            [
                [
                    plan.plan.title,
                    chapter.chapter.title,
                    str(chapter.project_count),
                    _percent(chapter.progress),
                ]
                for plan in plans
                for chapter in plan.chapters
            ],
        )
    )

    # 三、各单位报送及时情况
    timeliness = report_timeliness(start, end, as_of)
    overdue = _overdue_projects(as_of)
    measures = _overdue_measures(as_of)
    completed_projects = _completed_in(start, as_of)
    unit_ids = set(timeliness)
    units: dict[int, Unit] = {}
    for project in [*overdue, *completed_projects]:
        for unit in _lead_units(project):
            units[unit.pk] = unit
    for measure in measures:
        for unit in _measure_leads(measure):
            units[unit.pk] = unit
    missing_names = unit_ids - set(units)
    if missing_names:
        units.update(Unit.objects.only("id", "name").in_bulk(missing_names))
    ranked = sorted(timeliness.values(), key=lambda t: (-t.rate, t.missing, -t.due, units[t.unit_id].name))
    add(
        Section(
            "各单位报送及时情况",
            [
                f"本期应报送进展报告{sum(t.due for t in ranked)}份，"
                f"按时报送{sum(t.on_time for t in ranked)}份，"
                f"逾期报送{sum(t.late for t in ranked)}份，未报送{sum(t.missing for t in ranked)}份。"
                "按时报送率由高到低排列如下。"
            ]
            if ranked
            else ["本期无到期的进展报告。"],
            ["名次", "单位", "应报", "按时", "逾期报送", "未报送", "按时率"] if ranked else [],
            [
                [
                    str(i),
                    units[t.unit_id].name,
                    str(t.due),
                    str(t.on_time),
                    str(t.late),
                    str(t.missing),
                    f"{t.rate * 100:.0f}%",
                ]
                for i, t in enumerate(ranked, 1)
            ],
        )
    )

    # 四、逾期未完成事项
    rows: list[list[str]] = []
    listed_projects = overdue[:OVERDUE_LISTED]
    listed_measures = measures[:OVERDUE_LISTED]
    for project in listed_projects:
        rows.append(
            [
                str(len(rows) + 1),
                "项目",
                f"{project.label}{project.title}",
                _names(_lead_units(project)),
                _deadline(project),
                f"{project.progress}%",
            ]
        )
    for measure in listed_measures:
        rows.append(
            [
                str(len(rows) + 1),
                "举措",
                f"{measure.project.label}{measure.project.title}：{measure.text}",
                _names(_measure_leads(measure)),
                _deadline(measure),
                f"{measure.progress}%",
            ]
        )
    summary = f"截至{chinese_date(as_of)}，逾期未完成项目{len(overdue)}项、举措{len(measures)}项。"
    if len(overdue) > OVERDUE_LISTED or len(measures) > OVERDUE_LISTED:
        summary += f"以下各列逾期最久的{OVERDUE_LISTED}项，其余详见台账。"
    add(
        Section(
            "逾期未完成事项",
            [summary] if rows else ["无。"],
            ["序号", "类别", "事项", "牵头单位", "完成时限", "进度"] if rows else [],
            rows,
        )
    )

    # 五、工作滞后单位
    late_projects: Counter[int] = Counter()
    late_measures: Counter[int] = Counter()
    for project in overdue:
        for unit in _lead_units(project):
            late_projects[unit.pk] += 1
    for measure in measures:
        for unit in _measure_leads(measure):
            late_measures[unit.pk] += 1
    lagging_ids = set(late_projects) | set(late_measures)
    lagging_ids |= {t.unit_id for t in timeliness.values() if t.due and t.rate < LAGGING_ON_TIME}
    lagging = sorted(
        lagging_ids,
        key=lambda pk: (
            -late_projects[pk],
            -late_measures[pk],
            timeliness[pk].rate if pk in timeliness else 1,
            units[pk].name,
        ),
    )
    add(
        Section(
            "工作滞后单位",
            [
                f"以下{len(lagging)}个单位有逾期未完成事项，或进展报告按时报送率低于{LAGGING_ON_TIME:.0%}，"
                "请对照问题限期整改。"
            ]
            if lagging
            else ["无。"],
            ["序号", "单位", "逾期项目", "逾期举措", "按时报送率"] if lagging else [],
            [
                [
                    str(i),
                    units[pk].name,
                    str(late_projects[pk]),
                    str(late_measures[pk]),
                    f"{timeliness[pk].rate * 100:.0f}%" if pk in timeliness else "—",
                ]
                for i, pk in enumerate(lagging, 1)
            ],
        )
    )

    # 六、通报表扬
    punctual = sorted(
        (units[t.unit_id].name for t in timeliness.values() if t.due and t.on_time == t.due),
    )
    finishers: dict[str, int] = Counter()
    for project in completed_projects:
        for unit in _lead_units(project):
            finishers[unit.name] += 1
    praise: list[str] = []
    if punctual:
        praise.append(f"本期进展报告全部按时报送的单位（{len(punctual)}个）：{'、'.join(punctual)}。")
    if finishers:
        praise.append(
            "本期完成改革项目的单位："
            + "、".join(
                f"{name}（{count}项）"
                for name, count in sorted(finishers.items(), key=lambda kv: (-kv[1], kv[0]))
            )
            + "。"
        )
    add(
        Section(
            "通报表扬",
            praise or ["本期无。"],
            ["序号", "完成的项目", "牵头单位"] if completed_projects else [],
            [
                [
                    str(i),
                    f"{project.label}{project.title}",
                    _names(_lead_units(project)),
                ]
                for i, project in enumerate(completed_projects, 1)
            ],
        )
    )

    # 七、督办事项
    orders = list(
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
    add(
        Section(
            "督办事项",
            [f"未办结的督办单{len(orders)}件。"] if orders else ["无。"],
            ["编号", "承办单位", "项目", "等级", "回复时限", "状态"] if orders else [],
            [
                [
                    order.number,
                    order.unit.name,
                    f"{order.project.label}{order.project.title}",
                    order.get_grade_display(),
                    order.response_due.isoformat(),
                    order.get_status_display(),
                ]
                for order in orders
            ],
        )
    )

    # 八、行政无为责任追究
    records = accountability_records(today=as_of)
    add(
        Section(
            "行政无为责任追究",
            [
                f"{record.unit.name}：逾期未完成项目{len(record.overdue_projects)}项，"
                f"逾期未回复督办单{len(record.unanswered_orders)}件。"
                for record in records
            ]
            or ["无。"],
        )
    )
    return sections


def bulletin_draft(
    *, number: str, today: dt.date, title: str = DEFAULT_TITLE, start: dt.date | None = None
) -> PrintedBulletin:
    """A bulletin of the period from ``start`` (by default 1 January) to ``today``, gathered from the data."""
    start = start or today.replace(month=1, day=1)
    return PrintedBulletin(title, number, today, bulletin_sections(start=start, end=today, today=today))


def _font(run: object, name: str, size: Pt, *, bold: bool = False) -> None:
    run.font.name = name  # type: ignore[attr-defined]
    run.font.size = size  # type: ignore[attr-defined]
    run.font.bold = bold  # type: ignore[attr-defined]
    # East Asian text takes the eastAsia font, which python-docx does not set by itself
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)  # type: ignore[attr-defined]


def _paragraph(
    document: object, text: str, name: str, size: Pt, align: int | None = None, bold: bool = False
) -> None:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    if align is not None:
        paragraph.alignment = align
    _font(paragraph.add_run(text), name, size, bold=bold)


def _table_style(document: Any, name: str, font: str, *, bold: bool = False) -> str:
    """A paragraph style for table cells (font, size, East Asian font), added to ``document``; its
    id. A style set once per cell costs a fraction of a font set on every run: the bulletin of a
    city-scale quarter has over a thousand table rows."""
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.name, style.font.size, style.font.bold = font, TABLE_SIZE, bold
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return str(style.style_id)


def bulletin_docx(bulletin: PrintedBulletin) -> bytes:
    """The bulletin as a .docx: centred title and number, the date on the right, numbered sections."""
    document = Document()
    header_style = _table_style(document, "通报表头", HEADING_FONT, bold=True)
    cell_style = _table_style(document, "通报表格", BODY_FONT)
    _paragraph(document, bulletin.title, TITLE_FONT, TITLE_SIZE, WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, bulletin.number, BODY_FONT, BODY_SIZE, WD_ALIGN_PARAGRAPH.CENTER)
    for i, section in enumerate(bulletin.sections):
        _paragraph(document, section_heading(i, section.heading), HEADING_FONT, BODY_SIZE)
        for text in section.paragraphs:
            _paragraph(document, text, BODY_FONT, BODY_SIZE)
        if section.header:
            table = document.add_table(rows=1, cols=len(section.header))
            table.style = "Table Grid"
            for row, (cells, style) in enumerate(
                [(section.header, header_style)] + [(cells, cell_style) for cells in section.rows]
            ):
                for cell, text in zip(
                    table.rows[0].cells if row == 0 else table.add_row().cells, cells, strict=True
                ):
                    paragraph = cell.paragraphs[0]
                    paragraph._p.style = style  # the style's id, set without a lookup per cell
                    paragraph.add_run(text)
    date = bulletin.date
    _paragraph(
        document, f"{date.year}年{date.month}月{date.day}日", BODY_FONT, BODY_SIZE, WD_ALIGN_PARAGRAPH.RIGHT
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
