"""An HTML page's task tables (重点任务分工表) on their grid, rowspan and colspan filled, taken out of the
page for :mod:`.task_tables`; other tables stay for :mod:`.read_html` to read as text."""

from __future__ import annotations

import re
from typing import Any

from .task_tables import table_mark, task_header

__all__ = ["lift_task_tables"]

# lxml ships no type information; its elements are typed as Any on purpose.
_Element = Any
CELL_TAGS = frozenset({"td", "th"})
_MAX_SPAN = 64  # a rowspan/colspan past this is a page's mistake (or a trap), not a table


def lift_task_tables(body: _Element) -> list[list[list[str]]]:
    """Replace each task table of ``body`` (innermost tables only) by a mark paragraph; its rows
    on the table's grid are returned in order."""
    import lxml.html

    found: list[list[list[str]]] = []
    for table in list(body.iter("table")):
        if next(table.iterdescendants("table"), None) is not None:
            continue  # a layout table around the content
        grid = _table_grid(table)
        if task_header(grid) is None:
            continue
        mark = lxml.html.Element("p")
        mark.text = table_mark(len(found))
        mark.tail = table.tail
        caption = table.find("caption")
        if caption is not None and caption.text_content().strip():
            title = lxml.html.Element("p")
            title.text = " ".join(caption.text_content().split())
            table.addprevious(title)
        table.getparent().replace(table, mark)
        found.append(grid)
    return found


def _table_grid(table: _Element) -> list[list[str]]:
    """The rows of an HTML table on its grid: a cell's text fills every grid cell its rowspan and
    colspan cover, as a spreadsheet's merged range does."""
    rows = [tr for tr in table.iter("tr") if tr.xpath("ancestor::table[1]")[0] is table]
    grid: list[dict[int, str]] = [{} for _ in rows]
    for r, tr in enumerate(rows):
        column = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in CELL_TAGS:
                continue
            while column in grid[r]:
                column += 1  # taken by a cell spanning down from a row above
            text = _cell_text(cell)
            for dr in range(_span(cell, "rowspan")):
                if r + dr >= len(rows):
                    break
                for dc in range(_span(cell, "colspan")):
                    grid[r + dr].setdefault(column + dc, text)
            column += _span(cell, "colspan")
    width = max((max(cells) + 1 for cells in grid if cells), default=0)
    return [[cells.get(c, "") for c in range(width)] for cells in grid]


def _span(cell: _Element, name: str) -> int:
    try:
        return max(1, min(int(str(cell.get(name) or "1").strip() or 1), _MAX_SPAN))
    except ValueError:
        return 1


_CELL_BREAKS = frozenset({"br", "p", "div", "li", "tr"})


def _cell_text(cell: _Element) -> str:
    """A cell's text: its paragraphs and ``<br>`` lines joined by a space (a list of units stays
    apart: 市发改局<br>市财政局), a source line break between two Chinese characters dropped."""
    lines: list[str] = [""]

    def add(text: str | None) -> None:
        if text:
            lines[-1] += text

    def walk(el: _Element) -> None:
        if isinstance(el.tag, str) and el.tag in _CELL_BREAKS:
            lines.append("")
        add(el.text)
        for child in el:
            walk(child)
            if isinstance(child.tag, str) and child.tag in _CELL_BREAKS:
                lines.append("")
            add(child.tail)

    walk(cell)
    return " ".join(text for text in map(_collapse, lines) if text)


def _collapse(text: str) -> str:
    def settle(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        return "" if before and after and _is_wide(before) and _is_wide(after) else " "

    return re.sub(r"\s+", settle, text.strip())


def _is_wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80
