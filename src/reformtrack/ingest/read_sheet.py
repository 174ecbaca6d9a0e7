"""read_sheet: the bytes of a spreadsheet (.xlsx, .xls, .csv) in, its rows of cell values out.

A ledger (台账) kept in Excel is a table, not running text, so it does not go through
:mod:`.read` and :mod:`.repair`: its rows go to :mod:`.sheet_header` and :mod:`.sheet_plan`.

What comes out is a :class:`SheetData`: every row of the first worksheet that has a ledger header
(or the first worksheet), each cell a ``str``, a ``datetime.date`` or ``None``. Merged cells are
filled with their anchor's value in every cell they cover: a 重点任务 merged down over its measures'
rows, or a 责任单位 heading merged across 牵头单位/配合单位, reads like one written out in full.

Formula cells are refused (:class:`FormulaCells`): a workbook saved by a program other than Excel
carries no computed value for them, and a value taken from a formula would change under the office's
eyes when the sheet is recalculated. The message names the cells and says to paste values.

Every kind of bad input ends in an :class:`~.errors.IngestError` with a one-line message that
names the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .decode import _decode_text
from .errors import IngestError, UnreadableDocument

__all__ = ["Cell", "FormulaCells", "SheetData", "read_sheet", "sheet_kind"]

Cell = str | dt.date | None

MAX_ROWS = 100_000
MAX_COLUMNS = 200
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


class FormulaCells(IngestError):
    """The spreadsheet holds formulas where the importer needs values."""


@dataclass
class SheetData:
    """The rows of one worksheet; ``title`` is the worksheet's name, ``format`` the file's kind."""

    rows: list[list[Cell]]
    title: str = ""
    format: str = ""
    encoding: str = ""


def sheet_kind(data: bytes, filename: str) -> str | None:
    """``'xlsx'``, ``'xls'`` or ``'csv'`` when the file is a spreadsheet, else ``None``.

    Judged by the content for .xlsx (a zip with ``xl/workbook.xml``) and .xls (an OLE container
    named .xls/.et); a .csv file is text, told apart by its name only.
    """
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if data.startswith(_ZIP_MAGIC) and b"xl/workbook.xml" in data:
        return "xlsx"
    if data.startswith(_OLE_MAGIC) and suffix in ("xls", "et"):
        return "xls"
    if suffix == "csv" and not data.startswith((*_ZIP_MAGIC, _OLE_MAGIC)):
        return "csv"
    return None


def read_sheet(data: bytes, filename: str) -> list[SheetData]:
    """Every worksheet of a spreadsheet file as rows of cell values, in the workbook's order.

    Raises :class:`UnreadableDocument` for a damaged or empty file, :class:`FormulaCells` when a
    worksheet holds formulas.
    """
    kind = sheet_kind(data, filename)
    if kind == "xlsx":
        sheets = _read_xlsx(data, filename)
    elif kind == "xls":
        sheets = _read_xls(data, filename)
    elif kind == "csv":
        sheets = [_read_csv(data, filename)]
    else:
        raise UnreadableDocument(
            f"{filename}: is not a spreadsheet (.xlsx, .xls or .csv)",
            zh=f"{filename}：不是电子表格（.xlsx、.xls或.csv）",
        )
    sheets = [sheet for sheet in sheets if any(any(c is not None for c in row) for row in sheet.rows)]
    if not sheets:
        raise UnreadableDocument(f"{filename}: the spreadsheet is empty", zh=f"{filename}：表格是空的")
    return sheets


def _text(value: Any) -> Cell:
    """A cell's value as the ledger reads it: text stripped, whole numbers without ``.0``, dates."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        value = int(value) if value.is_integer() else value
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def _fill_merged(rows: list[list[Cell]], ranges: Iterable[tuple[int, int, int, int]]) -> None:
    """Give every cell of a merged range (rows and columns 0-based, ends exclusive) its anchor's value."""
    for row_lo, row_hi, col_lo, col_hi in ranges:
        if row_lo >= len(rows):
            continue
        anchor = rows[row_lo][col_lo] if col_lo < len(rows[row_lo]) else None
        for r in range(row_lo, min(row_hi, len(rows))):
            row = rows[r]
            if len(row) < col_hi:
                row.extend([None] * (col_hi - len(row)))
            for c in range(col_lo, col_hi):
                row[c] = anchor


def _check_size(rows: int, columns: int, filename: str) -> None:
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise UnreadableDocument(
            f"{filename}: the worksheet has {rows} rows and {columns} columns;"
            f" ledgers over {MAX_ROWS} rows or {MAX_COLUMNS} columns are refused",
            zh=f"{filename}：工作表有{rows}行、{columns}列；超过{MAX_ROWS}行或{MAX_COLUMNS}列的台账不予导入",
        )


