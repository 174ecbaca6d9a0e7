"""The one spreadsheet writer: every .xlsx the platform hands out is written here.

Text is always stored as text. openpyxl turns a string that starts with ``=`` into a formula cell
(and ``#N/A`` and kin into error cells); a plan's wording, a unit's name or a target is data from a
document or a person, so a ``=HYPERLINK(…)`` or ``=cmd|' /C calc'!A0`` in it must reach the reader as
those characters, never as something Excel, WPS or LibreOffice evaluates. Every ``str`` becomes an
inline string cell (``data_type "s"``) with its characters unchanged. Text starting with
``= + - @``, a tab or a CR also gets Excel's *quote prefix* style: the cell shows and stores the same
text, but re-entering it in the spreadsheet (F2, Enter) keeps it text instead of turning it into a
formula, which is the one way such a cell could still come alive. No apostrophe is added to the
text itself, so what a reader copies out is what the platform holds.

Dates are date cells shown as Chinese offices write them (2025年6月30日), numbers are numbers, and a
:class:`Percent` is a number cell with a percent format (0.8 shown as 80%). Every sheet prints on A4
landscape, as wide as the page, with its header row on every printed page. Written in openpyxl's
write-only mode, so a city-scale export streams instead of holding every cell in memory.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

if TYPE_CHECKING:
    from pathlib import Path

    from openpyxl.cell.cell import Cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What a spreadsheet may read as the start of a formula when the cell is entered again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
DATETIME_FORMAT = 'yyyy"年"m"月"d"日" hh:mm'
PERCENT_FORMAT = "0%"

_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class Percent:
    """A share in points (80 for 80%), written as the number 0.8 with a percent format."""

    points: int | float | Decimal


def text_cell_value(value: str) -> str:
    """The characters of ``value`` an .xlsx can hold: XML 1.0 has no place for most C0 controls
    (NUL, ESC, …), which openpyxl refuses with an error; they are dropped rather than failing the
    whole export over an invisible character. Tab, CR and LF are kept."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


class Sheet:
    """One sheet: a bold, frozen header row with set column widths, then the rows appended."""

    # ``worksheet`` is openpyxl's WriteOnlyWorksheet, typed Any: its stub lacks the attributes
    # (column_dimensions, auto_filter) it passes through to a Worksheet at run time.
    def __init__(self, worksheet: Any, columns: Sequence[tuple[str, float]], *, wrap: bool):
        self._worksheet = worksheet
        self._width = len(columns)
        self._alignment = _WRAP if wrap else None
        self.rows = 0  # rows under the header
        # widths and frozen panes go before the first row in write-only mode
        for index, (_header, width) in enumerate(columns, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = width
        worksheet.freeze_panes = "A2"
        _print_setup(worksheet)
        worksheet.append([self._cell(header, _BOLD) for header, _width in columns])

    def append(self, values: Sequence[Any]) -> None:
        """Add one row: ``str`` (or lazy text) as text, ``date``/``datetime`` as dates, numbers as
        numbers, ``None`` as an empty cell; anything else as its ``str``."""
        self._worksheet.append([self._cell(value) for value in values])
        self.rows += 1

    def finish(self) -> None:
        """Filter over the whole table (written after the rows in write-only mode)."""
        last = get_column_letter(max(self._width, 1))
        self._worksheet.auto_filter.ref = f"A1:{last}{self.rows + 1}"

    def abandon(self) -> None:
        """After a failed save: close openpyxl's stream of rows and remove its temporary file, so no
        half-open generator is left to fail noisily when it is collected."""
        # cleanup only: the save's own error is what the caller needs to see
        with contextlib.suppress(Exception):
            if not self._worksheet.closed:
                self._worksheet.close()
            self._worksheet._writer.cleanup()

    def _cell(self, value: Any, font: Font | None = None) -> Cell:
        cell = self._typed_cell(value)
        if self._alignment is not None:
            cell.alignment = self._alignment
        if font is not None:
            cell.font = font
        return cell

    def _typed_cell(self, value: Any) -> Cell:
        if isinstance(value, Percent):
            cell = self._plain(value.points / 100)
            cell.number_format = PERCENT_FORMAT
            return cell
        if value is None or isinstance(value, bool | int | float | Decimal):
            return self._plain(value)
        if isinstance(value, dt.datetime):
            # Excel has no time zones: the local wall-clock time, as the pages show it
            if timezone.is_aware(value):
                value = timezone.make_naive(value)
            cell = self._plain(value)
            cell.number_format = DATETIME_FORMAT
            return cell
        if isinstance(value, dt.date):
            cell = self._plain(value)
            cell.number_format = DATE_FORMAT
            return cell
        text = text_cell_value(str(value))
        cell = self._plain(text)
        # openpyxl guessed a formula for "=…" and an error for "#N/A": it is text, whatever it says
        cell.data_type = "s"
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        return cell

    def _plain(self, value: Any) -> Cell:
        # Any: openpyxl takes dates and Decimals too, which its stub does not list
        return WriteOnlyCell(self._worksheet, value=value)


def _print_setup(worksheet: Any) -> None:
    """A4 landscape, every column on the page's width (as many pages down as needed), and the
    header row printed again at the top of every page."""
    worksheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    worksheet.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True
    worksheet.print_title_rows = "1:1"


class SpreadsheetWriter:
    """An .xlsx workbook built sheet by sheet::

    book = SpreadsheetWriter()
    sheet = book.add_sheet("台账", [("章节", 28), ("项目", 36)])
    sheet.append(["一、总体要求", "=A1 stays text"])
    book.save(path)  # or book.to_bytes()
    """

    def __init__(self) -> None:
        self._workbook = Workbook(write_only=True)
        self._sheets: list[Sheet] = []

    def add_sheet(self, title: str, columns: Sequence[tuple[str, float]], *, wrap: bool = True) -> Sheet:
        """A new sheet named ``title`` with ``columns`` as (header, width in characters)."""
        sheet = Sheet(self._workbook.create_sheet(title), columns, wrap=wrap)
        self._sheets.append(sheet)
        return sheet

    def save(self, out: Path | IO[bytes]) -> None:
        """Write the workbook to a path or a binary file; the writer cannot be used afterwards."""
        for sheet in self._sheets:
            sheet.finish()
        try:
            self._workbook.save(out)
        except BaseException:
            for sheet in self._sheets:
                sheet.abandon()
            raise

    def to_bytes(self) -> bytes:
        """The workbook as bytes (for a download or a job's result)."""
        buffer = io.BytesIO()
        self.save(buffer)
        return buffer.getvalue()
