"""The ledger (台账) as a spreadsheet: one row per measure, the way the coordinating office keeps it."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

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


def _names(units: list[str]) -> str:
    return "、".join(units)


def ledger_rows(ledger: Ledger) -> list[list[str]]:
    """The rows under the header: one per measure; a project without measures still gets one row.

    A measure without units of its own answers through its project's units, and without a deadline
    of its own through the project's: every row can be filtered by unit and deadline on its own.
    """
    rows: list[list[str]] = []

    def project_rows(chapter: str, node: ProjectNode) -> None:
        project = node.project
        title = f"{project.label}{project.title}"
        lead = [unit.name for unit in node.lead_units]
        co = [unit.name for unit in node.co_units]
        targets = "；".join(target.text for target in node.targets)
        flags = "；".join(str(reason) for reason in project.review_reasons)
        if project.needs_review and not flags:
            flags = "needs review"
        deadline = project.deadline_text or (project.deadline.isoformat() if project.deadline else "")
        if not node.measures:
            rows.append([chapter, title, "", _names(lead), _names(co), targets, deadline, flags])
        for row in node.measures:
            measure = row.measure
            measure_deadline = measure.deadline_text or (
                measure.deadline.isoformat() if measure.deadline else ""
            )
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

    Chinese header row, frozen; column widths set; autofilter over the whole table.
    """
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new Workbook always has one sheet
    sheet.title = "台账"
    sheet.append([header for header, _ in COLUMNS])
    rows = ledger_rows(ledger)
    for row in rows:
        sheet.append(row)
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = wrap
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    workbook.save(path)
    return len(rows)