def _formula_error(filename: str, sheet: str, cells: list[str]) -> FormulaCells:
    shown = "、".join(cells[:5]) + ("…" if len(cells) > 5 else "")
    return FormulaCells(
        f"{filename}: worksheet {sheet!r} holds formulas ({shown}); the importer takes values only:"
        " copy the table and paste it as values, then import again",
        zh=f"{filename}：工作表“{sheet}”含有公式（{shown}）；导入程序只读取数值："
        "请复制表格并选择性粘贴为数值，再重新导入",
    )


def _shown(cell: Any) -> Any:
    """A cell's value as the reader sees it: a number in a percent format is the percent it shows
    (0.8 as ``80%``), not the fraction it holds, which would read as 0.8 points or, for 100%, as 1."""
    value = cell.value
    percent = "%" in (cell.number_format or "")
    if percent and isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value * 100:g}%"
    return value


def _read_xlsx(data: bytes, filename: str) -> list[SheetData]:
    import openpyxl
    from openpyxl.utils.cell import get_column_letter

    # Not read_only: the merged ranges are only known to a fully loaded worksheet (a 5,000-row
    # ledger loads in a few seconds and well under the memory goal; docs/benchmarks.md).
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=False, read_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise UnreadableDocument(
            f"{filename}: the Excel workbook (.xlsx) is damaged and cannot be opened",
            zh=f"{filename}：Excel工作簿（.xlsx）已损坏，无法打开",
        ) from exc
    sheets: list[SheetData] = []
    for ws in book.worksheets:
        _check_size(ws.max_row, ws.max_column, filename)
        rows: list[list[Cell]] = []
        formulas: list[str] = []
        for r, cells in enumerate(ws.iter_rows(), start=1):
            row: list[Cell] = []
            for c, cell in enumerate(cells, start=1):
                if cell.data_type == "f":
                    formulas.append(f"{get_column_letter(c)}{r}")
                row.append(_text(_shown(cell)))
            rows.append(row)
        if formulas:
            raise _formula_error(filename, ws.title, formulas)
        _fill_merged(
            rows,
            ((m.min_row - 1, m.max_row, m.min_col - 1, m.max_col) for m in ws.merged_cells.ranges),
        )
        sheets.append(SheetData(rows=rows, title=ws.title, format="xlsx"))
    book.close()
    return sheets


def _read_xls(data: bytes, filename: str) -> list[SheetData]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=False)
    except Exception as exc:  # xlrd raises XLRDError, CompDocError, struct.error … on a damaged file
        raise UnreadableDocument(
            f"{filename}: the old Excel workbook (.xls) is damaged or not a workbook ({exc})",
            zh=f"{filename}：旧版Excel工作簿（.xls）已损坏或不是工作簿",
        ) from exc
    sheets: list[SheetData] = []
    for ws in book.sheets():
        _check_size(ws.nrows, ws.ncols, filename)
        rows: list[list[Cell]] = []
        for r in range(ws.nrows):
            row: list[Cell] = []
            for c in range(ws.ncols):
                cell = ws.cell(r, c)
                if cell.ctype == xlrd.XL_CELL_DATE:
                    row.append(xlrd.xldate.xldate_as_datetime(float(cell.value), book.datemode).date())
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                    row.append(None)
                else:
                    row.append(_text(cell.value))
            rows.append(row)
        # xlrd reads a formula's last computed value and cannot tell it from a typed one; an .xls
        # is always saved by a program that computed it, so that value is the one shown.
        _fill_merged(rows, ws.merged_cells)
        sheets.append(SheetData(rows=rows, title=ws.name, format="xls"))
    return sheets


_FORMULA_RE = re.compile(r"^=[A-Za-z_(]")


def _read_csv(data: bytes, filename: str) -> SheetData:
    decoded = _decode_text(data)
    if decoded is None:
        raise UnreadableDocument(
            f"{filename}: the text encoding cannot be determined (not UTF-8, GB18030/GBK or Big5)",
            zh=f"{filename}：无法识别文字编码（不是UTF-8、GB18030/GBK或Big5）",
        )
    text, encoding = decoded
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:8192], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    raw = list(csv.reader(io.StringIO(text), dialect))
    _check_size(len(raw), max((len(r) for r in raw), default=0), filename)
    formulas = [
        f"{_column_name(c)}{r}"
        for r, row in enumerate(raw, start=1)
        for c, value in enumerate(row)
        if _FORMULA_RE.match(value)
    ]
    if formulas:
        raise _formula_error(filename, "csv", formulas)
    rows: list[list[Cell]] = [[_text(value) for value in row] for row in raw]
    return SheetData(rows=rows, title="", format="csv", encoding=encoding)


def _column_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name
