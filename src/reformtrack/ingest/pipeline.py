"""read -> repair -> build, with every failure turned into an IngestError.

Each stage keeps to the :class:`~.limits.Budget` of the parse (see :mod:`.limits`): pass ``limits``
for the defaults' replacement, or a whole ``budget`` to share a clock or report progress.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from . import bundle
from .build import build_plan
from .errors import IngestError, NoStructure, UnreadableDocument
from .limits import Budget, Limits, memory_capped
from .model import DocTable, ParsedDocument, ParsedPlan, RawDocument
from .read import MAX_BYTES, read_document
from .read_sheet import read_sheet, sheet_kind
from .repair import Repaired, looks_traditional, repair, repair_cell

_T = TypeVar("_T")

if TYPE_CHECKING:
    from .sheet_plan import LedgerSheet, RowProblem


def parse_text(text: str, *, budget: Budget | None = None) -> ParsedPlan:
    """Repair and parse a plan given as text (already decoded), the whole text as one plan."""
    budget = budget or Budget()
    repaired = _repair(text, budget)
    budget.stage("build")
    plan = build_plan(repaired.text, doubts=repaired.doubts)
    budget.check("build")
    plan.warnings[:0] = repaired.notes
    return plan


def parse_document_text(text: str, *, budget: Budget | None = None) -> ParsedDocument:
    """Repair and parse a document given as text into its plans (:mod:`.bundle`)."""
    budget = budget or Budget()
    repaired = _repair(text, budget)
    budget.stage("build")
    document = bundle.parse_document_text(repaired.text, doubts=repaired.doubts, notes=repaired.notes)
    budget.check("build")
    return document


def _repair(text: str, budget: Budget) -> Repaired:
    budget.characters(len(text))
    budget.stage("repair")
    return repair(text, budget=budget)


def parse_bytes(
    data: bytes, filename: str, *, limits: Limits | None = None, budget: Budget | None = None
) -> ParsedPlan:
    """Parse a plan from the bytes of a file; ``filename`` gives the format by its suffix.

    The whole document is read as one plan; :func:`parse_document_bytes` finds the several plans
    of a document holding more than one. Raises :class:`IngestError` with a one-line message on
    any bad input, and nothing else; :class:`~.limits.LimitExceeded` (one of them) when the
    document goes past a limit.
    """
    budget = budget or Budget(limits, name=filename)
    if sheet_kind(data, filename) is not None:
        return parse_sheet(data, filename)
    doc, plan = _guarded(data, filename, budget, lambda doc: _parse_plan(doc, budget))
    plan.source_format = doc.format
    plan.source_encoding = doc.encoding or ""
    return bundle.apply_properties(ParsedDocument(plan.title, plans=[plan]), doc.properties).plans[0]


def parse_document_bytes(
    data: bytes, filename: str, *, limits: Limits | None = None, budget: Budget | None = None
) -> ParsedDocument:
    """Parse a document from the bytes of a file into its plans: one, or several for a 通知 with
    its 附件 or 方案 printed in a row (:mod:`.bundle`). A ledger spreadsheet is one plan.

    Raises as :func:`parse_bytes` does.
    """
    budget = budget or Budget(limits, name=filename)
    if sheet_kind(data, filename) is not None:
        plan = parse_sheet(data, filename)
        return ParsedDocument(plan.title, plan.doc_number, plan.issued, [plan])
    doc, document = _guarded(data, filename, budget, lambda doc: _parse_plans(doc, budget))
    for plan in document.plans:
        plan.source_format = doc.format
        plan.source_encoding = doc.encoding or ""
    return bundle.apply_properties(document, doc.properties)


def _parse_plan(doc: RawDocument, budget: Budget) -> ParsedPlan:
    """The whole document as one plan, its task tables' rows among its items."""
    return _parse_with_tables(doc, budget) if doc.tables else parse_text(doc.text, budget=budget)


