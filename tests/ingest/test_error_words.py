"""Every error the importer raises is worded in Chinese and English (``IngestError.words``).

``str(error)`` stays the English the CLI prints (the limits: the Chinese); the web shows
``words(lang)``. The last test reads ingest's source so that no raise is left without its Chinese.
"""

from __future__ import annotations

import ast
import io
import pickle
import re
from pathlib import Path

import openpyxl
import pytest

from reformtrack.ingest import IngestError, NoStructure, UnreadableDocument, UnsupportedFormat, parse_bytes
from reformtrack.ingest.limits import LimitExceeded, Limits
from reformtrack.ingest.pipeline import parse_sheet
from reformtrack.ingest.read_sheet import FormulaCells
from reformtrack.ingest.sheet_plan import LedgerRowsRefused, RowProblem

INGEST = Path(__file__).parents[2] / "src" / "reformtrack" / "ingest"

# Latin words a Chinese message may hold: kinds of file, programs, encodings and units.
FILE_KINDS = {
    *("txt", "html", "docx", "doc", "wps", "pdf", "PDF", "xlsx", "xls", "csv", "pptx", "ppt"),
    *("Word", "WPS", "Excel", "PowerPoint", "RTF", "OFD", "OpenDocument", "zip", "gzip", "RAR"),
    *("OCR", "UTF", "GB", "GBK", "Big", "Unicode", "MB", "ELF", "PNG", "JPEG"),
}


def xlsx(rows: list[list[object]], title: str = "Sheet") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def assert_chinese(error: IngestError, filename: str, *data: str) -> str:
    """The error's Chinese: given, one line, and no Latin word but the file's name and kinds (and
    ``data``, the document's own text such as cell references)."""
    words = error.words()
    assert error.zh and words == error.zh != error.words("en")
    assert "\n" not in words
    rest = words
    for part in (filename, *data):
        rest = rest.replace(part, "")
    latin = set(re.findall(r"[A-Za-z]+", rest)) - FILE_KINDS
    assert not latin, f"English left in {words!r}: {latin}"
    assert error.words("en") == error.words("en-us") == (getattr(error, "en", "") or str(error))
    return words


def refusal(data: bytes, filename: str, kind: type[IngestError] = IngestError) -> IngestError:
    with pytest.raises(kind) as caught:
        parse_bytes(data, filename)
    return caught.value


@pytest.mark.parametrize(
    ("data", "filename", "chinese"),
    [
        (b"", "空.txt", "空.txt：文件是空的"),
        (b"\x7fELF" + b"\x00" * 64, "setup.exe", "setup.exe：是可执行程序，不是文档"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "scan.png", "scan.png：是图片（PNG），不是文字文档"),
        (b"abc\x00def" * 10, "data.bin", "data.bin：是二进制文件，不是文字文档"),
        (b"PK\x03\x04 broken word/document.xml", "plan.docx", "plan.docx：Word文档（.docx）已损坏"),
        (b"%PDF-1.4\n garbage", "plan.pdf", "plan.pdf：PDF文件已损坏"),
    ],
)
def test_an_unreadable_document_is_worded_in_chinese(data: bytes, filename: str, chinese: str) -> None:
    error = refusal(data, filename, UnreadableDocument)

    assert assert_chinese(error, filename).startswith(chinese)
    assert str(error).startswith(f"{filename}: ")  # the English stays what the CLI prints


@pytest.mark.parametrize(
    ("data", "filename", "chinese"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "plan.doc", "是旧版Word或WPS文档"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "plan.ppt", "是旧版PowerPoint文件"),
        (b"{\\rtf1 plan}", "plan.rtf", "是RTF文件"),
        (b"\x1f\x8b\x08" + b"\x00" * 64, "plan.gz", "是gzip压缩包"),
    ],
)
def test_an_unsupported_format_is_worded_in_chinese(data: bytes, filename: str, chinese: str) -> None:
    error = refusal(data, filename, UnsupportedFormat)

    assert chinese in assert_chinese(error, filename)


def test_a_zip_archive_and_a_workbook_are_worded_in_chinese() -> None:
    archive = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("readme.txt", "hello")
    error = refusal(archive.getvalue(), "files.zip", UnsupportedFormat)
    assert "是zip压缩包，不是文档；请先解压" in assert_chinese(error, "files.zip")


