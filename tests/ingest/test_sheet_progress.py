"""A ledger read as a progress update: percentages, status words, 进展情况, unreadable values."""

from __future__ import annotations

import pytest

from reformtrack.ingest import NoStructure
from reformtrack.ingest.read_sheet import read_sheet
from reformtrack.ingest.sheet_plan import LedgerRowsRefused, read_ledger
from reformtrack.ingest.sheet_progress import ProgressRow, progress_rows, read_percent, read_status

from .test_read_sheet import Rows, xlsx


def rows_of(rows: Rows) -> list[ProgressRow]:
    return progress_rows(read_ledger(read_sheet(xlsx(rows), "进展.xlsx"), "进展.xlsx"))


@pytest.mark.parametrize(
    ("value", "percent"),
    [("80%", 80), ("80", 80), ("0.8", 80), ("100％", 100), ("0", 0), ("120%", None), ("大半", None)],
)
def test_it_reads_percentages(value: str, percent: int | None) -> None:
    assert read_percent(value) == percent


@pytest.mark.parametrize(
    ("value", "status"),
    [("已完成", "completed"), ("推进中", "in_progress"), ("未启动", "not_started"), ("暂缓", "suspended")],
)
def test_it_reads_status_words(value: str, status: str) -> None:
    assert read_status(value) == status


def test_it_reads_a_progress_ledger() -> None:
    rows = rows_of(
        [
            ["重点任务", "具体举措", "进度", "完成情况", "进展情况"],
            ["（一）商事改革", "举措一", "80%", "推进中", "已制定方案"],
            ["（二）教育改革", None, None, "已完成", None],
        ]
    )

    assert [(r.row, r.project, r.measure, r.percent, r.status, r.note) for r in rows] == [
        (2, "（一）商事改革", "举措一", 80, "in_progress", "已制定方案"),
        (3, "（二）教育改革", "", None, "completed", ""),
    ]


def test_a_narrative_completion_column_is_the_progress_in_words() -> None:
    [row] = rows_of([["重点任务", "完成情况"], ["（一）商事改革", "已出台实施意见，正在试点"]])

    assert (row.status, row.note) == (None, "已出台实施意见，正在试点")


def test_unreadable_values_are_listed_per_row() -> None:
    with pytest.raises(LedgerRowsRefused) as caught:
        rows_of(
            [
                ["重点任务", "进度", "完成情况", "进展情况"],
                ["（一）商事改革", "大半", None, None],
                ["（二）教育改革", "50%", "差不多", "在做"],
            ]
        )

    assert [(p.row, p.code) for p in caught.value.problems] == [(2, "value"), (3, "value")]


def test_a_ledger_without_progress_columns_is_refused() -> None:
    with pytest.raises(NoStructure, match="no column holds progress"):
        rows_of([["重点任务", "牵头单位"], ["（一）商事改革", "区发改局"]])
