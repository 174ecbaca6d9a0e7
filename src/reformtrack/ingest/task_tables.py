"""task_tables: a plan's 重点任务分工表 (序号 / 重点任务 / 牵头单位 / 责任单位 / 完成时限) as items.

Many plans print their tasks as a table, often in an 附件, rather than as numbered paragraphs. The
readers (.docx, .html, .ofd) give each table's rows as cell texts on its grid, merged cells filled;
a table whose header maps to a task table (the 台账 header detection of :mod:`.sheet_header`: a task
or measure column and a unit or deadline column) is taken out of the text and reaches the build as
rows. Its rows become items through the ledger code of :mod:`.sheet_plan`, so a row here means what
it means in a 台账: a 牵头单位 column gives lead units, 责任单位/配合单位 beside it co-units, 完成时限 a
deadline resolved by :func:`.timeframes.resolve_deadline` with its text kept, and a 领域/类别 column
(or a row spanning the table, ``一、深化商事制度改革``) the chapter. Without one, the rows form one
chapter named by the table's caption.

The cells follow the text's rules: a task cell's title is made by :mod:`.titles` (flagged
``title_from_sentence`` where the first sentence is no short heading), and unit cells are read as
an annotation's unit list, generic bodies kept as ``unit_notes`` (:func:`.sheet_plan.read_cell_units`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .annotations import read_units
from .errors import NoStructure
from .marks import simplified
from .metadata import find_period
from .model import Chapter, DocTable, Item, Measure, ParsedPlan
from .notes import Note, NoteCode, where
from .numerals import int_to_chinese
from .reasons import Reason, ReasonCode
from .sheet_header import HEADER_SEARCH_ROWS, Header, detect_header, field_for
from .sheet_plan import LedgerRow, LedgerSheet, sheet_to_plan_checked
from .structure import CN, SECTION, match_label
from .targets import find_targets
from .timeframes import PlanPeriod
from .titles import split_title

__all__ = ["TABLE_MARK", "add_table_chapters", "lift_tables", "table_mark", "task_header"]

# A reader puts this line where it took a task table out, for :func:`lift_tables` to find its
# caption above; a private-use character no document prints.
TABLE_MARK = "\ue000task-table:"
_UNIT_FIELDS = ("lead_units", "co_units", "deadline")
_CAPTION_CHARS = 60
_ATTACHMENT_RE = re.compile(r"^附\s*件\s*[0-9０-９一二三四五六七八九十]*\s*[：:.．、]?\s*(.*)$")
_CAPTION_WORD_RE = re.compile(r"表|清单|分工|台账|任务|事项|一览")
_SENTENCE_RE = re.compile(r"[。；;！？]")
_CN_NUMBER_RE = re.compile(r"^[一二三四五六七八九十]+[、．.]?$")
_LEAD_MARK_RE = re.compile(r"[（(](牵头|配合|参与|协办)[）)]$")
_LEAD_IN_RE = re.compile(r"[：:，,]\s*$|如下")
_CATEGORY_FIELD = "chapter"
_PART_EDGE = " \t\u3000，,："
_MARK_SPLIT_RE = re.compile(f"({re.escape(TABLE_MARK)}\\d+)")


def table_mark(index: int) -> str:
    """The placeholder line for the reader's ``index``-th task table."""
    return f"{TABLE_MARK}{index}"


def task_header(rows: Sequence[Sequence[str]]) -> Header | None:
    """The header of a task table, or ``None`` when ``rows`` are some other table.

    A task table heads a task (or measure) column and at least one of 牵头单位/责任单位/完成时限,
    and has a row under its header.
    """
    if len(rows) < 2:
        return None
    # a traditional page heads its table 重點任務 / 牽頭單位: read the heading rows simplified
    top = HEADER_SEARCH_ROWS + 1
    cells = [[simplified(cell) or None for cell in row] for row in rows[:top]]
    cells += [[cell or None for cell in row] for row in rows[top:]]
    try:
        header = detect_header(cells, "")
    except NoStructure:
        return None
    used = set(header.mapping.values())
    if not used & {"project", "measure"} or not used & set(_UNIT_FIELDS):
        return None
    if header.data_start >= len(rows):
        return None
    _task_and_measure(header)
    return header


