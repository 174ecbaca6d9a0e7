"""sheet_plan: a ledger's rows, read through its column mapping, as a :class:`~.model.ParsedPlan`.

One row per measure, the way offices keep a 台账 and the platform exports one
(``reformtrack export --xlsx``): consecutive rows with the same chapter and project cells are one
project; a row without a measure is a project without measures (a parent of sub-projects). The
project's label (``（一）``, ``1.``, ``（1）``) gives its level, as in a document: the label styles nest
in the order they first appear under a chapter. Units, deadline and targets that every row of a
project shares are the project's; a row's own differing value is its measure's.

Problems are collected per row (:class:`RowProblem`) instead of raised at the first one, so that a
person sees them all at once; :func:`sheet_to_plan` raises :class:`LedgerRowsRefused` if any.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .annotations import read_units
from .errors import IngestError, NoStructure
from .metadata import find_period
from .model import Chapter, Item, Measure, ParsedPlan, Target
from .read_sheet import Cell, SheetData
from .reasons import Reason, ReasonCode, language
from .sheet_header import Header, check_mapping, detect_header
from .structure import CN, SECTION, match_label
from .targets import find_targets
from .timeframes import PlanPeriod, resolve_deadline

__all__ = [
    "LedgerRow",
    "LedgerRowsRefused",
    "LedgerSheet",
    "RowProblem",
    "read_cell_units",
    "read_ledger",
    "sheet_to_plan",
    "sheet_to_plan_checked",
    "split_units",
]

# Line breaks, slashes and wide gaps part a cell's names before the annotations' splitter reads
# each piece (which parts on 、，；, but not inside brackets: 各县（市、区）人民政府 is one unit).
_CELL_SPLIT_RE = re.compile(r"[/\n]+|\s{2,}")
_SAFEGUARDS_RE = re.compile(r"保障措施|保障机制|(?:组织|工作|实施|政策|制度|监督|要素)保障|组织实施")


def read_cell_units(value: str) -> tuple[list[str], list[str]]:
    """A unit cell as (unit names, generic phrases), read as an annotation's unit list is
    (:func:`.annotations.read_units`): ``区发展改革局及各街道`` gives the unit and ``各街道`` as a
    phrase, ``相关部门`` no unit at all. Parts are split on line breaks, ``/`` and wide gaps too."""
    units: list[str] = []
    generic: list[str] = []
    for piece in _CELL_SPLIT_RE.split(value):
        names, phrases = read_units(piece)
        units.extend(name for name in names if name not in units)
        generic.extend(phrase for phrase in phrases if phrase not in generic)
    return units, generic


def split_units(value: str) -> list[str]:
    """The unit names in a cell, generic bodies (相关部门, 各地区) left out: see :func:`read_cell_units`."""
    return read_cell_units(value)[0]


@dataclass(frozen=True)
class RowProblem:
    """Why one row cannot be imported: its spreadsheet row number (1-based), a code and a message.

    Codes: ``deadline`` (unreadable deadline), ``no_project`` (a measure without a project),
    ``duplicate`` (a project number twice), ``unknown_project`` and ``value`` (progress updates).
    """

    row: int
    code: str
    message: str
    value: str = ""

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}"

    def words(self, lang: str = "zh") -> str:
        """The problem in Chinese (the default) or English (``lang="en"``: what ``str`` gives)."""
        if language(lang) == "en":
            return str(self)
        value = self.value[:40]
        return f"第{self.row}行：" + (
            _PROBLEM_ZH[self.code].format(value=value) if self.code in _PROBLEM_ZH else self.message
        )


# Each RowProblem code's Chinese; ``value`` is the cell's text.
_PROBLEM_ZH = {
    "deadline": "无法识别的完成时限“{value}”",
    "no_project": "该行未写明所属项目",
    "duplicate": "项目编号{value}重复出现",
    "unknown_project": "方案中没有项目“{value}”",
    "unknown_measure": "该项目没有举措“{value}”",
    "value": "无法识别的值“{value}”",
}


class LedgerRowsRefused(IngestError):
    """Rows of a ledger that cannot be imported; ``problems`` lists each."""

    def __init__(self, filename: str, problems: Sequence[RowProblem]) -> None:
        self.problems = list(problems)
        shown = "; ".join(str(problem) for problem in self.problems[:5])
        more = f" (and {len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
        shown_zh = "；".join(problem.words("zh") for problem in self.problems[:5])
        more_zh = f"（另有{len(self.problems) - 5}行）" if len(self.problems) > 5 else ""
        super().__init__(
            f"{filename}: {len(self.problems)} rows cannot be imported: {shown}{more}",
            zh=f"{filename}：有{len(self.problems)}行无法导入：{shown_zh}{more_zh}",
        )


@dataclass
class LedgerRow:
    """One data row: its spreadsheet row number and its values by field (text, or a date)."""

    row: int
    values: dict[str, str]
    dates: dict[str, dt.date] = field(default_factory=dict)

    def get(self, name: str) -> str:
        """The row's text in a field, ``""`` when empty or not mapped."""
        return self.values.get(name, "")


