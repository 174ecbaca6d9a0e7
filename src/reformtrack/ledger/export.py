"""The ledger (台账) as a spreadsheet: one row per measure, the way the coordinating office keeps it.

The first columns (:data:`COLUMNS`) are the plan as a ledger import reads it back; after them come
what the office reads but an import of the plan does not take: the deadline as a date cell (截止日期,
which sorts and filters as a date where 完成时限 keeps the plan's words, 2014年上半年) and the
project's latest progress in words (最新进展, what the last ledger update or the project page
recorded: a progress update reads it back as 进展情况).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils.translation import gettext

from reformtrack.core.spreadsheet import SpreadsheetWriter

from .reasons import reason_texts
from .render import chapter_heading
from .selectors import Ledger, ProjectNode

# (header, column width in characters)
COLUMNS: list[tuple[str, int]] = [
    ("章节", 28),
    ("项目", 36),
    ("举措", 70),
    ("牵头单位", 28),
    ("配合单位", 28),
    ("指标", 40),
    ("完成时限", 16),
    ("标记", 30),
]
# after COLUMNS: what the office reads beside the plan (see the module's docstring)
PROGRESS_COLUMNS: list[tuple[str, int]] = [("截止日期", 16), ("最新进展", 40)]
LEDGER_COLUMNS = [*COLUMNS, *PROGRESS_COLUMNS]


def _names(units: list[str]) -> str:
    return "、".join(units)


# A deadline is the printed phrase (2014年上半年) where the plan gives one, else the date itself,
# which the spreadsheet holds as a date cell so it sorts and filters as one.
Value = str | dt.date | None


def ledger_rows(ledger: Ledger) -> list[list[Value]]:
    """The rows under the header (:data:`LEDGER_COLUMNS`): one per measure; a project without
    measures still gets one row.

    A measure without units of its own answers through its project's units, and without a deadline
    of its own through the project's: every row can be filtered by unit and deadline on its own.
    """
    rows: list[list[Value]] = []

    def project_rows(chapter: str, node: ProjectNode) -> None:
        project = node.project
        title = f"{project.label}{project.title}"
        lead = [unit.name for unit in node.lead_units]
        co = [unit.name for unit in node.co_units]
        targets = "；".join(target.text for target in node.targets)
        flags = "；".join(reason_texts(project.review_reasons))
        if project.needs_review and not flags:
            flags = gettext("needs review")
        deadline: Value = project.deadline_text or project.deadline or ""
        note = project.progress_note
        if not node.measures:
            rows.append(
                [
                    chapter,
                    title,
                    "",
                    _names(lead),
                    _names(co),
                    targets,
                    deadline,
                    flags,
                    project.deadline,
                    note,
                ]
            )
        for row in node.measures:
            measure = row.measure
            measure_deadline: Value = measure.deadline_text or measure.deadline or ""
            rows.append(
                [
                    chapter,
                    title,
                    measure.text,
                    _names([unit.name for unit in row.lead_units] or lead),
                    _names([unit.name for unit in row.co_units] or co),
                    targets,
                    measure_deadline or deadline,
                    flags,
                    measure.deadline or project.deadline,
                    note,
                ]
            )
        for child in node.children:
            project_rows(chapter, child)

    for chapter_node in ledger.chapters:
        heading = chapter_heading(chapter_node.chapter.number, chapter_node.chapter.title)
        for node in chapter_node.projects:
            project_rows(heading, node)
    return rows


def ledger_to_xlsx(ledger: Ledger, path: Path) -> int:
    """Write the ledger to an .xlsx file; returns the number of rows under the header.

    Chinese header row, frozen and printed on every page; column widths set; autofilter over the
    whole table; A4 landscape (core/spreadsheet.py).
    """
    book = SpreadsheetWriter()
    sheet = book.add_sheet("台账", LEDGER_COLUMNS)
    for row in ledger_rows(ledger):
        sheet.append(row)
    book.save(path)
    return sheet.rows
