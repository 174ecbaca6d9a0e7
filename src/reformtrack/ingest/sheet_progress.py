"""sheet_progress: a ledger's rows read as a progress update of a stored plan.

Each row names a project (its label and title, as the ledger or the platform's export prints it),
optionally one of its measures, and what the office learnt: a percentage (进度 80%), a status
(完成情况 已完成) and the words of 进展情况. Which project and measure a row means is decided above
ingest, against the stored plan (:mod:`reformtrack.ledger.services_progress`); here the values are
only read, and a row whose value cannot be read is a :class:`~.sheet_plan.RowProblem`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import NoStructure
from .sheet_plan import LedgerRowsRefused, LedgerSheet, RowProblem

__all__ = ["ProgressRow", "progress_rows", "read_percent", "read_status"]

# Status codes, the same as the ledger's ProjectStatus values.
NOT_STARTED, IN_PROGRESS, COMPLETED, SUSPENDED = "not_started", "in_progress", "completed", "suspended"
_STATUS_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:未启动|未开始|尚未启动|未开展|未推进)$"), NOT_STARTED),
    (re.compile(r"^(?:暂停|暂缓|中止|搁置|暂缓推进)$"), SUSPENDED),
    (re.compile(r"^(?:已完成|完成|已办结|办结|已落实|全面完成|是)$"), COMPLETED),
    (re.compile(r"^(?:推进中|正在推进|进行中|在推进|已启动|部分完成|持续推进|未完成|否)$"), IN_PROGRESS),
)
_PERCENT_RE = re.compile(r"^(?P<n>\d{1,3}(?:\.\d+)?)\s*[%％]?$")
_PROGRESS_FIELDS = ("percent", "status", "progress")


@dataclass
class ProgressRow:
    """One row of a progress update: where it points and what it sets (None: not set)."""

    row: int
    chapter: str
    project: str
    measure: str
    percent: int | None
    status: str | None
    note: str


def read_percent(value: str) -> int | None:
    """``80%``, ``80``, ``0.8`` (a percentage cell) → 80; None when unreadable or out of 0–100."""
    match = _PERCENT_RE.match(value.strip())
    if match is None:
        return None
    number = float(match.group("n"))
    if "." in match.group("n") and number <= 1 and "%" not in value and "％" not in value:
        number *= 100  # an Excel percentage cell holds the fraction
    return round(number) if 0 <= number <= 100 else None


def read_status(value: str) -> str | None:
    """The status code a 完成情况 word means (已完成 → completed), or None."""
    text = re.sub(r"[\s。.]", "", value)
    for pattern, code in _STATUS_WORDS:
        if pattern.match(text):
            return code
    return None


def _unreadable(row: int, what: str, value: str) -> RowProblem:
    return RowProblem(row, "value", f"unreadable {what} {value!r}", value)


def progress_rows(ledger: LedgerSheet) -> list[ProgressRow]:
    """The rows of a progress update; raises :class:`LedgerRowsRefused` listing each unreadable
    value, :class:`NoStructure` when no column holds progress, status or 进展情况."""
    mapped = set(ledger.mapping.values())
    if not mapped & set(_PROGRESS_FIELDS):
        raise NoStructure(
            f"{ledger.filename}: no column holds progress:"
            " a progress update needs 进度、完成情况 or 进展情况",
            zh=f"{ledger.filename}：没有记录进展的列；进展更新需要进度、完成情况或进展情况列",
        )
    problems: list[RowProblem] = []
    out: list[ProgressRow] = []
    for row in ledger.rows:
        project = row.get("project") or (row.get("measure") if "project" not in mapped else "")
        if not project:
            problems.append(RowProblem(row.row, "no_project", "the row names no project", row.get("measure")))
            continue
        percent = None
        if row.get("percent"):
            percent = read_percent(row.get("percent"))
            if percent is None:
                problems.append(
                    RowProblem(
                        row.row, "value", f"unreadable progress {row.get('percent')!r}", row.get("percent")
                    )
                )
        status = None
        note = row.get("progress")
        if row.get("status"):
            status = read_status(row.get("status"))
            if status is None and not note:
                note = row.get("status")  # a narrative 完成情况 column is the progress in words
            elif status is None:
                problems.append(
                    RowProblem(
                        row.row, "value", f"unreadable status {row.get('status')!r}", row.get("status")
                    )
                )
        measure = row.get("measure") if "project" in mapped else ""
        out.append(ProgressRow(row.row, row.get("chapter"), project, measure, percent, status, note))
    if problems:
        raise LedgerRowsRefused(ledger.filename, problems)
    return out