def _parse_plans(doc: RawDocument, budget: Budget) -> ParsedDocument:
    """The document's plans. A document with task tables holding several plans gives each plan
    the tables that stand in its text (:func:`.bundle.parse_bundle_with_tables`); else it is read
    as one plan, the tables' rows its items wherever they stand (:mod:`.task_tables`)."""
    if not doc.tables:
        return parse_document_text(doc.text, budget=budget)
    repaired = _repair(doc.text, budget)
    tables = repaired_tables(doc)
    offsets = _table_offsets(doc, repaired.text)
    if offsets is not None:
        budget.stage("build")
        document = bundle.parse_bundle_with_tables(
            repaired.text,
            list(zip(offsets, tables, strict=True)),
            doubts=repaired.doubts,
            notes=repaired.notes,
        )
        budget.check("build")
        if document is not None:
            return document
    plan = _parse_with_tables(doc, budget, repaired)
    return ParsedDocument(plan.title, plan.doc_number, plan.issued, [plan])


def _table_offsets(doc: RawDocument, text: str) -> list[int] | None:
    """Where each of the document's tables stood in the repaired ``text``: the start of the line
    its reader counted it under. ``None`` when a place is unknown, or the repair changed the
    lines (then no line count holds)."""
    if any(table.line < 0 for table in doc.tables) or text.count("\n") != doc.text.count("\n"):
        return None
    starts = [0, *(match.end() for match in re.finditer("\n", text))]
    return [starts[table.line] if table.line < len(starts) else len(text) for table in doc.tables]


def _guarded(
    data: bytes, filename: str, budget: Budget, parse: Callable[[RawDocument], _T]
) -> tuple[RawDocument, _T]:
    """Read the file and ``parse`` its text, every failure an :class:`IngestError`."""
    try:
        budget.stage("read")
        doc = read_document(data, filename, budget=budget)
        return doc, parse(doc)
    except IngestError:
        raise
    except RecursionError as exc:  # pathological nesting in hostile input
        raise UnreadableDocument(
            f"{filename}: the document is too deeply nested to parse",
            zh=f"{filename}：文档嵌套层级过深，无法解析",
        ) from exc
    except MemoryError as exc:  # past the address-space cap of limit_memory()
        raise budget.out_of_memory() from exc
    except SystemError as exc:
        # A C extension whose allocation fails under the cap may return without setting
        # MemoryError ("error return without exception set"): in a capped process it is the same
        # exhaustion; anywhere else it is a bug and stays one.
        if memory_capped():
            raise budget.out_of_memory() from exc
        raise


def _parse_with_tables(doc: RawDocument, budget: Budget, repaired: Repaired | None = None) -> ParsedPlan:
    """The plan of a document whose tasks are (partly) in task tables: the text parsed as any
    plan's, the tables' rows as items (:mod:`.task_tables`). Text without chapters or items of its
    own (a 通知 and its 分工表) gives the head: title, 文号, date."""
    from .task_tables import add_table_chapters

    repaired = repaired or _repair(doc.text, budget)
    try:
        budget.stage("build")
        plan = build_plan(repaired.text, doubts=repaired.doubts)
        budget.check("build")
        plan.warnings[:0] = repaired.notes
    except NoStructure:
        plan = _head_only(repaired.text)
    add_table_chapters(plan, repaired_tables(doc))
    if not plan.chapters:
        raise NoStructure(
            "no chapter headings, numbered items or task table rows found: this does not look like a plan",
            zh="未找到章节标题、带编号的项目或任务分工表，这不像是一份方案",
        )
    return plan


def repaired_tables(doc: RawDocument) -> tuple[DocTable, ...]:
    """The document's task tables with their cells and captions repaired as its text is: a
    traditional page's table reads simplified, its ASCII punctuation full-width
    (:func:`.repair.repair_cell`)."""
    cells = [cell for table in doc.tables for row in table.rows for cell in row]
    # the text's first pages or the cells themselves: a cell is too short to tell alone
    traditional = looks_traditional(doc.text) or looks_traditional("\n".join(cells))
    return tuple(
        DocTable(
            rows=tuple(
                tuple(repair_cell(cell, traditional=traditional) for cell in row) for row in table.rows
            ),
            caption=repair_cell(table.caption, traditional=traditional),
            line=table.line,
            attachment=table.attachment,
        )
        for table in doc.tables
    )