@dataclass
class LedgerSheet:
    """A ledger read from a spreadsheet: its title, the header found, the mapping used, the rows."""

    filename: str
    title: str
    header: Header
    mapping: dict[int, str]
    rows: list[LedgerRow]
    format: str = ""
    encoding: str = ""


def read_ledger(
    sheets: Sequence[SheetData],
    filename: str,
    mapping: Mapping[int, str] | None = None,
    fixes: Mapping[int, Mapping[str, str]] | None = None,
) -> LedgerSheet:
    """The first worksheet with a ledger header, read through ``mapping`` (the detected one if None).

    ``fixes`` (spreadsheet row number → field → text) replace what those rows' cells hold: a
    person's correction of an unreadable deadline or a project number, kept apart from the file.

    Raises :class:`NoStructure` when no worksheet has a ledger header or the mapping has no project
    or measure column.
    """
    header: Header | None = None
    error: NoStructure | None = None
    for sheet in sheets:
        try:
            header = detect_header(sheet.rows, filename)
        except NoStructure as exc:
            error = error or exc
            continue
        break
    if header is None:
        if mapping is None or not sheets:
            assert error is not None
            raise error
        # no header a reader knows, but a person said what the columns hold: the first row heads them
        sheet = sheets[0]
        headings = [str(value or "") for value in sheet.rows[0]]
        header = Header(first_row=0, last_row=0, headings=headings, mapping=dict(mapping))
    used = dict(header.mapping if mapping is None else mapping)
    check_mapping(used, filename)
    rows: list[LedgerRow] = []
    for index in range(header.data_start, len(sheet.rows)):
        row = _row(sheet.rows[index], index + 1, used)
        if row is not None and fixes and row.row in fixes:
            _fix(row, fixes[row.row])
        if row is not None:
            rows.append(row)
    title = _title_above(sheet.rows[: header.first_row]) or _stem(filename)
    return LedgerSheet(filename, title, header, used, rows, sheet.format, sheet.encoding)


def _row(cells: Sequence[Cell], number: int, mapping: Mapping[int, str]) -> LedgerRow | None:
    row = LedgerRow(row=number, values={})
    for column, name in mapping.items():
        if not name or column >= len(cells) or cells[column] is None:
            continue
        value = cells[column]
        if isinstance(value, dt.date):
            row.dates[name] = value
            row.values[name] = value.isoformat()
        else:
            row.values[name] = str(value)
    if not row.values or set(row.values) <= {"number"}:
        return None  # a blank row, or one that only carries a 序号
    return row


def _fix(row: LedgerRow, fixes: Mapping[str, str]) -> None:
    for name, text in fixes.items():
        row.dates.pop(name, None)
        if text:
            row.values[name] = text
        else:
            row.values.pop(name, None)


def _title_above(rows: Sequence[Sequence[Cell]]) -> str:
    for row in rows:
        texts = [value for value in row if isinstance(value, str)]
        if texts:
            return texts[0].replace("\n", "")
    return ""


def _stem(filename: str) -> str:
    base = re.split(r"[/\\]", filename)[-1]
    return base.rsplit(".", 1)[0] if "." in base else base


# --------------------------------------------------------------------------------------------
# Rows → plan


@dataclass
class _Group:
    """The rows of one project, in order."""

    chapter: str
    project: str
    rows: list[LedgerRow]


