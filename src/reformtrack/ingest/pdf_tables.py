"""A PDF page's task tables (重点任务分工表) printed as a grid, taken out of its rows of text.

pdfminer gives the page's characters with their positions; :mod:`.grid_tables` tells a task
table's columns from them. The page's text rows (:mod:`.pdfpages`) that fall inside a table give
way to the table's mark, where it starts, for :func:`.task_tables.lift_tables` to find.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .grid_tables import Glyph, GridReader, Rule

__all__ = ["take_tables"]

_Row = Any  # pdfpages._PdfRow: text, x0, x1, top, bottom (imported lazily, pdfpages imports us)


def _chars(page: Any) -> Iterator[Any]:
    from pdfminer.layout import LTChar, LTContainer

    stack = [iter(page)]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
        elif isinstance(item, LTChar):
            yield item
        elif isinstance(item, LTContainer):
            stack.append(iter(item))


def _lines(page: Any, page_number: re.Pattern[str]) -> list[tuple[float, float, list[Glyph]]]:
    """The page's characters as lines, top to bottom: (top, bottom, the line's glyphs)."""
    chars = [c for c in _chars(page) if c.get_text().strip() and c.y1 > c.y0]
    chars.sort(key=lambda c: (-(c.y0 + c.y1) / 2, c.x0))
    lines: list[list[Any]] = []
    for char in chars:
        if lines:
            last = lines[-1][0]
            if abs((char.y0 + char.y1) / 2 - (last.y0 + last.y1) / 2) <= 0.5 * min(char.size, last.size):
                lines[-1].append(char)
                continue
        lines.append([char])
    out = [
        (
            max(c.y1 for c in line),
            min(c.y0 for c in line),
            [Glyph(c.x0, c.x1, c.size, c.get_text()) for c in line],
        )
        for line in lines
    ]
    edge = {0, len(out) - 1}
    return [
        line
        for i, line in enumerate(out)
        if not (i in edge and page_number.match("".join(g.ch for g in sorted(line[2], key=lambda g: g.x0))))
    ]


_THIN = 2.0  # points: a line or a rectangle this thin is a ruling line


def _rules(page: Any) -> list[Rule]:
    """The page's horizontal ruling lines (heights down the page, as the lines' tops): drawn lines,
    thin rectangles, and the top and bottom edges of cell rectangles."""
    from pdfminer.layout import LTContainer, LTLine, LTRect

    out: list[Rule] = []
    stack = [iter(page)]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
        elif isinstance(item, LTLine | LTRect) and item.x1 - item.x0 > _THIN:
            if item.y1 - item.y0 <= _THIN:
                out.append(Rule(-(item.y0 + item.y1) / 2, item.x0, item.x1))
            elif isinstance(item, LTRect):
                out += [Rule(-item.y1, item.x0, item.x1), Rule(-item.y0, item.x0, item.x1)]
        elif isinstance(item, LTContainer):
            stack.append(iter(item))
    return out


def take_tables(page: Any, rows: list[_Row], grid: GridReader, page_number: re.Pattern[str]) -> list[_Row]:
    """``rows`` of ``page`` without those inside a task table; a row holding the table's mark
    stands where each table starts."""
    lines = _lines(page, page_number)
    regions = grid.page([glyphs for _, _, glyphs in lines], [-top for top, _, _ in lines], _rules(page))
    if not regions:
        return rows
    spans = [(lines[r.last][1], lines[r.first][0], r.mark) for r in regions]
    out: list[_Row] = []
    marked: set[int] = set()
    for row in rows:
        centre = (row.top + row.bottom) / 2
        inside = next((i for i, (bottom, top, _) in enumerate(spans) if bottom <= centre <= top), None)
        if inside is None:
            out.append(row)
        elif spans[inside][2] and inside not in marked:
            marked.add(inside)
            out.append(type(row)(text=spans[inside][2], x0=row.x0, x1=row.x1, top=row.top, bottom=row.bottom))
    return out