def _head_only(text: str) -> ParsedPlan:
    from .metadata import find_trailer_start, read_metadata
    from .structure import split_lines

    lines = split_lines(text)
    trailer = find_trailer_start(lines)
    meta = read_metadata(lines[:trailer], lines[trailer:])
    plan = ParsedPlan(
        title=meta.title or (lines[0].text if lines else ""),
        doc_number=meta.doc_number,
        issued=meta.issued,
        period_start=meta.period_start,
        period_end=meta.period_end,
        preamble="\n".join(line.text for line in meta.preamble),
        text=text,
    )
    return plan


def _check_sheet_size(data: bytes, filename: str) -> None:
    if len(data) > MAX_BYTES:
        raise UnreadableDocument(
            f"{filename}: the file is {len(data) / 1e6:.1f} MB; "
            f"documents over {MAX_BYTES // 1_000_000} MB are refused",
            zh=f"{filename}：文件大小为{len(data) / 1e6:.1f} MB，"
            f"超过{MAX_BYTES // 1_000_000} MB的文件不予导入",
        )


def preview_sheet(
    data: bytes,
    filename: str,
    mapping: Mapping[int, str] | None = None,
    fixes: Mapping[int, Mapping[str, str]] | None = None,
) -> tuple[LedgerSheet, ParsedPlan, list[RowProblem]]:
    """A ledger read for the import wizard's preview: its rows (through ``mapping`` and with the
    row ``fixes`` of :func:`.sheet_plan.read_ledger`), the plan they make and each row's problems.

    Problems of rows do not raise here; bad input that leaves no ledger to show does
    (:class:`IngestError`: no header, formula cells, a mapping without a project column).
    """
    from .sheet_plan import read_ledger, sheet_to_plan_checked

    _check_sheet_size(data, filename)
    ledger = read_ledger(read_sheet(data, filename), filename, mapping, fixes)
    plan, problems = sheet_to_plan_checked(ledger)
    return ledger, plan, problems


def parse_sheet(data: bytes, filename: str, mapping: Mapping[int, str] | None = None) -> ParsedPlan:
    """Parse a ledger (台账) spreadsheet (.xlsx, .xls, .csv) into a plan, one row per measure.

    ``mapping`` (column index → field of :data:`.sheet_header.FIELDS`) overrides the detected
    header mapping. Raises :class:`IngestError` on any bad input: no ledger header, formula cells,
    a header that cannot be mapped, rows that cannot be read (:class:`.sheet_plan.LedgerRowsRefused`).
    """
    from .sheet_plan import read_ledger, sheet_to_plan

    _check_sheet_size(data, filename)
    return sheet_to_plan(read_ledger(read_sheet(data, filename), filename, mapping))


def parse_file(path: str | Path, *, limits: Limits | None = None, budget: Budget | None = None) -> ParsedPlan:
    """Parse a plan document on disk (.txt, .html, .docx, .pdf) or a ledger (.xlsx, .xls, .csv)."""
    p = Path(path)
    return parse_bytes(_file_bytes(p), p.name, limits=limits, budget=budget)


def parse_document_file(
    path: str | Path, *, limits: Limits | None = None, budget: Budget | None = None
) -> ParsedDocument:
    """Parse a document on disk into its plans (:func:`parse_document_bytes`)."""
    p = Path(path)
    return parse_document_bytes(_file_bytes(p), p.name, limits=limits, budget=budget)


def _file_bytes(p: Path) -> bytes:
    try:
        size = p.stat().st_size
    except FileNotFoundError as exc:
        raise UnreadableDocument(f"{p}: no such file", zh=f"{p}：文件不存在") from exc
    except OSError as exc:
        raise UnreadableDocument(
            f"{p}: cannot be read ({exc.strerror})", zh=f"{p}：无法读取（{exc.strerror}）"
        ) from exc
    if p.is_dir():
        raise UnreadableDocument(f"{p}: is a folder, not a document", zh=f"{p}：是文件夹，不是文档")
    if size > MAX_BYTES:
        raise UnreadableDocument(
            f"{p.name}: the file is {size / 1e6:.1f} MB;"
            f" documents over {MAX_BYTES // 1_000_000} MB are refused",
            zh=f"{p.name}：文件大小为{size / 1e6:.1f} MB，超过{MAX_BYTES // 1_000_000} MB的文件不予导入",
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(
            f"{p}: cannot be read ({exc.strerror})", zh=f"{p}：无法读取（{exc.strerror}）"
        ) from exc
    return data
