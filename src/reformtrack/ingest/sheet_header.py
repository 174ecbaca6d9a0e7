"""sheet_header: where a ledger's header is in its first rows, and which column holds what.

Offices head their 台账 columns in many ways (重点任务 or 改革事项, 牵头单位 or 责任单位 …), often
under a title row, sometimes in two rows (责任单位 merged over 牵头单位 and 配合单位). The header is
the row among the first :data:`HEADER_SEARCH_ROWS` whose cells name the most known columns; a row
right under it that names known columns too is the second row of a two-row header, and the more
specific name of each column wins.

A column maps to one :data:`FIELDS` key; a person can correct the mapping (the import wizard's
select per column) and pass it back as ``mapping``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .errors import NoStructure
from .read_sheet import Cell

__all__ = ["FIELDS", "HEADER_SEARCH_ROWS", "Header", "detect_header", "field_for"]

HEADER_SEARCH_ROWS = 10

# field → the column headings that mean it, most specific first. English names are the mapping's
# keys; the wizard words them through gettext.
FIELDS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号", "项目编号"),
    "chapter": ("章节", "改革领域", "重点领域", "领域", "板块", "类别"),
    "project": ("项目", "重点任务", "改革任务", "改革项目", "改革事项", "主要任务", "任务名称", "任务"),
    "measure": ("举措", "具体举措", "具体措施", "工作措施", "主要举措", "改革举措", "工作任务", "措施"),
    "lead_units": ("牵头单位", "牵头部门", "主责单位", "责任单位", "责任部门"),
    "co_units": ("配合单位", "配合部门", "协办单位", "参与单位", "协助单位"),
    "targets": ("指标", "目标", "工作目标", "预期目标"),
    "deadline": ("完成时限", "时限", "完成时间", "时间节点", "完成期限"),
    "progress": ("进展情况", "工作进展", "推进情况", "进展", "落实情况"),
    "status": ("完成情况", "状态", "完成状态", "是否完成"),
    "percent": ("进度", "完成进度", "完成比例", "进度（%）", "完成率"),
    "flags": ("标记",),
    "note": ("备注", "说明"),
}
IGNORED = ""  # the mapping's value for a column that is not imported
# Fields a ledger cannot be read without: one of these must be mapped.
CORE_FIELDS = ("project", "measure")

_NOISE_RE = re.compile(r"[\s\u3000:：*＊\n]+")
_BRACKET_RE = re.compile(r"[（(][^（）()]*[）)]$")


def _normal(value: Cell) -> str:
    if not isinstance(value, str):
        return ""
    return _NOISE_RE.sub("", value)


def field_for(heading: Cell) -> str | None:
    """The field a column heading names, or ``None``: an exact name first, then a name the heading
    starts with (完成时限（年月）) or holds (拟完成时限)."""
    text = _normal(heading)
    if not text or len(text) > 20:
        return None
    bare = _BRACKET_RE.sub("", text) or text
    for candidate in (text, bare):
        for name, headings in FIELDS.items():
            if candidate in headings:
                return name
    for name, headings in FIELDS.items():
        if any(len(h) >= 2 and h in bare for h in headings):
            return name
    return None


@dataclass
class Header:
    """The header found: its rows (0-based, the data start after the last), the column headings as
    shown, and the detected mapping column index → field (:data:`FIELDS` key or ``""``)."""

    first_row: int
    last_row: int
    headings: list[str]
    mapping: dict[int, str]

    @property
    def data_start(self) -> int:
        """The index of the first row under the header."""
        return self.last_row + 1


def _row_fields(row: Sequence[Cell]) -> dict[int, str]:
    found: dict[int, str] = {}
    for index, value in enumerate(row):
        name = field_for(value)
        if name is not None:
            found[index] = name
    return found


def detect_header(rows: Sequence[Sequence[Cell]], filename: str) -> Header:
    """The ledger header in the first rows of ``rows``.

    Raises :class:`NoStructure` when no row among the first :data:`HEADER_SEARCH_ROWS` names at
    least two known columns, one of them the project or the measure column.
    """
    best: tuple[int, int] | None = None  # (score, row index)
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        fields = _row_fields(row)
        score = len(set(fields.values()))
        if score >= 2 and (best is None or score > best[0]):
            best = (score, index)
    if best is None:
        raise NoStructure(
            f"{filename}: no ledger header in the first {HEADER_SEARCH_ROWS} rows; a 台账 needs a header"
            " row with columns such as 重点任务、具体举措、牵头单位、完成时限",
            zh=f"{filename}：前{HEADER_SEARCH_ROWS}行中没有台账表头；台账需要一行表头，"
            "含有重点任务、具体举措、牵头单位、完成时限等列",
        )
    first = last = best[1]
    mapping = _row_fields(rows[first])
    # A two-row header: the row above or below names columns too and holds nothing else (a
    # heading merged over two columns repeats in both, and one merged down repeats in both rows).
    if first > 0 and _only_headings(rows[first - 1], rows[first]) and _overlaps(rows[first - 1], rows[first]):
        first -= 1
        mapping = {**_row_fields(rows[first]), **mapping}
    elif last + 1 < len(rows) and _only_headings(rows[last + 1], rows[last]):
        last += 1
        mapping.update(_row_fields(rows[last]))
    width = max(len(rows[first]), len(rows[last]))
    headings = [_heading(rows, first, last, column) for column in range(width)]
    full = {column: mapping.get(column, IGNORED) for column in range(width)}
    return Header(first_row=first, last_row=last, headings=headings, mapping=_deduplicated(full))


def _overlaps(upper: Sequence[Cell], lower: Sequence[Cell]) -> bool:
    """Whether ``upper`` sits over ``lower`` as one header: a cell merged down repeats in both, or
    ``upper`` is blank over a heading of ``lower`` (a heading of the second row only)."""
    for column, value in enumerate(lower[: len(upper)]):
        above = upper[column]
        if value is not None and (above == value or above is None):
            return True
    return False


def _only_headings(row: Sequence[Cell], other: Sequence[Cell]) -> bool:
    """Whether every cell of ``row`` is a known heading, or repeats the cell of the header row
    ``other`` beside it (a heading the reader does not know, merged down over both rows)."""
    values = [value for value in row if value is not None]
    # a title merged across the table repeats one text in every cell: not a header row
    if len(set(values)) < 2:
        return False
    return all(
        isinstance(value, str)
        and (field_for(value) is not None or (column < len(other) and other[column] == value))
        for column, value in enumerate(row)
        if value is not None
    )


def _heading(rows: Sequence[Sequence[Cell]], first: int, last: int, column: int) -> str:
    parts: list[str] = []
    for index in range(first, last + 1):
        row = rows[index]
        value = row[column] if column < len(row) else None
        text = _normal(value)
        if text and text not in parts:
            parts.append(text)
    return "/".join(parts)


def _deduplicated(mapping: dict[int, str]) -> dict[int, str]:
    """One column per field: the first keeps it. Two 责任单位-like columns are lead then co-units."""
    seen: set[str] = set()
    out: dict[int, str] = {}
    for column, name in sorted(mapping.items()):
        if name == "lead_units" and name in seen and "co_units" not in mapping.values():
            name = "co_units"
        if name and name in seen:
            name = IGNORED
        seen.add(name)
        out[column] = name
    return out


def check_mapping(mapping: Mapping[int, str], filename: str) -> None:
    """Refuse a mapping the ledger cannot be read with: unknown fields, a field twice, no project
    or measure column (:class:`NoStructure`)."""
    used = [name for name in mapping.values() if name]
    unknown = sorted(set(used) - FIELDS.keys())
    if unknown:
        raise NoStructure(
            f"{filename}: unknown column meanings {', '.join(unknown)}",
            zh=f"{filename}：列的含义无法识别：{'、'.join(unknown)}",
        )
    twice = sorted({name for name in used if used.count(name) > 1})
    if twice:
        raise NoStructure(
            f"{filename}: more than one column is mapped to {', '.join(twice)}",
            zh=f"{filename}：有多列被指定为{'、'.join(FIELDS[name][0] for name in twice)}",
        )
    if not any(name in used for name in CORE_FIELDS):
        raise NoStructure(
            f"{filename}: the header cannot be mapped: no column holds the projects (项目/重点任务)"
            " or the measures (举措/具体举措)",
            zh=f"{filename}：无法识别表头各列：没有列对应项目（项目/重点任务）或举措（举措/具体举措）",
        )
