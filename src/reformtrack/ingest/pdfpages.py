"""PDF: the pages of a document read one at a time by pdfminer, within the limits of a Budget.

Before pdfminer sees the file, every Flate stream in it (except images, which are never decoded)
is inflated in bounded steps: one stream may not unpack past ``max_unpacked_mb``, all together not
past four times that, so a gigabyte of compressed spaces stops after the first megabytes. Then, page
by page: the page count against ``max_pages``, the page's content streams (and the forms it draws)
inflated within the same bound and their operators counted against ``max_operators`` before any is
interpreted, the clock, and the characters read. Past a limit: :class:`~.limits.LimitExceeded`.

The page's text lines are then joined into paragraphs (a new one at a heading number, after a line
ending a sentence or a unit annotation, after a line stopping short of the margin or a label line
stopping an em short; in a document that indents first lines, a flush-left line goes on).
"""

from __future__ import annotations

import io
import itertools
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .annotations import ends_with_annotation, opens_annotation, parse_annotation_line
from .errors import IngestError, UnreadableDocument
from .grid_tables import GridReader
from .limits import Budget
from .model import DocTable
from .pdf_tables import take_tables
from .read_html import _is_wide
from .task_tables import TABLE_MARK, lift_tables

__all__ = ["read_pdf"]

# All the streams of a file together may unpack to this many times ``max_unpacked_mb``.
_TOTAL_UNPACKED_FACTOR = 4
_INFLATE_CHUNK = 256 * 1024
# A stream's dictionary ends right before the keyword; 2,000 bytes back holds any real one.
_DICT_WINDOW = 2000
_STREAM_RE = re.compile(rb"(?<!end)stream\r?\n")
_FLATE_RE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_IMAGE_RE = re.compile(rb"/Subtype\s*/Image\b")
# An operator: a short bare word between delimiters (not a /Name, not true/false/null). Words
# inside literal strings count too; the limit is generous enough for that overcount.
_OPERATOR_RE = re.compile(rb"(?<![^\s\]\)>])[A-Za-z'\"][A-Za-z*'\"01]{0,2}(?![^\s\[\]()<>{}/%])")
_COUNT_CHUNK = 1024 * 1024


def read_pdf(data: bytes, name: str, budget: Budget) -> tuple[str, tuple[DocTable, ...]]:
    """The text of a PDF, one paragraph per line, and the task tables printed in it as grids
    (best effort, :mod:`.grid_tables`), read within ``budget``."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    _bound_streams(data, budget)
    pages: list[list[_PdfRow]] = []
    try:
        characters = 0
        grid = GridReader()
        for layout in _pages(data, budget):
            rows = take_tables(layout, _pdf_rows(layout), grid, _PAGE_NUMBER_RE)
            pages.append(rows)
            characters += sum(len(row.text) for row in rows)
            budget.characters(characters)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise UnreadableDocument(
            f"{name}: the PDF is password-protected; remove the protection first",
            zh=f"{name}：PDF文件设有密码保护；请先解除保护",
        ) from exc
    except (IngestError, MemoryError, RecursionError):
        raise
    except Exception as exc:  # pdfminer raises anything from PSEOF to KeyError on damaged files
        raise UnreadableDocument(
            f"{name}: the PDF is damaged and cannot be read ({type(exc).__name__})",
            zh=f"{name}：PDF文件已损坏，无法读取",
        ) from exc
    visible = "".join(row.text for rows in pages for row in rows)
    if not visible.strip() and not grid.tables:
        raise UnreadableDocument(
            f"{name}: the PDF has no text layer (probably a scan); OCR it first",
            zh=f"{name}：PDF文件没有文字层（可能是扫描件）；请先进行文字识别（OCR）",
        )
    if len(_CID_RE.sub("", visible).strip()) * 2 < len(visible.strip()):
        raise UnreadableDocument(
            f"{name}: the PDF's fonts have no Unicode mapping, so its text cannot be extracted; OCR it first",
            zh=f"{name}：PDF文件的字体缺少Unicode映射，无法提取文字；请先进行文字识别（OCR）",
        )
    grid.finish()
    lines, tables = lift_tables(_pdf_paragraphs(pages), grid.tables)
    return "\n".join(lines), tables


def _pages(data: bytes, budget: Budget) -> Iterator[Any]:
    """The layout of each page, checking the page count, streams, operators and clock first."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    manager = PDFResourceManager(caching=True)
    # No grouping of text boxes (boxes_flow=None): its clustering costs quadratic time and memory in
    # the boxes of a page, and the rows are put in reading order by position anyway (_pdf_rows).
    device = PDFPageAggregator(manager, laparams=LAParams(all_texts=True, boxes_flow=None))
    interpreter = PDFPageInterpreter(manager, device)
    for number, page in enumerate(PDFPage.create_pages(document), 1):
        budget.pages(number)
        budget.check("read")
        operators = 0
        for content in _page_streams(page):
            operators += _count_operators(
                _bounded_data(content, budget), budget.limits.max_operators - operators
            )
            budget.operators(operators, number)
        interpreter.process_page(page)
        yield device.get_result()