def _task_and_measure(header: Header) -> None:
    """Two measure-like columns and no task column (工作任务 and 具体措施): the first holds the
    tasks, as 主要任务 beside 具体措施 would."""
    if "project" in header.mapping.values():
        return
    measures = [
        column
        for column, heading in enumerate(header.headings)
        if field_for(heading.split("/")[-1]) == "measure" and header.mapping.get(column) in ("measure", "")
    ]
    if len(measures) >= 2:
        header.mapping[measures[0]], header.mapping[measures[1]] = "project", "measure"


def lift_tables(
    lines: Sequence[str], found: Sequence[Sequence[Sequence[str]]]
) -> tuple[list[str], tuple[DocTable, ...]]:
    """Replace each table mark in ``lines`` by nothing and give each table of ``found`` its caption
    and its place (the number of text lines above it).

    The caption is the short line right above the table naming a table (…分工表, …任务清单), an
    ``附件N：`` line's title, or both (``附件1`` then the title): those lines leave the text with
    the table. A chapter heading above the table (``二、重点任务``) is its caption too, but stays.
    """
    out: list[str] = []
    tables: list[DocTable] = []
    for piece in _mark_lines(lines):
        if not piece.startswith(TABLE_MARK):
            out.append(piece)
            continue
        index = int(piece[len(TABLE_MARK) :])
        caption, attachment = _take_caption(out)
        rows = tuple(tuple(row) for row in found[index])
        line = sum(kept.count("\n") + 1 for kept in out)
        tables.append(DocTable(rows=rows, caption=caption, line=line, attachment=attachment))
    return out, tuple(tables)


def _mark_lines(lines: Sequence[str]) -> list[str]:
    """The lines with each mark on a line of its own: a reader may have kept a mark on one line
    with its neighbours (a small layout table's cell around the task table)."""
    out: list[str] = []
    for line in lines:
        if TABLE_MARK not in line:
            out.append(line)
            continue
        for part in _MARK_SPLIT_RE.split(line):
            if part.strip(" \t\u3000"):
                out.append(part.strip(" \t\u3000"))
    return out


def _take_caption(lines: list[str]) -> tuple[str, bool]:
    """The table's caption taken from the ``lines`` above it, and whether an ``附件N`` line was
    among them (the table is then an attachment of its own)."""
    caption = ""
    for _ in range(2):
        if not lines:
            break
        line = lines[-1].strip()
        if len(line) > _CAPTION_CHARS or _SENTENCE_RE.search(line) or _LEAD_IN_RE.search(line):
            break  # a sentence, or a lead-in (具体任务如下：) that stays text
        attachment = _ATTACHMENT_RE.match(line)
        if attachment:
            lines.pop()
            return caption or attachment.group(1).strip(), True
        label = match_label(line)
        if label is not None and label.style in (CN, SECTION):
            caption = caption or line  # a chapter heading: named, not taken
            break
        if caption or not _CAPTION_WORD_RE.search(line) or label is not None:
            break
        caption = lines.pop()
    return caption, False


def add_table_chapters(plan: ParsedPlan, tables: Sequence[DocTable]) -> None:
    """Put the items of ``tables`` into ``plan``: into the chapter the caption names when the plan
    has it without items (``二、重点任务`` over the table), else into new chapters after the last.

    A row whose task is an item the text already has (a table summing up the plan's items) adds
    only what that item lacks (units, deadline) and no item of its own.
    """
    filled: list[Chapter] = []
    for table in tables:
        chapters = _without_known_items(plan, _table_chapters(table, plan.title))
        target = _named_chapter(plan, table.caption)
        if target is not None and len(chapters) == 1:
            target.items = chapters[0].items
            filled.append(target)
            continue
        for chapter in chapters:
            chapter.number = (plan.chapters[-1].number if plan.chapters else 0) + 1
            plan.chapters.append(chapter)
            filled.append(chapter)
    _notes(plan, filled)


