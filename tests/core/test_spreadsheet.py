"""The one spreadsheet writer keeps text as text, dates as dates, and never writes a formula."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from reformtrack.core.spreadsheet import Percent, SpreadsheetWriter

# What Excel, WPS or LibreOffice could take for a formula, an error value, or a command to run.
HOSTILE = [
    "=1+1",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x","y")',
    "+1",
    "-1",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
    "#N/A",
    "#DIV/0!",
    "a\r\nb",
    " leading and trailing ",
]


def written(rows: list[list[object]], columns: int = 1) -> tuple[Worksheet, bytes]:
    book = SpreadsheetWriter()
    sheet = book.add_sheet("表", [(f"列{i}", 20) for i in range(columns)])
    for row in rows:
        sheet.append(row)
    data = book.to_bytes()
    read = load_workbook(io.BytesIO(data))["表"]
    assert isinstance(read, Worksheet)
    return read, data


def test_it_writes_formula_like_text_as_text_verbatim() -> None:
    sheet, data = written([[value] for value in HOSTILE])

    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == HOSTILE
    assert {cell.data_type for cell in cells} == {"s"}
    # nothing in the file itself reads as a formula either
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


def test_it_marks_text_a_spreadsheet_would_evaluate_on_re_entry() -> None:
    sheet, _data = written([["=1+1"], ["@SUM(1)"], ["\t=1"], ["plain"], ["区发改局"]])

    flags = [row[0].quotePrefix for row in sheet.iter_rows(min_row=2)]
    assert flags == [True, True, True, False, False]


def test_it_writes_dates_as_dates_and_numbers_as_numbers() -> None:
    aware = timezone.make_aware(dt.datetime(2014, 9, 1, 8, 30))
    sheet, _data = written([[dt.date(2015, 12, 31), aware, 42, Decimal("1.5"), None]], columns=5)

    day, moment, count, share, empty = (sheet[f"{column}2"] for column in "ABCDE")
    assert day.is_date and day.value == dt.datetime(2015, 12, 31)
    assert day.number_format == 'yyyy"年"m"月"d"日"'  # 2015年12月31日, as Chinese offices write it
    assert moment.number_format == 'yyyy"年"m"月"d"日" hh:mm'
    assert moment.is_date and moment.value == dt.datetime(2014, 9, 1, 8, 30)  # local wall-clock time
    assert (count.data_type, count.value) == ("n", 42)
    assert (share.data_type, share.value) == ("n", 1.5)
    assert empty.value is None


def test_it_drops_characters_an_xlsx_cannot_hold_instead_of_failing() -> None:
    sheet, _data = written([["区\x00发改\x1b局\x07"]])

    assert sheet["A2"].value == "区发改局"


def test_it_freezes_a_bold_header_sets_widths_and_filters_the_whole_table(tmp_path: Path) -> None:
    book = SpreadsheetWriter()
    sheet = book.add_sheet("台账", [("章节", 28), ("项目", 36)])
    for row in range(3):
        sheet.append([f"章{row}", f"项目{row}"])
    book.save(tmp_path / "out.xlsx")

    read = load_workbook(tmp_path / "out.xlsx")["台账"]
    assert isinstance(read, Worksheet)
    assert [cell.value for cell in read[1]] == ["章节", "项目"]
    assert read["A1"].font.bold
    assert read.freeze_panes == "A2"
    assert read.auto_filter.ref == "A1:B4"
    assert read.column_dimensions["B"].width == 36


def test_a_save_that_fails_raises_the_error_and_leaves_nothing_open(tmp_path: Path) -> None:
    book = SpreadsheetWriter()
    book.add_sheet("表", [("列", 10)]).append(["值"])

    with pytest.raises(OSError):
        book.save(tmp_path / "missing" / "out.xlsx")


def test_it_writes_a_percent_as_a_number_in_a_percent_format() -> None:
    sheet, _data = written([[Percent(80), Percent(100), Percent(0)]], columns=3)

    cells = [sheet[f"{column}2"] for column in "ABC"]
    assert [(cell.data_type, cell.value) for cell in cells] == [("n", 0.8), ("n", 1), ("n", 0)]
    assert {cell.number_format for cell in cells} == {"0%"}


def test_every_sheet_prints_on_a4_landscape_with_the_header_on_every_page() -> None:
    sheet, _data = written([["区发改局"]] * 3)

    assert sheet.page_setup.paperSize == 9  # A4 in the paper sizes of the OOXML standard
    assert sheet.page_setup.orientation == "landscape"
    fit = sheet.sheet_properties.pageSetUpPr
    assert fit is not None and fit.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)  # one page wide
    assert sheet.print_title_rows == "$1:$1"