def _page_streams(page: Any) -> Iterator[Any]:
    """The content streams of a page and of the forms its resources hold (each once)."""
    from pdfminer.pdftypes import PDFStream, resolve1
    from pdfminer.psparser import LIT

    seen: set[int] = set()
    pending: list[Any] = list(page.contents or [])
    resources = [page.resources]
    while resources:
        xobjects = resolve1((resolve1(resources.pop()) or {}).get("XObject")) or {}
        for value in xobjects.values() if isinstance(xobjects, dict) else []:
            stream = resolve1(value)
            if isinstance(stream, PDFStream) and id(stream) not in seen:
                seen.add(id(stream))
                if resolve1(stream.attrs.get("Subtype")) is LIT("Form"):
                    pending.append(stream)
                    resources.append(stream.attrs.get("Resources"))
    for item in pending:
        stream = resolve1(item)
        if isinstance(stream, PDFStream):
            yield stream


def _bounded_data(stream: Any, budget: Budget) -> bytes:
    """The decoded data of a stream, inflated within ``max_unpacked_mb`` and kept for pdfminer."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE

    if stream.data is not None:
        return bytes(stream.data)
    filters = stream.get_filters()
    if (
        len(filters) == 1
        and filters[0][0] in LITERALS_FLATE_DECODE
        and not (filters[0][1] or {}).get("Predictor")
    ):
        raw = stream.rawdata or b""
        if stream.decipher:
            raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
        stream.data, stream.rawdata = _inflate(raw, 0, budget, "PDF 的内容流")[0], None
    data = bytes(stream.get_data())
    budget.unpacked(len(data), "PDF 的内容流")
    return data


def _inflate(
    data: bytes | memoryview, at: int, budget: Budget, what: str, *, keep: bool = True
) -> tuple[bytes, int]:
    """Inflate the zlib stream starting at ``data[at]``, refusing once it passes ``max_unpacked_mb``.

    Returns the data and its size. Damaged data yields what came out before the damage, as
    pdfminer would. ``keep=False`` only measures (the data returned is empty).
    """
    limit = budget.limits.max_unpacked_bytes
    view = memoryview(data)
    inflater = zlib.decompressobj()
    out: list[bytes] = []
    size = 0
    pos = at
    while pos < len(view) and not inflater.eof:
        chunk: bytes | memoryview = view[pos : pos + _INFLATE_CHUNK]
        pos += len(chunk)
        while chunk and not inflater.eof:
            try:
                piece = inflater.decompress(chunk, limit + 1 - size)  # never 0, which means "all"
            except zlib.error:
                return b"".join(out), size
            chunk = inflater.unconsumed_tail
            size += len(piece)
            budget.unpacked(size, what)
            if keep:
                out.append(piece)
    return (b"".join(out) if keep else b""), size


def _bound_streams(data: bytes, budget: Budget) -> None:
    """Inflate every Flate stream of the file (images aside) within the limits, before pdfminer."""
    total = 0
    for m in _STREAM_RE.finditer(data):
        head = data[max(0, m.start() - _DICT_WINDOW) : m.start()]
        head = head[head.rfind(b"<<") :] if b"<<" in head else head
        if not _FLATE_RE.search(head) or _IMAGE_RE.search(head):
            continue
        total += _inflate(data, m.end(), budget, "PDF 的数据流", keep=False)[1]
        budget.unpacked(total, "PDF 的全部数据流", factor=_TOTAL_UNPACKED_FACTOR)
        budget.check("read")


def _count_operators(data: bytes, allowed: int) -> int:
    """The operators in a content stream, counted up to just past ``allowed``."""
    count = 0
    for start in range(0, len(data), _COUNT_CHUNK):
        # A chunk boundary may split one operator in two: a count off by one per megabyte.
        count += len(_OPERATOR_RE.findall(data, start, start + _COUNT_CHUNK))
        if count > allowed:
            break
    return count


# A new paragraph starts at a heading number: 一、 （一） (1) 1. 1、 第一章 第三条 ①.
# "3.5亿元" or "2013年" at the start of a wrapped line is not one.
_HEADING_RE = re.compile(
    r"""^\s*(?:
        第[一二三四五六七八九十百零〇\d]+[章节条部分篇]
      | [一二三四五六七八九十百零〇]+[、．.]
      | [（(][一二三四五六七八九十百零〇\d]+[）)]
      | \d+(?:[.．]\d+)*[、．.](?!\d)
      | [\u2460-\u2473\u2474-\u2487\u2488-\u249b]
    )""",
    re.VERBOSE,
)
_SENTENCE_END_RE = re.compile(r"[。；：！？;:!?][”’\"'」』）)]*$")
_PAGE_NUMBER_RE = re.compile(
    r"""^(?:
        [-－—–―~～·•\s]*\d{1,4}[-－—–―~～·•\s]*
      | 第\s*\d+\s*页(?:\s*[,，/、]?\s*共\s*\d+\s*页)?
      | 共\s*\d+\s*页\s*[,，/、]?\s*第\s*\d+\s*页
      | \d+\s*/\s*\d+
      | (?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
_OPENING_MARKS = ("（", "(", "“", "‘", "《", "〈", "【", "「", "『", "[")
_ASCII_WORD_RE = re.compile(r"[\x21-\x7e]+")
_CID_RE = re.compile(r"\(cid:\d+\)")
# What CJK layout keeps off the start of a line, leaving the line above short.
_KEPT_OFF_START = tuple("，。、；：！？）)》〉】」』”’…—·%％")
_SHORT_LINE_CHARS = 2  # a line ending this many characters short of the margin ends a paragraph
_ANNOTATION_TAIL = 300  # longer than any unit annotation


@dataclass
class _PdfRow:
    """One visual line of a page: the text lines pdfminer found at the same height."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def size(self) -> float:
        return max(self.top - self.bottom, 1.0)


def _pdf_text_lines(page: Any) -> Iterator[Any]:
    from pdfminer.layout import LTContainer, LTTextLineHorizontal

    stack = [iter(page)]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
        elif isinstance(item, LTTextLineHorizontal):
            yield item
        elif isinstance(item, LTContainer):
            stack.append(iter(item))


def _pdf_rows(page: Any) -> list[_PdfRow]:
    """The page's text as visual lines, top to bottom, page-number lines removed."""
    lines = [
        line
        for line in _pdf_text_lines(page)
        if line.get_text().strip() and line.y1 > line.y0  # zero-height lines are invisible text
    ]
    lines.sort(key=lambda line: (-(line.y0 + line.y1) / 2, line.x0))
    groups: list[list[Any]] = []
    for line in lines:
        center = (line.y0 + line.y1) / 2
        if groups:
            last = groups[-1][0]
            last_center = (last.y0 + last.y1) / 2
            if abs(center - last_center) <= 0.5 * min(line.height, last.height):
                groups[-1].append(line)
                continue
        groups.append([line])
    rows = [_pdf_row(sorted(group, key=lambda line: line.x0)) for group in groups]
    # Page numbers sit in the first or last lines of a page; anywhere else a bare number is
    # content (a table's serial number, say).
    edge = {0, 1, len(rows) - 2, len(rows) - 1}
    return [row for i, row in enumerate(rows) if not (i in edge and _PAGE_NUMBER_RE.match(row.text))]


def _pdf_row(parts: list[Any]) -> _PdfRow:
    text = ""
    previous = None
    for part in parts:
        piece = " ".join(part.get_text().split())
        if previous is not None and piece:
            # Text split at the same height is a gap in the line: a table column or a
            # right-aligned unit name. Keep a space unless it is a kerning slip between
            # Chinese characters.
            gap = part.x0 - previous.x1
            tight = gap < 0.3 * part.height and _is_wide(text[-1:] or "a") and _is_wide(piece[0])
            text += "" if tight else " "
        text += piece
        previous = part
    return _PdfRow(
        text=text.strip(),
        x0=min(p.x0 for p in parts),
        x1=max(p.x1 for p in parts),
        top=max(p.y1 for p in parts),
        bottom=min(p.y0 for p in parts),
    )


def _pdf_paragraphs(pages: list[list[_PdfRow]]) -> list[str]:
    """Join the lines that layout wrapped back into paragraphs.

    Chinese text wraps anywhere, mid-word included, so a line break alone means nothing. A new
    paragraph starts at a heading number, after a line ending a sentence or clause
    (。；：！？), and after a line that stops clearly short of the right margin.
    """
    paragraphs: list[str] = []
    current = ""
    previous: _PdfRow | None = None
    previous_margin = 0.0
    document_margin = _right_margin([row for rows in pages for row in rows])
    left = _indented_left([row for rows in pages for row in rows], document_margin)
    for rows in pages:
        if not rows:
            continue
        # A page of short lines (a list, the end of a chapter) shows no margin of its own; a
        # wider page (landscape) has a margin further right than the document's.
        margin = max(_right_margin(rows), document_margin)
        for row in rows:
            if previous is None:
                current = row.text
            elif _starts_paragraph(previous, previous_margin, row, current, left):
                paragraphs.append(current)
                current = row.text
            else:
                glue = " " if _ends_ascii_word(current) and _starts_ascii_word(row.text) else ""
                current += glue + row.text
            previous, previous_margin = row, margin
    if current:
        paragraphs.append(current)
    return [p.strip() for p in paragraphs if p.strip()]


def _right_margin(rows: list[_PdfRow]) -> float:
    # Where full lines end: the 90th percentile of line ends, which a few stray wide table rows
    # do not move and which a page of few lines still finds.
    if not rows:
        return 0.0
    ends = sorted((row.x1 for row in rows), reverse=True)
    return ends[len(ends) // 10]


def _indented_left(rows: list[_PdfRow], margin: float) -> float | None:
    """The left edge of the text when the document indents its paragraphs' first lines (as
    official documents do, by two characters), else None.

    Told from the line after each line that clearly ends a paragraph (stops two ems short): in
    such a document it starts indented, one em or more right of the left edge."""
    if not rows:
        return None
    edges = sorted(row.x0 for row in rows)
    left = edges[len(edges) // 10]
    indented = flush = 0
    for before, after in itertools.pairwise(rows):
        if before.x1 < margin - _SHORT_LINE_CHARS * before.size:
            indented += after.x0 >= left + after.size
            flush += after.x0 < left + 0.5 * after.size
    return left if indented >= 2 and indented > 3 * flush else None


def _continues_indented(previous: _PdfRow, margin: float, row: _PdfRow, left: float | None) -> bool:
    """Whether, in a document that indents first lines, ``row`` goes on the paragraph above: the
    line above runs to the margin and ``row`` starts flush left, so it is no first line, even
    though the line above happens to end a sentence."""
    return (
        left is not None
        and previous.x1 >= margin - previous.size
        and row.x0 < left + 0.5 * row.size
        and parse_annotation_line(row.text) is None  # 牵头单位：… printed flush left is a line of its own
    )


def _starts_paragraph(
    previous: _PdfRow, previous_margin: float, row: _PdfRow, paragraph: str, left: float | None = None
) -> bool:
    if _HEADING_RE.match(row.text):
        return True
    if opens_annotation(paragraph):
        # ``（责任单位：`` or ``（牵头单位：A；`` at a line's end: the annotation goes on below.
        return False
    if _ends_annotated(previous, row, paragraph):
        return True
    if row.text.startswith(TABLE_MARK) or previous.text.startswith(TABLE_MARK):
        return True  # where a task table was taken out (:mod:`.grid_tables`)
    if _continues_indented(previous, previous_margin, row, left):
        return False
    if _SENTENCE_END_RE.search(previous.text):
        return True
    if previous.text.endswith(_OPENING_MARKS):
        return False  # a paragraph never ends on an opening bracket or quote
    if paragraph == previous.text and _ends_heading_line(previous, previous_margin, row):
        return True
    # A line is short when the next line's first word would have fitted in the space left:
    # a Chinese character needs one em, an English word about half an em per letter.
    first_word = _ASCII_WORD_RE.match(row.text)
    needed = max(_SHORT_LINE_CHARS, 0.55 * len(first_word.group())) if first_word else _SHORT_LINE_CHARS
    return previous.x1 < previous_margin - needed * previous.size


def _ends_annotated(previous: _PdfRow, row: _PdfRow, paragraph: str) -> bool:
    """Whether the row ends with a closed unit annotation (``…（牵头单位：区住房建设局）``) that
    closes its paragraph: plans print the annotation last, so what follows is a new paragraph,
    unless it opens with punctuation kept off a line's start (``，``: the sentence goes on)."""
    if not previous.text.endswith(("）", ")", "】")) or row.text.startswith(_KEPT_OFF_START):
        return False
    # The tail holds any annotation; searching the whole paragraph on every row would not be linear.
    return ends_with_annotation(paragraph[-_ANNOTATION_TAIL:])


def _ends_heading_line(previous: _PdfRow, margin: float, row: _PdfRow) -> bool:
    """Whether ``previous``, a paragraph's first line opening with an item label (``（六）强化数据``),
    is a heading on its own line: it stops an em or more short of the margin, so the next line's
    first character would have fitted unless it is punctuation kept off a line's start.

    Body lines stop up to an em short too (narrow digits, kept-off punctuation), so this looser
    measure holds for label lines only; headings often print without a full stop."""
    return (
        bool(_HEADING_RE.match(previous.text))
        and previous.x1 <= margin - 0.9 * previous.size
        and not row.text.startswith(_KEPT_OFF_START)
    )


def _ends_ascii_word(text: str) -> bool:
    return bool(text) and text[-1].isascii() and text[-1].isalnum()


def _starts_ascii_word(text: str) -> bool:
    return bool(text) and text[0].isascii() and text[0].isalnum()
