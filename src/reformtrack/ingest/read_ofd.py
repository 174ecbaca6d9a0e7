"""OFD (GB/T 33190, the national format for official documents): the text of its pages.

An OFD is a zip: ``OFD.xml`` names the document (DocBody/DocRoot → ``Document.xml``), which lists
its pages (Pages/Page/@BaseLoc → each page's ``Content.xml``); a page draws text as TextObjects
(their Boundary the origin) holding TextCodes, each a run of characters at X/Y with DeltaX the
advance between them. The XML is read directly with lxml, within the limits of a Budget as a .docx
is: the unpacked size declared and streamed, the page count, the clock. Characters at the same
height make a line, sorted by X; lines become paragraphs as a PDF's do (:mod:`.pdfpages`); a task
table printed as a grid is told from its columns' positions (:mod:`.grid_tables`).
"""

from __future__ import annotations

import io
import itertools
import posixpath
import re
import zipfile
from dataclasses import dataclass, replace
from typing import Any

from .errors import IngestError, UnreadableDocument
from .grid_tables import Glyph, GridReader, Rule
from .limits import Budget, LimitExceeded
from .model import DocTable
from .pdfpages import _PAGE_NUMBER_RE, _pdf_paragraphs, _PdfRow
from .read_docx import _check_unpacked
from .read_html import _is_wide
from .task_tables import lift_tables

__all__ = ["read_ofd"]

# lxml ships no type information; its elements are typed as Any on purpose.
_Element = Any
_MAX_PART_BYTES = 20_000_000  # one XML part; the unpacked limit bounds them all together
_NUMBER_RE = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


@dataclass(frozen=True)
class _Glyphs:
    """A TextCode placed on the page: its characters' left edges, baseline and size (mm)."""

    text: str
    xs: tuple[float, ...]
    y: float
    size: float


def read_ofd(data: bytes, name: str, budget: Budget) -> tuple[str, tuple[DocTable, ...]]:
    """The text of an OFD, one paragraph per line, and its task tables, read within ``budget``.

    Raises :class:`UnreadableDocument` (worded in Chinese and English) for a damaged file: no
    ``OFD.xml``, a missing page, XML that does not parse, or no text at all (a scanned document);
    :class:`~.limits.LimitExceeded` past a limit.
    """
    try:
        _check_unpacked(data, budget, "OFD 文档")
        grid = GridReader()
        pages: list[list[_PdfRow]] = []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            characters = 0
            for part in _page_parts(archive, name, budget):
                content = _xml(archive, part, name)
                page = _page_lines(content)
                characters += sum(len(line) for line in page)
                budget.characters(characters)
                pages.append(_page_rows(page, grid, _rules(content)))
                budget.check("read")
        grid.finish()
    except (IngestError, MemoryError, RecursionError):
        raise
    except Exception as exc:  # zipfile and lxml raise many kinds on damaged files
        raise _damaged(name, type(exc).__name__) from exc
    lines, tables = lift_tables(_pdf_paragraphs(pages), grid.tables)
    text = "\n".join(lines)
    if not text and not tables:
        raise UnreadableDocument(
            f"{name}: the OFD document contains no text (a scan?); OCR it first and import the text",
            zh=f"{name}：OFD文档中没有文字（可能是扫描件）；请先进行文字识别（OCR），再导入识别出的文字",
        )
    budget.characters(len(text))
    return text, tables


def _damaged(name: str, why: str) -> UnreadableDocument:
    return UnreadableDocument(
        f"{name}: the OFD document is damaged and cannot be read ({why})",
        zh=f"{name}：OFD文档已损坏，无法读取（{why}）",
    )