def sheet_to_plan(ledger: LedgerSheet) -> ParsedPlan:
    """The plan a ledger holds: chapters, the project tree, measures, units, deadlines, targets.

    Raises :class:`LedgerRowsRefused` listing every row that cannot be imported (unreadable
    deadline, a measure without a project, a project number twice), and :class:`NoStructure` when
    no row holds a project or a measure.
    """
    plan, problems = sheet_to_plan_checked(ledger)
    if problems:
        raise LedgerRowsRefused(ledger.filename, problems)
    return plan


def sheet_to_plan_checked(ledger: LedgerSheet) -> tuple[ParsedPlan, list[RowProblem]]:
    """The plan a ledger holds and the problems of its rows, sorted by row, without raising for them.

    For a preview: a row with an unreadable deadline is in the plan without its deadline, a
    measure without a project is left out. Raises :class:`NoStructure` when there are no rows.
    """
    period_years = find_period(ledger.title)
    period = PlanPeriod(*(period_years or (None, None)))
    problems: list[RowProblem] = []
    groups = _groups(ledger, problems)
    if not groups and not problems:
        raise NoStructure(
            f"{ledger.filename}: the ledger has a header but no rows under it",
            zh=f"{ledger.filename}：台账有表头，但表头下没有数据行",
        )
    chapters: list[Chapter] = []
    by_heading: dict[str, Chapter] = {}
    stacks: dict[str, list[tuple[str, Item]]] = {}
    numbers: dict[tuple[int, int | None, str], int] = {}
    for group in groups:
        chapter = by_heading.get(group.chapter)
        if chapter is None:
            chapter = _chapter(group.chapter, len(chapters) + 1)
            by_heading[group.chapter] = chapter
            chapters.append(chapter)
        item = _item(group, period, problems)
        _place(chapter, item, stacks.setdefault(group.chapter, []), numbers, group, problems)
    plan = ParsedPlan(
        title=ledger.title,
        period_start=period_years[0] if period_years else None,
        period_end=period_years[1] if period_years else None,
        chapters=chapters,
        text=_plain_text(chapters),
        source_format=ledger.format,
        source_encoding=ledger.encoding,
    )
    return plan, sorted(problems, key=lambda p: p.row)


def _groups(ledger: LedgerSheet, problems: list[RowProblem]) -> list[_Group]:
    groups: list[_Group] = []
    has_project = "project" in ledger.mapping.values()
    for row in ledger.rows:
        chapter = row.get("chapter")
        project = row.get("project") if has_project else row.get("measure")
        if not project:
            problems.append(RowProblem(row.row, "no_project", "the row names no project", row.get("measure")))
            continue
        if groups and groups[-1].chapter == chapter and groups[-1].project == project:
            groups[-1].rows.append(row)
        else:
            groups.append(_Group(chapter, project, [row]))
    return groups


def _chapter(heading: str, position: int) -> Chapter:
    label = match_label(heading)
    if label is not None and label.style in (CN, SECTION):
        title = heading[label.end :].strip()
        number = label.number
    else:
        title, number = heading, position
    return Chapter(number=number, title=title, is_safeguards=bool(_SAFEGUARDS_RE.search(title)))


def _shared(values: list[str]) -> str | None:
    """The one value every row has, or None when they differ."""
    return values[0] if values and all(v == values[0] for v in values) else None


def _item(group: _Group, period: PlanPeriod, problems: list[RowProblem]) -> Item:
    label = match_label(group.project)
    title = group.project[label.end :].strip() if label else group.project
    item = Item(
        number=label.number if label else None, label=label.label if label else "", title=title, text=""
    )
    rows = group.rows
    if label is None and "number" in rows[0].values and _shared([r.get("number") for r in rows]):
        number = rows[0].get("number")
        if number.isdigit():
            item.number, item.label = int(number), f"{int(number)}."
    deadlines = [_deadline(row, period, problems) for row in rows]
    _item_units(item, rows)
    shared_deadline = _shared([row.get("deadline") for row in rows])
    if shared_deadline is not None and deadlines[0] is not None:
        item.deadline, item.deadline_text = deadlines[0]
    targets = _shared([row.get("targets") for row in rows]) or ""
    item.targets = [_target(part, item.deadline, period) for part in targets.split("；") if part.strip()]
    flags = _shared([row.get("flags") for row in rows])
    if flags:
        item.flag(Reason.text(flags))
    for row, deadline in zip(rows, deadlines, strict=True):
        text = row.get("measure") if "project" in row.values else ""
        if not text:
            continue
        measure = Measure(text=text)
        for name in ("lead_units", "co_units"):
            units = split_units(row.get(name))
            if units != getattr(item, name):
                setattr(measure, name, units)
        notes = _union(read_cell_units(row.get(name))[1] for name in ("lead_units", "co_units"))
        if notes != item.unit_notes:
            measure.unit_notes = notes
        if shared_deadline is None and deadline is not None:
            measure.deadline, measure.deadline_text = deadline
        item.measures.append(measure)
    item.text = "；".join([f"{item.label}{item.title}", *(m.text for m in item.measures)])
    return item


