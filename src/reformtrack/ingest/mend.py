"""Lines mended before the outline: annotations broken across lines joined, page furniture dropped.

A PDF breaks its lines where the page is full, and text scraped from web pages or PDFs keeps those
hard breaks, so an annotation may run over two lines: ``…推进改革。（责任单位：`` then
``区市场监管局、区投资推广局）``. Read apart, the first half is a measure of junk and the item loses
its units. Every format reaches :func:`~.build.build_plan` as lines, so they are mended here, once.

Page furniture (``主办单位：… | 网站地图 | 联系我们``, ``ICP备…``) is no plan text; the web reader
drops it from the page, and lines of it that came in some other way are dropped here.
"""

from __future__ import annotations

from collections.abc import Sequence

from .annotations import open_bracket, opens_annotation, starts_with_annotation
from .structure import Line, match_label
from .unit_phrases import is_page_furniture

__all__ = ["mend_lines"]

# How far a broken annotation may run: a few lines and a few dozen characters, so an unclosed
# bracket never swallows the rest of the plan.
_MAX_JOINED_LINES = 3
_MAX_JOINED_CHARS = 120


def _closes(text: str) -> bool:
    """Whether every bracket opened in ``text`` is closed."""
    depth = 0
    for ch in text:
        if ch in "（(【":
            depth += 1
        elif ch in "）)】" and depth:
            depth -= 1
    return depth == 0


def _join_end(lines: Sequence[Line], index: int) -> int:
    """The index past the last line that the annotation opened on ``lines[index]`` runs into, or
    ``index + 1`` when it does not close within bounds.

    A bracket opened with a unit label (``（责任单位：``) is joined on sight; one opened with only
    a name (``（国家``, ``（市场监管总局、``) only when the closed bracket reads as an annotation.
    """
    text = lines[index].text
    surely = opens_annotation(text)
    bracket = open_bracket(text)
    if not surely and bracket < 0:
        return index + 1
    added = 0
    for end in range(index + 1, min(index + 1 + _MAX_JOINED_LINES, len(lines))):
        following = lines[end].text
        added += len(following)
        if added > _MAX_JOINED_CHARS or match_label(following) is not None:
            break
        text += following
        if _closes(text):
            return end + 1 if surely or starts_with_annotation(text[bracket:]) else index + 1
    return index + 1


def mend_lines(lines: Sequence[Line]) -> list[Line]:
    """``lines`` without page furniture, each annotation broken over lines joined into one line.

    A joined line keeps the offset of its first part; the text between the parts (the line break)
    is left out of it.
    """
    kept = [line for line in lines if not is_page_furniture(line.text)]
    out: list[Line] = []
    index = 0
    while index < len(kept):
        line = kept[index]
        end = _join_end(kept, index)
        if end > index + 1:
            line = Line("".join(part.text for part in kept[index:end]), line.start)
        out.append(line)
        index = end
    return out