def _xml(archive: zipfile.ZipFile, part: str, name: str) -> _Element:
    from lxml import etree

    try:
        info = archive.getinfo(part)
    except KeyError as exc:
        raise UnreadableDocument(
            f"{name}: the OFD document is damaged: its part {part} is missing",
            zh=f"{name}：OFD文档已损坏：缺少部件{part}",
        ) from exc
    with archive.open(info) as handle:
        raw = handle.read(_MAX_PART_BYTES + 1)
    if len(raw) > _MAX_PART_BYTES:
        raise _damaged(name, f"{part} > {_MAX_PART_BYTES // 1_000_000} MB")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(raw, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocument(
            f"{name}: the OFD document is damaged: {part} is not well-formed XML",
            zh=f"{name}：OFD文档已损坏：{part}不是有效的XML",
        ) from exc


def _local(el: _Element) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el: _Element, local: str) -> list[_Element]:
    return [child for child in el.iter() if _local(child) == local]


def _resolve(base: str, location: str) -> str:
    """A part's path in the zip: OFD locations are relative to the referring part's folder, or
    absolute from the package root."""
    location = location.strip().replace("\\", "/")
    if location.startswith("/"):
        return location.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), location))


def _page_parts(archive: zipfile.ZipFile, name: str, budget: Budget) -> list[str]:
    root = _xml(archive, "OFD.xml", name)
    doc_roots = [el.text for el in _children(root, "DocRoot") if el.text and el.text.strip()]
    if not doc_roots:
        raise UnreadableDocument(
            f"{name}: the OFD document is damaged: OFD.xml names no document (DocRoot)",
            zh=f"{name}：OFD文档已损坏：OFD.xml中没有DocRoot",
        )
    document_part = _resolve("OFD.xml", doc_roots[0])
    document = _xml(archive, document_part, name)
    parts = [
        _resolve(document_part, str(page.get("BaseLoc")))
        for page in _children(document, "Page")
        if page.get("BaseLoc")
    ]
    if len(parts) > budget.limits.max_pages:
        raise LimitExceeded(
            f"{name}：OFD 文档超过 {budget.limits.max_pages} 页的上限，已拒绝；请拆分后再导入",
            limit="pages",
            en=f"{name}: the OFD document has more than the limit of {budget.limits.max_pages} pages;"
            " refused: split it, then import it",
        )
    return parts


def _numbers(value: str | None) -> list[float]:
    return [float(n) for n in _NUMBER_RE.findall(value or "")]


def _deltas(value: str | None, count: int) -> list[float]:
    """DeltaX expanded: ``g N d`` repeats the advance ``d`` N times."""
    tokens = (value or "").split()
    out: list[float] = []
    i = 0
    while i < len(tokens) and len(out) < count:
        if tokens[i] == "g" and i + 2 < len(tokens):
            repeat = min(int(float(tokens[i + 1])), count)
            out.extend([float(tokens[i + 2])] * repeat)
            i += 3
        else:
            out.append(float(tokens[i]))
            i += 1
    return out


def _glyphs(page: _Element) -> list[_Glyphs]:
    found: list[_Glyphs] = []
    for obj in _children(page, "TextObject"):
        box = [*_numbers(obj.get("Boundary")), 0.0, 0.0]
        size = (_numbers(obj.get("Size")) or [3.5])[0] or 3.5
        x = y = 0.0
        for code in _children(obj, "TextCode"):
            text = code.text or ""  # spaces too: DeltaX advances over them
            if not text.strip():
                continue
            x = (_numbers(code.get("X")) or [x])[0]
            y = (_numbers(code.get("Y")) or [y])[0]
            deltas = _deltas(code.get("DeltaX"), len(text) - 1)
            deltas += [deltas[-1] if deltas else size] * (len(text) - 1 - len(deltas))
            xs = [box[0] + x]
            for delta in deltas:
                xs.append(xs[-1] + delta)
            found.append(_Glyphs(text, tuple(xs), box[1] + y, size))
    return found


_Char = tuple[float, float, str, float]  # y, x, the character, its size