def test_text_without_structure_is_worded_in_chinese() -> None:
    error = refusal("随便写的几句话，没有章节。\n也没有编号。\n".encode(), "随笔.txt", NoStructure)

    assert "这不像是一份方案" in assert_chinese(error, "随笔.txt")
    assert "this does not look like a plan" in str(error)


def test_a_sheet_without_a_ledger_header_is_worded_in_chinese() -> None:
    error = refusal(xlsx([["姓名", "电话"], ["张三", "123"]]), "contacts.xlsx", NoStructure)

    assert "前10行中没有台账表头" in assert_chinese(error, "contacts.xlsx")


def test_formula_cells_are_worded_in_chinese() -> None:
    rows: list[list[object]] = [["序号", "重点任务", "具体举措"], ["=ROW()-1", "（一）商事改革", "举措一"]]

    error = refusal(xlsx(rows, title="台账"), "ledger.xlsx", FormulaCells)

    words = assert_chinese(error, "ledger.xlsx", "A2")
    assert "工作表“台账”含有公式（A2）" in words and "粘贴为数值" in words


def test_rows_refused_are_worded_in_chinese_row_by_row() -> None:
    rows: list[list[object]] = [
        ["重点任务", "具体举措", "牵头单位", "完成时限"],
        ["（一）商事改革", "举措一", "区发改局", "看情况"],
        ["", "举措二", "区财政局", "2014年"],
    ]
    with pytest.raises(LedgerRowsRefused) as caught:
        parse_sheet(xlsx(rows), "ledger.xlsx")

    words = assert_chinese(caught.value, "ledger.xlsx")
    assert words == "ledger.xlsx：有2行无法导入：第2行：无法识别的完成时限“看情况”；第3行：该行未写明所属项目"


def test_more_than_five_refused_rows_are_counted_in_chinese() -> None:
    problems = [RowProblem(row, "value", "unreadable progress 'x'", "x") for row in range(2, 9)]

    words = LedgerRowsRefused("ledger.xlsx", problems).words()

    assert words.startswith("ledger.xlsx：有7行无法导入：第2行：无法识别的值“x”") and words.endswith(
        "（另有2行）"
    )


def test_a_limit_is_worded_in_chinese_and_in_english() -> None:
    text = "一、总体要求\n（一）推进改革。\n" + "改" * 2_000

    with pytest.raises(LimitExceeded) as caught:
        parse_bytes(text.encode(), "long.txt", limits=Limits(max_characters=1_000))

    error = caught.value
    assert assert_chinese(error, "long.txt") == str(error)  # a limit's message is Chinese already
    assert error.words("en") == (
        "long.txt: the document's text is longer than the limit of 1,000 characters; refused: split it,"
        " then import it"
    )


def test_an_error_without_chinese_is_shown_as_it_is_and_pickles_with_its_words() -> None:
    assert IngestError("已由gettext翻译").words() == "已由gettext翻译"
    error = UnreadableDocument("a.txt: the file is empty", zh="a.txt：文件是空的")

    copy = pickle.loads(pickle.dumps(error))

    assert (type(copy), str(copy), copy.words()) == (UnreadableDocument, str(error), "a.txt：文件是空的")


WORDED = {"IngestError", "UnreadableDocument", "UnsupportedFormat", "NoStructure", "FormulaCells"}


def test_every_error_ingest_raises_carries_both_wordings() -> None:
    """Each call of an error class in ingest's source gives ``zh=`` (a limit: ``en=``)."""
    subclasses = {cls.__name__ for cls in _subclasses(IngestError)} | {"IngestError"}
    # LedgerRowsRefused words its rows itself; every other error class must be checked here
    assert subclasses - {"LedgerRowsRefused"} == WORDED | {"LimitExceeded"}
    calls, missing = 0, []
    for path in sorted(INGEST.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))  # Name(...) or module.Name(...)
            needed = "en" if name == "LimitExceeded" else "zh" if name in WORDED else None
            if needed is None:
                continue
            calls += 1
            if needed not in {keyword.arg for keyword in node.keywords}:
                missing.append(f"{path.name}:{node.lineno} {name} without {needed}=")
    assert calls >= 55  # the walk found the raises (57 when this was written)
    assert missing == []


def _subclasses(cls: type) -> set[type]:
    found: set[type] = set()
    sub: type
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("reformtrack.ingest"):
            found |= {sub, *_subclasses(sub)}
    return found