def _item_units(item: Item, rows: Sequence[LedgerRow]) -> None:
    """The project's units from its rows' cells, read as annotations are: generic bodies become
    ``unit_notes``; a 牵头单位 cell naming only them leaves no lead and flags ``no_body``."""
    for name in ("lead_units", "co_units"):
        shared = _shared([row.get(name) for row in rows])
        cells = [shared] if shared else [row.get(name) for row in rows]
        read = [read_cell_units(cell) for cell in cells]
        setattr(item, name, _union(units for units, _ in read))
        item.unit_notes = _union([item.unit_notes, *(generic for _, generic in read)])
    if item.lead_units:
        return
    for cell in dict.fromkeys(row.get("lead_units") for row in rows):
        if cell and read_cell_units(cell)[1]:
            item.flag(Reason(ReasonCode.NO_BODY, {"text": cell}))


def _union(lists: object) -> list[str]:
    out: list[str] = []
    for names in lists:  # type: ignore[attr-defined]
        out.extend(name for name in names if name not in out)
    return out


def _deadline(
    row: LedgerRow, period: PlanPeriod, problems: list[RowProblem]
) -> tuple[dt.date | None, str] | None:
    """The row's deadline as (date, printed text); a date cell keeps no text. None when empty or
    unreadable (a problem then)."""
    if "deadline" in row.dates:
        return row.dates["deadline"], ""
    value = row.get("deadline")
    if not value:
        return None
    found = resolve_deadline(value, period)
    if found is None:
        problems.append(RowProblem(row.row, "deadline", f"unreadable deadline {value!r}", value))
        return None
    return found.date, value


def _target(text: str, deadline: dt.date | None, period: PlanPeriod) -> Target:
    text = text.strip()
    found = find_targets(text, period=period, deadline=deadline)
    if len(found) == 1 and found[0].text == text:
        return found[0]
    return Target(text=text, subject=text, min=None, max=None, unit="", deadline=deadline)


def _place(
    chapter: Chapter,
    item: Item,
    stack: list[tuple[str, Item]],
    numbers: dict[tuple[int, int | None, str], int],
    group: _Group,
    problems: list[RowProblem],
) -> None:
    """Put ``item`` into the chapter's tree by its label style; a label twice under one parent is a
    problem (two projects cannot share a number)."""
    label = match_label(f"{item.label}x") if item.label else None
    style = label.style if label else ""
    if not style:
        stack.clear()
    else:
        styles = [s for s, _ in stack]
        if style in styles:
            del stack[styles.index(style) :]
    parent = stack[-1][1] if stack else None
    item.level = len(stack) + 1
    (parent.children if parent else chapter.items).append(item)
    if style:
        stack.append((style, item))
        key = (chapter.number, id(parent) if parent else None, item.label)
        first = numbers.setdefault(key, group.rows[0].row)
        if first != group.rows[0].row:
            problems.append(
                RowProblem(
                    group.rows[0].row,
                    "duplicate",
                    f"project number {item.label} appears twice (rows {first} and {group.rows[0].row})",
                    item.label,
                )
            )


def _plain_text(chapters: list[Chapter]) -> str:
    """The plan as lines of text (kept as the source document's text for search and display)."""
    lines: list[str] = []
    for chapter in chapters:
        lines.append(f"{chapter.number}、{chapter.title}" if chapter.title else "")
        for top in chapter.items:
            for item in top.walk():
                lines.append(f"{item.label}{item.title}")
                lines.extend(measure.text for measure in item.measures)
    return "\n".join(line for line in lines if line)