def _page_lines(content: _Element) -> list[list[_Char]]:
    """The page's characters as visual lines, top to bottom, each sorted by X; page-number lines
    at the page's top and foot left out."""
    chars = sorted(
        (
            (g.y, x, ch, g.size)
            for g in _glyphs(content)
            for x, ch in zip(g.xs, g.text, strict=True)
            if not ch.isspace()
        ),
        key=lambda c: (c[0], c[1]),
    )
    lines: list[list[_Char]] = []
    for char in chars:
        if lines and abs(char[0] - lines[-1][0][0]) <= 0.3 * min(char[3], lines[-1][0][3]):
            lines[-1].append(char)
        else:
            lines.append([char])
    lines = [sorted(line, key=lambda c: c[1]) for line in lines]
    edge = {0, len(lines) - 1}
    return [
        line
        for i, line in enumerate(lines)
        if not (i in edge and _PAGE_NUMBER_RE.match("".join(c[2] for c in line)))
    ]


def _width(char: _Char) -> float:
    return char[3] * (0.5 if char[2].isascii() else 1.0)


_THIN = 0.6  # millimetres: a path this thin, or a segment this level, is a ruling line


def _rules(content: _Element) -> list[Rule]:
    """The page's horizontal ruling lines: the level segments of its PathObjects (AbbreviatedData
    ``M x y L x y`` from the Boundary's origin), or a path whose Boundary is itself a thin line."""
    rules: list[Rule] = []
    for path in _children(content, "PathObject"):
        box = [*_numbers(path.get("Boundary")), 0.0, 0.0, 0.0, 0.0]
        data = next((el.text for el in _children(path, "AbbreviatedData")), "") or ""
        points: list[tuple[str, float, float]] = []
        tokens = data.split()
        for i, token in enumerate(tokens):
            if token in ("M", "L") and i + 2 < len(tokens):
                try:
                    points.append((token, float(tokens[i + 1]), float(tokens[i + 2])))
                except ValueError:
                    continue
        for (_, x0, y0), (op, x1, y1) in itertools.pairwise(points):
            if op == "L" and abs(y1 - y0) <= _THIN and abs(x1 - x0) > _THIN:
                rules.append(Rule(box[1] + y0, box[0] + min(x0, x1), box[0] + max(x0, x1)))
        if not points and box[3] <= _THIN and box[2] > _THIN:
            rules.append(Rule(box[1] + box[3] / 2, box[0], box[0] + box[2]))
    return rules


def _page_rows(lines: list[list[_Char]], grid: GridReader, rules: list[Rule]) -> list[_PdfRow]:
    """The page's rows for paragraphs: a task table's lines give way to its mark (:mod:`.grid_tables`)."""
    glyphs = [[Glyph(c[1], c[1] + _width(c), c[3], c[2]) for c in line] for line in lines]
    regions = grid.page(glyphs, [line[0][0] for line in lines], rules)
    taken: dict[int, str] = {}
    for region in regions:
        for index in range(region.first, region.last + 1):
            taken[index] = region.mark if index == region.first else ""
    rows: list[_PdfRow] = []
    for index, line in enumerate(lines):
        if index not in taken:
            rows.append(_row(line))
        elif taken[index]:
            rows.append(replace(_row(line), text=taken[index]))
    return rows


def _row(line: list[_Char]) -> _PdfRow:
    text = ""
    previous: _Char | None = None
    for char in line:
        if previous is not None:
            gap = char[1] - previous[1]
            # a gap wider than two characters is a table column or a spaced-out name; between
            # Latin letters and digits a space is kept, between Chinese characters none
            advance = previous[3] * (0.5 if previous[2].isascii() else 1.0)
            wide = _is_wide(previous[2]) and _is_wide(char[2])
            if gap > 2.5 * char[3] or (not wide and gap >= 1.4 * advance):
                text += " "
        text += char[2]
        previous = char
    size = max(c[3] for c in line)
    y = line[0][0]
    x1 = line[-1][1] + _width(line[-1])
    return _PdfRow(text=text, x0=line[0][1], x1=x1, top=-y + size, bottom=-y)
