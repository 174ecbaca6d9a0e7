"""Task tables printed as a grid on a page (PDF, OFD): columns told from where the text stands.

A page gives no table structure, only characters at positions. Where a line's text falls apart
into pieces at wide gaps and the pieces name a task table's columns (序号, 重点任务, 牵头单位,
完成时限 …, :func:`.task_tables.task_header`'s test), that line is a header, and each header
piece marks its column. A cell's text always stands inside its column, so between the texts of
the neighbouring headers: a piece that fits between them belongs to that column. Lines whose
pieces all fit a column are the table's; the first that does not (a paragraph across the page)
ends it. A new row starts where the 序号 column has text (a wrapped cell's next lines have none);
without a 序号 column, where a line stands further below the last than a cell's leading. A
领域/类别 cell printed once over its rows fills down.

Where the page draws the grid (a PDF's lines and thin rectangles, an OFD's PathObjects), its
horizontal ruling lines part the rows instead, wherever the text stands in its cell (centred),
and a column no line parts between two rows holds one cell merged over both (a 牵头单位 for two
rows): its text fills each.
Best effort: without ruling lines a merged cell printed in its middle stays with one row; a
table continues over pages, its header repeated or not.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from .sheet_header import field_for
from .task_tables import table_mark

__all__ = ["Glyph", "GridReader", "Region", "Rule"]

_PIECE_GAP = 0.4  # a gap wider than this many character sizes separates two cells' texts
_ROW_GAP = 1.6  # lines further apart than this many character sizes are two rows
_NEED = ({"project", "measure"}, {"lead_units", "co_units", "deadline"})


@dataclass(frozen=True)
class Glyph:
    """One character on a page: its left and right edges and its size (any unit, one per page)."""

    x0: float
    x1: float
    size: float
    ch: str


@dataclass(frozen=True)
class Rule:
    """A horizontal ruling line of a page: its height down the page (as the lines' ``tops``) and
    its extent across. Where a page draws its grid, rows are told by these, not by the text."""

    y: float
    x0: float
    x1: float


@dataclass(frozen=True)
class Region:
    """Lines ``first``..``last`` (inclusive) of a page belong to a table; ``mark`` is the line to
    put in their place (the table's mark where it starts, ``""`` where it continues)."""

    first: int
    last: int
    mark: str


@dataclass
class _Piece:
    x0: float
    x1: float
    text: str
    size: float = 0.0


@dataclass
class _Open:
    header: list[_Piece]
    fields: list[str | None]
    # each row's cells, each the pieces of its lines (joined when the table closes, when the
    # columns' right edges are known)
    rows: list[list[list[_Piece]]] = field(default_factory=list)
    # where each column's texts have stood so far: a header centred over a wide column says
    # little about where its cells' wrapped lines start
    seen: list[list[float]] = field(default_factory=list)
    top: float | None = None  # the height of the table's last line, where pages give it
    # per row, the columns a ruling line parts from the row above (all where no grid is drawn):
    # a column not parted holds one cell merged over both rows
    parted: list[set[int]] = field(default_factory=list)
    # whether ruling lines have parted the table's rows (not merely a rule elsewhere on the page,
    # the red line under a document's head): a ruled table goes on over a page only inside the
    # next page's grid, so a 附件2 and its plan's title above it are no cells
    ruled: bool = False


def _pieces(line: Sequence[Glyph]) -> list[_Piece]:
    out: list[_Piece] = []
    for glyph in sorted(line, key=lambda g: g.x0):
        if glyph.ch.isspace():
            continue
        if out and glyph.x0 - out[-1].x1 <= _PIECE_GAP * glyph.size:
            out[-1].x1 = max(out[-1].x1, glyph.x1)
            out[-1].text += glyph.ch
        else:
            out.append(_Piece(glyph.x0, glyph.x1, glyph.ch, glyph.size))
    return out


class GridReader:
    """Finds task tables in a document's pages, page after page; ``tables`` holds their rows."""

    def __init__(self) -> None:
        self.tables: list[list[list[str]]] = []
        self._open: _Open | None = None
        self._rules: Sequence[Rule] = ()

    def page(
        self, lines: Sequence[Sequence[Glyph]], tops: Sequence[float] = (), rules: Sequence[Rule] = ()
    ) -> list[Region]:
        """The table regions among a page's ``lines`` (top to bottom, each its characters);
        ``tops`` are the lines' heights down the page, which tell rows apart in a table without a
        序号 column (a row's padding parts it from the next more than a wrapped line's leading), and
        ``rules`` the page's horizontal ruling lines, which part rows wherever the cells' text
        stands (centred, a cell merged over rows)."""
        regions: list[Region] = []
        self._rules = rules
        if self._open is not None:
            self._open.top = None  # a page's first line starts a row: heights differ per page
        grid_top = min((rule.y for rule in rules), default=None)
        start: int | None = None
        mark = ""
        for index, line in enumerate(lines):
            pieces = _pieces(line)
            top = tops[index] if index < len(tops) else None
            outside = self._outside_grid(top, grid_top) and start is None
            if self._open is not None and not outside and self._take(pieces, top):
                if start is None:
                    start, mark = index, ""
                continue
            if self._open is not None:
                self._close()
                if start is not None:
                    regions.append(Region(start, index - 1, mark))
                    start = None
            fields = [field_for(piece.text) for piece in pieces]
            if len(pieces) >= 3 and all(set(fields) & need for need in _NEED):
                self._open = _Open(header=pieces, fields=fields, seen=[[p.x0, p.x1] for p in pieces])
                self._open.top = tops[index] if index < len(tops) else None
                start, mark = index, table_mark(len(self.tables))
                self.tables.append([])  # filled when the table closes; its index is its mark's
        if start is not None:
            regions.append(Region(start, len(lines) - 1, mark))
        return regions

    def _outside_grid(self, top: float | None, grid_top: float | None) -> bool:
        """Whether a line at ``top`` of a later page stands outside the open ruled table's grid:
        above the page's first ruling line, or on a page that draws none."""
        if self._open is None or not self._open.ruled or top is None:
            return False
        return grid_top is None or top < grid_top

    def finish(self) -> None:
        """Close a table still open at the document's end."""
        if self._open is not None:
            self._close()

    def _take(self, pieces: list[_Piece], top: float | None = None) -> bool:
        """Add a line to the open table; False when it does not fit the columns."""
        table = self._open
        assert table is not None
        if not pieces:
            return True
        if [p.text for p in pieces] == [p.text for p in table.header]:
            return True  # the header repeated on the next page
        cells: list[list[_Piece]] = [[] for _ in table.header]
        placed = []
        for piece in pieces:
            column = self._column(piece, table)
            if column is None:
                return False
            placed.append((column, piece))
        for column, piece in placed:
            cells[column].append(piece)
            seen = table.seen[column]
            seen[0], seen[1] = min(seen[0], piece.x0), max(seen[1], piece.x1)
        number = table.fields.index("number") if "number" in table.fields else None
        previous, table.top = table.top, top
        everything = set(range(len(table.header)))
        parted = everything
        if self._rules and top is not None and previous is not None:
            parted = self._parted(table, previous, top)
            new_row = bool(parted)
            table.ruled = table.ruled or new_row
        elif number is None:
            size = max(p.size for p in pieces)
            new_row = top is None or previous is None or top - previous > _ROW_GAP * size
        else:
            new_row = bool(cells[number])
        if not table.rows or new_row:
            table.rows.append(cells)
            table.parted.append(parted if table.rows[:-1] else everything)
        else:
            table.rows[-1] = [a + b for a, b in zip(table.rows[-1], cells, strict=True)]
        return True

    def _parted(self, table: _Open, above: float, below: float) -> set[int]:
        """The columns a ruling line between heights ``above`` and ``below`` crosses."""
        found = [rule for rule in self._rules if above < rule.y < below]
        centres = [(head.x0 + head.x1) / 2 for head in table.header]
        return {c for c, x in enumerate(centres) if any(rule.x0 <= x <= rule.x1 for rule in found)}

    @staticmethod
    def _column(piece: _Piece, table: _Open) -> int | None:
        """The column ``piece`` stands in: one whose neighbours' headings it stands between, and
        of those the one whose texts so far it overlaps most, else the nearest."""
        header = table.header
        fits = []
        for i in range(len(header)):
            left = header[i - 1].x1 if i else float("-inf")
            right = header[i + 1].x0 if i + 1 < len(header) else float("inf")
            if left < piece.x0 and piece.x1 < right:
                fits.append(i)
        if not fits:
            return None

        def overlap(i: int) -> float:
            return min(piece.x1, table.seen[i][1]) - max(piece.x0, table.seen[i][0])

        best = max(fits, key=overlap)
        if overlap(best) > 0:
            return best
        return min(fits, key=lambda i: abs((header[i].x0 + header[i].x1) - (piece.x0 + piece.x1)))

    def _close(self) -> None:
        """Join each cell's lines and store the table's rows, header first."""
        table = self._open
        assert table is not None
        self._open = None
        rights = [_right_edge(table, column) for column in range(len(table.header))]
        rows = [[_joined(pieces, rights[c]) for c, pieces in enumerate(row)] for row in table.rows]
        _merge_unparted(rows, table.parted)
        # a 领域/类别 cell printed once over its rows (merged, top-aligned) fills down
        for column, name in enumerate(table.fields):
            if name == "chapter":
                for previous, row in itertools.pairwise(rows):
                    row[column] = row[column] or previous[column]
        self.tables[-1] = [[p.text for p in table.header], *rows]


def _right_edge(table: _Open, column: int) -> float:
    """Where a column's lines may reach: a character short of where the next column's texts start
    (its cells' padding), the last column as far as its texts went."""
    if column + 1 >= len(table.header):
        return table.seen[column][1]
    size = max((p.size for row in table.rows for p in row[column]), default=0.0)
    return max(table.seen[column + 1][0] - size, table.seen[column][1])


def _joined(pieces: list[_Piece], right: float) -> str:
    """A cell's lines as one text: a line that fills its column wraps a word (joined as is), one
    stopping two characters short of the column's right edge ends an entry (a space: 市发改局 and
    市财政局 on lines of their own stay two names)."""
    text = ""
    for previous, piece in zip([None, *pieces], pieces, strict=False):
        short = previous is not None and previous.x1 < right - 2 * max(previous.size, 1e-6)
        text += (" " if short else "") + piece.text
    return text


def _merge_unparted(rows: list[list[str]], parted: list[set[int]]) -> None:
    """A cell no ruling line parts from the row above spans both: its text (printed in either, or
    split over both when centred) fills each row it spans."""
    for column in range(len(rows[0]) if rows else 0):
        start = 0
        for index in range(1, len(rows) + 1):
            if index < len(rows) and column not in parted[index]:
                continue
            if index - start > 1:
                text = " ".join(row[column] for row in rows[start:index] if row[column])
                for row in rows[start:index]:
                    row[column] = text
            start = index