def _notes(plan: ParsedPlan, chapters: list[Chapter]) -> None:
    """The build's notes on units, now that the tables' rows are items: a row without a 牵头单位
    in a table that names them elsewhere is noted as an item is; units found in a table answer the
    text's 全文未找到牵头单位."""
    if not any(item.lead_units for chapter in chapters for item in chapter.items):
        return
    plan.warnings[:] = [note for note in plan.warnings if note.code != NoteCode.NO_UNITS]
    for chapter in chapters:
        if chapter.is_safeguards or not any(item.lead_units for item in chapter.items):
            continue
        for item in chapter.items:
            if not item.lead_units:
                place = where(int_to_chinese(chapter.number) if chapter.number > 0 else "")
                params = {"where": place, "label": item.label, "title": item.title[:20]}
                plan.warnings.append(Note(NoteCode.NO_LEAD, params))


_SAME_PREFIX = 6  # characters two titles must share at their start to name one task


def _known(known: dict[str, Item], title: str) -> Item | None:
    """The text's item a table row names: the same title, or one the other starts with (a table
    shortens 推进“证照分离”改革全覆盖 to 推进“证照分离”改革, or writes the whole first sentence)."""
    key = _title_key(title)
    if key in known:
        return known[key]
    if len(key) < _SAME_PREFIX:
        return None
    for other, item in known.items():
        if len(other) >= _SAME_PREFIX and (key.startswith(other) or other.startswith(key)):
            return item
    return None


def _title_key(title: str) -> str:
    return re.sub(r"[\s。，、；：“”\"'（）()]", "", title)


def _without_known_items(plan: ParsedPlan, chapters: list[Chapter]) -> list[Chapter]:
    known = {_title_key(item.title): item for item in plan.items() if item.title}
    for chapter in chapters:
        kept = []
        for item in chapter.items:
            same = _known(known, item.title)
            if same is None:
                kept.append(item)
                continue
            if not same.lead_units:
                same.lead_units, same.co_units = item.lead_units, item.co_units
                same.unit_notes = same.unit_notes or item.unit_notes
            if same.deadline is None and not same.deadline_text:
                same.deadline, same.deadline_text = item.deadline, item.deadline_text
        chapter.items = kept
    return [chapter for chapter in chapters if chapter.items]


def _named_chapter(plan: ParsedPlan, caption: str) -> Chapter | None:
    label = match_label(caption)
    if label is None or label.style not in (CN, SECTION):
        return None
    title = caption[label.end :].strip()
    for chapter in plan.chapters:
        if chapter.number == label.number and chapter.title == title and not chapter.items:
            return chapter
    return None


def _table_chapters(table: DocTable, title: str) -> list[Chapter]:
    header = task_header(table.rows)
    if header is None:
        return []
    mapping = dict(header.mapping)
    has_category = _CATEGORY_FIELD in mapping.values()
    caption = _caption_title(table.caption) or "重点任务"
    category = caption
    rows: list[LedgerRow] = []
    for index in range(header.data_start, len(table.rows)):
        cells = table.rows[index]
        heading = _category_row(cells)
        if heading:
            category = heading
            continue
        row = LedgerRow(row=index + 1, values={})
        for column, name in mapping.items():
            value = cells[column].strip() if column < len(cells) else ""
            if name in ("lead_units", "co_units"):
                _add_units(row, name, value)
            elif name and value:
                row.values[name] = value
        if not row.values or set(row.values) <= {"number"}:
            continue
        if not has_category:
            row.values[_CATEGORY_FIELD] = category
        rows.append(row)
    if not has_category:
        mapping[len(header.mapping)] = _CATEGORY_FIELD
    ledger = LedgerSheet(filename="", title=title or caption, header=header, mapping=mapping, rows=rows)
    try:
        parsed, _problems = sheet_to_plan_checked(ledger)
    except NoStructure:
        return []
    # An unreadable 完成时限 costs the row its date, not the item (the text is kept below); a
    # document is no ledger whose rows a person fixes before the import.
    _keep_deadline_texts(parsed, rows)
    years = find_period(title) or (None, None)
    for one in parsed.items():
        _finish_item(one, PlanPeriod(*years))
    return parsed.chapters


