"""Bulletins (通报) as .docx in the official layout: title, number, date, numbered sections, tables.

A first step: :func:`bulletin_draft` gathers a bulletin from the data (overall figures, overdue
projects, open supervision orders, units listed for accountability) and :func:`bulletin_docx`
renders any :class:`Bulletin`. Editing, issuing with a stored number and publishing come later.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.db.models import Prefetch
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from reformtrack.ledger.choices import ProjectStatus, UnitRole
from reformtrack.ledger.models import Project, ProjectUnit

from .choices import OPEN_STATUSES
from .models import SupervisionOrder
from .selectors import accountability_records

# Official documents (GB/T 9704): title in 小标宋 二号 (22 pt), body in 仿宋 三号 (16 pt), headings 黑体.
TITLE_FONT, BODY_FONT, HEADING_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体"
TITLE_SIZE, BODY_SIZE, TABLE_SIZE = Pt(22), Pt(16), Pt(10.5)
CHINESE_NUMERALS = "一二三四五六七八九十"


@dataclass
class Section:
    """One numbered section: a heading, paragraphs, and optionally a table (header row + rows)."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Bulletin:
    """A bulletin ready to render."""

    title: str
    number: str
    date: dt.date
    sections: list[Section]


def _overdue_projects(today: dt.date) -> list[Project]:
    leads = Prefetch(
        "project_units",
        queryset=ProjectUnit.objects.filter(role=UnitRole.LEAD).select_related("unit"),
        to_attr="lead_links",
    )
    return list(
        Project.objects.filter(deadline__lt=today)
        .exclude(status=ProjectStatus.COMPLETED)
        .prefetch_related(leads)
        .order_by("deadline", "plan_id", "position")
    )


def bulletin_draft(*, number: str, today: dt.date, title: str = "全面深化改革工作督查通报") -> Bulletin:
    """A bulletin gathered from the data as of ``today`` (a few queries, whatever the size)."""
    overdue = _overdue_projects(today)
    orders = list(
        SupervisionOrder.objects.filter(status__in=OPEN_STATUSES)
        .select_related("unit", "project")
        .order_by("year", "sequence")
    )
    records = accountability_records(today=today)
    total = Project.objects.count()
    completed = Project.objects.filter(status=ProjectStatus.COMPLETED).count()
    summary = Section(
        "总体情况",
        [
            f"截至{today.year}年{today.month}月{today.day}日，全区改革项目共{total}项，已完成{completed}项，"
            f"逾期未完成{len(overdue)}项；未办结的督办单{len(orders)}件。"
        ],
    )
    overdue_section = Section(
        "逾期未完成事项",
        [] if overdue else ["无。"],
        ["序号", "项目", "牵头单位", "完成时限", "进度"],
        [
            [
                str(i),
                f"{project.label}{project.title}",
                "、".join(link.unit.name for link in project.lead_links),  # type: ignore[attr-defined]
                project.deadline.isoformat() if project.deadline else "",
                f"{project.progress}%",
            ]
            for i, project in enumerate(overdue, 1)
        ],
    )
    orders_section = Section(
        "督办事项",
        [] if orders else ["无。"],
        ["编号", "承办单位", "项目", "等级", "回复时限", "状态"],
        [
            [
                order.number,
                order.unit.name,
                str(order.project),
                order.get_grade_display(),
                order.response_due.isoformat(),
                order.get_status_display(),
            ]
            for order in orders
        ],
    )
    accountability = Section(
        "行政无为责任追究",
        [
            f"{record.unit.name}：逾期未完成项目{len(record.overdue_projects)}项，"
            f"逾期未回复督办单{len(record.unanswered_orders)}件。"
            for record in records
        ]
        or ["无。"],
    )
    return Bulletin(title, number, today, [summary, overdue_section, orders_section, accountability])


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


def bulletin_docx(bulletin: Bulletin) -> bytes:
    """The bulletin as a .docx: centred title and number, the date on the right, numbered sections."""
    document = Document()
    _paragraph(document, bulletin.title, TITLE_FONT, TITLE_SIZE, WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, bulletin.number, BODY_FONT, BODY_SIZE, WD_ALIGN_PARAGRAPH.CENTER)
    for i, section in enumerate(bulletin.sections):
        numeral = CHINESE_NUMERALS[i] if i < len(CHINESE_NUMERALS) else str(i + 1)
        _paragraph(document, f"{numeral}、{section.heading}", HEADING_FONT, BODY_SIZE)
        for text in section.paragraphs:
            _paragraph(document, text, BODY_FONT, BODY_SIZE)
        if section.header:
            table = document.add_table(rows=1, cols=len(section.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, section.header, strict=True):
                _font(cell.paragraphs[0].add_run(text), HEADING_FONT, TABLE_SIZE, bold=True)
            for row in section.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    _font(cell.paragraphs[0].add_run(text), BODY_FONT, TABLE_SIZE)
    date = bulletin.date
    _paragraph(
        document, f"{date.year}年{date.month}月{date.day}日", BODY_FONT, BODY_SIZE, WD_ALIGN_PARAGRAPH.RIGHT
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
