"""Word (.docx): paragraphs and tables in reading order, list numbers rendered as Word shows them,
hidden text and tracked deletions left out; the unpacked size is checked while streaming."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .errors import IngestError, UnreadableDocument
from .limits import Budget
from .model import DocTable, DocumentProperties
from .numerals import int_to_chinese
from .read_properties import docx_properties
from .task_tables import lift_tables, table_mark, task_header

# lxml ships no type information; its elements are typed as Any on purpose.
_Element = Any

# --------------------------------------------------------------------------------------------
# Word (.docx)

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + _W_NS + "}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Run content that is not running text: drawings and text boxes (their text floats outside
# the flow, and Word stores it twice), deleted text, field instructions, properties.
_DOCX_SKIP = frozenset(
    [
        _W + tag
        for tag in [
            "del",
            "moveFrom",
            "drawing",
            "pict",
            "object",
            "rPr",
            "pPr",
            "instrText",
            "delText",
            "fldData",
            "sym",
        ]
    ]
    + [_MC + "AlternateContent"]
)


def _w_val(el: _Element | None, default: str | None = None) -> str | None:
    if el is None:
        return default
    value = el.get(_W + "val")
    return default if value is None else str(value)


def _read_docx(
    data: bytes, name: str, budget: Budget
) -> tuple[str, DocumentProperties, tuple[DocTable, ...]]:
    """The text of a .docx, one paragraph per line, its core properties and the task tables taken
    out of it."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        _check_unpacked(data, budget)
        document = docx.Document(io.BytesIO(data))
        budget.check("read")
        try:
            numbering_part: Any = document.part.part_related_by(RT.NUMBERING)
            numbering_el = numbering_part.element
        except KeyError:
            numbering_el = None
        properties = docx_properties(document)
        styles = _DocxStyles(document.styles.element)
        try:
            numbering = _DocxNumbering(numbering_el, styles)
        except (ValueError, TypeError, KeyError):
            # Broken numbering definitions cost the labels, not the document.
            numbering = _DocxNumbering(None, styles)
        lines = []
        characters = 0
        found: list[list[list[str]]] = []
        for line in _docx_lines(document.element.body, styles, numbering, found):
            lines.append(line)
            characters += len(line) + 1
            if len(lines) % 500 == 0:
                budget.characters(characters)
                budget.check("read")
    except (IngestError, MemoryError, RecursionError):
        raise
    except Exception as exc:  # python-docx, lxml and zipfile raise many kinds on damaged files
        raise UnreadableDocument(
            f"{name}: the Word document (.docx) is damaged and cannot be read ({type(exc).__name__})",
            zh=f"{name}：Word文档（.docx）已损坏，无法读取",
        ) from exc
    kept, tables = lift_tables([line for line in lines if line], found)
    text = "\n".join(kept)
    if not text and not tables:
        raise UnreadableDocument(
            f"{name}: the Word document contains no text", zh=f"{name}：Word文档中没有文字"
        )
    return text, properties, tables


_UNPACK_CHUNK = 1024 * 1024