def _finish_item(one: Item, period: PlanPeriod) -> None:
    """A row's item made as a paragraph's is: its title and measures, its targets."""
    own_title = _split_task(one)
    holders: list[Item | Measure] = [one, *one.measures]
    for holder in holders:
        _lead_not_co(holder)
    if one.targets:
        return
    # the quantities a task cell commits to, found as in a paragraph's item; a title made from
    # the first measure holds none of its own
    if own_title:
        one.targets = find_targets(one.title, period=period, deadline=one.deadline)
    for measure in one.measures:
        deadline = measure.deadline or one.deadline
        one.targets.extend(find_targets(measure.text, period=period, deadline=deadline))


def _add_units(row: LedgerRow, name: str, value: str) -> None:
    """A unit cell's names into the row: a name marked （牵头） leads, one marked （配合） helps,
    whatever the column (区发改局（牵头）、区财政局 in a 责任单位 column: the rest help). The
    cell is read as an annotation's unit list (:func:`.annotations.read_units`); its generic
    phrases (相关部门, 各地区) stay in the column, where the ledger code makes notes of them."""
    units, generic = read_units(value)
    marked = [_LEAD_MARK_RE.search(unit) for unit in units]
    if any(marked):
        leads = [unit for unit, mark in zip(units, marked, strict=True) if mark and mark.group(1) == "牵头"]
        others = [unit for unit in units if unit not in leads]
        by_role = {"lead_units": leads, "co_units": others}
    else:
        by_role = {name: units}
    for role, names in by_role.items():
        names = [_LEAD_MARK_RE.sub("", unit) for unit in names]
        if names:
            # one name a line: the ledger code reads each as an annotation's unit list is read,
            # so 各县（市、区）人民政府 stays whole and 相关部门 becomes a note (:mod:`.sheet_plan`)
            row.values[role] = "\n".join(filter(None, [row.values.get(role, ""), *names]))
    if generic:
        row.values[name] = "\n".join(filter(None, [row.values.get(name, ""), *generic]))


def _lead_not_co(holder: Item | Measure) -> None:
    # a cell merged across 牵头单位 and 责任单位 fills both: its units lead, and help no more
    holder.co_units = [unit for unit in holder.co_units if unit not in holder.lead_units]


def _caption_title(caption: str) -> str:
    label = match_label(caption)
    if label is not None and label.style in (CN, SECTION):
        return caption[label.end :].strip()
    return caption.strip()


def _category_row(cells: Sequence[str]) -> str:
    """The heading of a row that spans the table, else ``""``: one text in every cell (merged
    across), one text under a chapter label (一、深化商事制度改革) and nothing else, or a Chinese
    numeral in the 序号 cell and one text merged across the rest (一 | 深化商事制度改革)."""
    values = [cell.strip() for cell in cells if cell.strip()]
    if not values:
        return ""
    first = cells[0].strip()
    rest = {value for value in values[1:]} if first == values[0] else set(values)
    if _CN_NUMBER_RE.match(first) and len(rest) == 1 and len(values) > 1:
        return f"{first.rstrip('、．.')}、{rest.pop()}"
    if len(set(values)) != 1:
        return ""
    text = values[0]
    if len(values) == len(cells) and len(cells) > 2:
        return text
    label = match_label(text)
    if label is not None and label.style in (CN, SECTION):
        return text
    return ""


def _keep_deadline_texts(plan: ParsedPlan, rows: Sequence[LedgerRow]) -> None:
    by_task = {row.get("project") or row.get("measure"): row.get("deadline") for row in rows}
    for item in plan.items():
        if item.deadline is None and not item.deadline_text and not item.measures:
            text = by_task.get(f"{item.label}{item.title}") or by_task.get(item.title)
            if text:
                item.deadline_text = text


def _split_task(item: Item) -> bool:
    """A task cell that is a paragraph: its title by the rules of :mod:`.titles` (a short first
    sentence or a heading before ``：``; else a short title made from the first sentence, the item
    flagged ``title_from_sentence``), the rest its measures. Whether the title is a heading of its
    own (not a part of the first measure)."""
    split = split_title(item.title)
    rest = item.title[split.body_start :]
    item.title = split.title
    extra = [
        Measure(text=part.strip(_PART_EDGE)) for part in re.split(r"[；;。]", rest) if part.strip(_PART_EDGE)
    ]
    item.measures[:0] = extra
    if split.from_sentence:
        item.flag(Reason(ReasonCode.TITLE_FROM_SENTENCE))
    return not split.from_sentence