def _check_unpacked(data: bytes, budget: Budget, what: str = "Word 文档") -> None:
    """Refuse a .docx whose members unpack past ``max_unpacked_mb``: first by the sizes the archive
    declares, then by what actually comes out, streamed in chunks, never past the limit."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        budget.unpacked(sum(info.file_size for info in members), what)
        total = 0
        for info in members:
            with archive.open(info) as handle:
                while chunk := handle.read(_UNPACK_CHUNK):
                    total += len(chunk)
                    budget.unpacked(total, what)
            budget.check("read")


class _DocxStyles:
    """Paragraph style names and the numbering they carry, following basedOn chains."""

    def __init__(self, styles_el: _Element) -> None:
        self._by_id: dict[str, _Element] = {}
        for style in styles_el.iter(_W + "style"):
            style_id = style.get(_W + "styleId")
            if style_id:
                self._by_id[str(style_id)] = style

    def name(self, style_id: str | None) -> str:
        style = self._by_id.get(style_id or "")
        return (_w_val(style.find(_W + "name"), "") or "").lower() if style is not None else ""

    def num_pr(self, style_id: str | None) -> tuple[str | None, int | None]:
        """The (numId, ilvl) a paragraph style gives, walking up basedOn."""
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self._by_id.get(style_id)
            if style is None:
                break
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                num_id = _w_val(num_pr.find(_W + "numId"))
                ilvl = _w_val(num_pr.find(_W + "ilvl"))
                return num_id, int(ilvl) if ilvl is not None else None
            style_id = _w_val(style.find(_W + "basedOn"))
        return None, None


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str
    start: int
    restart: int | None
    legal: bool
    style: str | None


class _DocxNumbering:
    """Word's automatic numbering, replayed paragraph by paragraph to print each label.

    Counters are kept per abstract list, as Word does for list instances that share one
    definition; a startOverride restarts its level the first time its instance is used.
    """

    def __init__(self, numbering_el: _Element | None, styles: _DocxStyles) -> None:
        self._styles = styles
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._style_link: dict[str, str] = {}
        self._num_abstract: dict[str, str] = {}
        self._num_levels: dict[str, dict[int, _Level]] = {}
        self._num_starts: dict[str, dict[int, int]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        if numbering_el is None:
            return
        for abstract in numbering_el.iter(_W + "abstractNum"):
            abstract_id = str(abstract.get(_W + "abstractNumId"))
            self._abstract[abstract_id] = self._levels(abstract)
            link = _w_val(abstract.find(_W + "numStyleLink"))
            if link:
                self._style_link[abstract_id] = link
        for num in numbering_el.iter(_W + "num"):
            num_id = str(num.get(_W + "numId"))
            num_abstract_id = _w_val(num.find(_W + "abstractNumId"))
            if num_abstract_id is None:
                continue
            self._num_abstract[num_id] = num_abstract_id
            for override in num.iter(_W + "lvlOverride"):
                ilvl = int(override.get(_W + "ilvl") or 0)
                start = _w_val(override.find(_W + "startOverride"))
                if start is not None:
                    self._num_starts.setdefault(num_id, {})[ilvl] = int(start)
                lvl = override.find(_W + "lvl")
                if lvl is not None:
                    self._num_levels.setdefault(num_id, {}).update(self._levels(override))

    @staticmethod
    def _levels(parent: _Element) -> dict[int, _Level]:
        levels: dict[int, _Level] = {}
        for lvl in parent.iter(_W + "lvl"):
            restart = _w_val(lvl.find(_W + "lvlRestart"))
            legal = lvl.find(_W + "isLgl")
            levels[int(lvl.get(_W + "ilvl") or 0)] = _Level(
                fmt=_w_val(lvl.find(_W + "numFmt"), "decimal") or "decimal",
                text=_w_val(lvl.find(_W + "lvlText"), "") or "",
                start=int(_w_val(lvl.find(_W + "start"), "1") or 1),
                restart=int(restart) if restart is not None else None,
                legal=legal is not None and _w_val(legal, "1") not in ("0", "false"),
                style=_w_val(lvl.find(_W + "pStyle")),
            )
        return levels

    def _resolve(self, num_id: str) -> tuple[str, dict[int, _Level]] | None:
        abstract_id = self._num_abstract.get(num_id)
        if abstract_id is None:
            return None
        link = self._style_link.get(abstract_id)
        if link:
            # A list style: the real definition hangs off the numbering of the style it names.
            linked_num, _ = self._styles.num_pr(link)
            linked_abstract = self._num_abstract.get(linked_num or "")
            if linked_abstract is not None and linked_abstract in self._abstract:
                abstract_id = linked_abstract
        levels = dict(self._abstract.get(abstract_id, {}))
        levels.update(self._num_levels.get(num_id, {}))
        return abstract_id, levels

    def label(self, p: _Element) -> str:
        """Advance the counters for paragraph ``p`` and return its printed label ('' if none)."""
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        style_id = _w_val(p.find(f"{_W}pPr/{_W}pStyle"))
        num_id = _w_val(num_pr.find(_W + "numId")) if num_pr is not None else None
        ilvl_text = _w_val(num_pr.find(_W + "ilvl")) if num_pr is not None else None
        ilvl = int(ilvl_text) if ilvl_text is not None else None
        if num_id is None:
            num_id, style_ilvl = self._styles.num_pr(style_id)
            ilvl = ilvl if ilvl is not None else style_ilvl
        if num_id is None or num_id == "0":  # numId 0 switches numbering off
            return ""
        resolved = self._resolve(num_id)
        if resolved is None:
            return ""
        abstract_id, levels = resolved
        if ilvl is None:
            # A style-numbered paragraph takes the level that names its style.
            ilvl = next((i for i, lvl in levels.items() if style_id and lvl.style == style_id), 0)
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(abstract_id, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for start_level, start in self._num_starts.get(num_id, {}).items():
                counters[start_level] = start - 1
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart != 0 and (restart is None or ilvl < restart):
                del counters[deeper]
        if level.fmt == "bullet":
            # A bullet carries no number, and its glyph is usually a private-use character
            # of the Symbol or Wingdings font: print nothing rather than a box.
            return ""

        def placeholder(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            lvl = levels.get(k)
            if lvl is None:
                return ""
            value = counters.get(k, lvl.start)
            # isLgl ("legal" numbering) prints every level of the label in arabic numerals.
            return _format_number(value, "decimal" if level.legal else lvl.fmt)

        return re.sub(r"%([1-9])", placeholder, level.text)


_CHINESE_COUNTING_FORMATS = frozenset(
    [
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ]
)
_CHINESE_DIGITS = "〇一二三四五六七八九"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def _format_number(n: int, fmt: str) -> str:
    """Render counter ``n`` in a Word numFmt (the common ones; others fall back to decimal)."""
    if fmt in _CHINESE_COUNTING_FORMATS:
        # Word counts with 〇 for a zero inside (一百〇五)
        return int_to_chinese(n).replace("零", "〇") if 0 < n < 10_000 else str(n)
    if fmt == "chineseLegalSimplified":
        return int_to_chinese(n, financial=True) if 0 < n < 10_000 else str(n)
    if fmt in ("ideographDigital", "japaneseDigitalTenThousand", "taiwaneseDigital"):
        return "".join(_CHINESE_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional" and 1 <= n <= len(_HEAVENLY_STEMS):
        return _HEAVENLY_STEMS[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= len(_EARTHLY_BRANCHES):
        return _EARTHLY_BRANCHES[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter") and n >= 1:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and 1 <= n < 4000:
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "none":
        return ""
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _docx_blocks(container: _Element) -> Iterator[_Element]:
    """Paragraphs and tables of a body or cell in document order, through content controls."""
    for child in container:
        tag = child.tag
        if tag in (_W + "p", _W + "tbl"):
            yield child
        elif tag == _W + "sdt":
            gallery = child.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
            if _w_val(gallery) == "Table of Contents":
                continue  # a table of contents repeats the headings with page numbers
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _docx_blocks(content)
        elif tag == _W + "customXml":
            yield from _docx_blocks(child)


def _docx_lines(
    body: _Element, styles: _DocxStyles, numbering: _DocxNumbering, found: list[list[list[str]]]
) -> Iterator[str]:
    """The body's lines; a task table's rows go to ``found`` and a mark takes their place."""
    for block in _docx_blocks(body):
        if block.tag == _W + "p":
            text = _docx_paragraph(block, styles, numbering)
            yield from (line.strip() for line in text.split("\n"))
            continue
        grid = _docx_table_grid(block, styles, numbering)
        if task_header(grid) is not None:
            found.append(grid)
            yield table_mark(len(found) - 1)
        else:
            yield from _docx_table_rows(block, styles, numbering)


def _docx_table_grid(table: _Element, styles: _DocxStyles, numbering: _DocxNumbering) -> list[list[str]]:
    """The table's rows on its grid: a cell spanning columns (gridSpan) repeats its text in each,
    the continuation of a vertical merge (vMerge) takes the text of the cell above."""
    grid: list[list[str]] = []
    for row in table.iterchildren(_W + "tr"):
        before = row.find(f"{_W}trPr/{_W}gridBefore")
        cells = [""] * int(_w_val(before, "0") or 0)
        for tc in row.iterchildren(_W + "tc"):
            span = max(1, min(int(_w_val(tc.find(f"{_W}tcPr/{_W}gridSpan"), "1") or 1), 64))
            v_merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            column = len(cells)
            if v_merge is not None and _w_val(v_merge, "continue") == "continue":
                above = grid[-1] if grid else []
                text = above[column] if column < len(above) else ""
            else:
                text = _docx_cell_text(tc, styles, numbering)
            cells.extend([text] * span)
        grid.append(cells)
    width = max((len(cells) for cells in grid), default=0)
    return [cells + [""] * (width - len(cells)) for cells in grid]


def _docx_paragraph(p: _Element, styles: _DocxStyles, numbering: _DocxNumbering) -> str:
    style_id = _w_val(p.find(f"{_W}pPr/{_W}pStyle"))
    if re.match(r"toc\b", styles.name(style_id)):
        return ""  # table-of-contents entries outside a content control
    try:
        label = numbering.label(p)
    except (ValueError, TypeError, KeyError):
        label = ""  # a malformed numPr: read the text without its label
    text = _docx_run_text(p)
    if not text.strip():
        return ""  # Word still counts an empty numbered paragraph, so the label was advanced
    return label + text.lstrip()


def _docx_run_text(el: _Element) -> str:
    parts: list[str] = []
    stack = [iter(el)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if not isinstance(tag, str) or tag in _DOCX_SKIP:
            continue
        if tag == _W + "t":
            parts.append(child.text or "")
        elif tag == _W + "tab":
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        elif tag == _W + "r" and _docx_run_hidden(child):
            continue
        else:
            stack.append(iter(child))
    return "".join(parts)


def _docx_run_hidden(run: _Element) -> bool:
    vanish = run.find(f"{_W}rPr/{_W}vanish")
    return vanish is not None and _w_val(vanish, "1") not in ("0", "false")


def _docx_table_rows(table: _Element, styles: _DocxStyles, numbering: _DocxNumbering) -> Iterator[str]:
    # One line per row, cells separated by tabs, so a ledger row keeps its project, units
    # and deadline together. Merged cells appear once: the continuation of a vertical merge
    # is left empty and a horizontal span is a single w:tc.
    for row in table.iterchildren(_W + "tr"):
        cells: list[str] = []
        for tc in row.iterchildren(_W + "tc"):
            v_merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if v_merge is not None and _w_val(v_merge, "continue") == "continue":
                cells.append("")
                continue
            cells.append(_docx_cell_text(tc, styles, numbering))
        line = "\t".join(cells).strip()
        if line:
            yield line


def _docx_cell_text(tc: _Element, styles: _DocxStyles, numbering: _DocxNumbering) -> str:
    pieces: list[str] = []
    for block in _docx_blocks(tc):
        if block.tag == _W + "p":
            pieces.append(_docx_paragraph(block, styles, numbering))
        else:
            pieces.extend(_docx_table_rows(block, styles, numbering))
    joined = " ".join(" ".join(piece.split()) for piece in pieces if piece.strip())
    return joined
