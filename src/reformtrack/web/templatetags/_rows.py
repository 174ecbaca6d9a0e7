"""What the row-writing tags (``web_tables``, ``web_roadmap``) share; no tags of its own.

Those tags write their rows as f-strings because the template engine was most of a list page's
server time at city scale; this module holds the pieces they need, so they escape, link and highlight alike.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from django.urls import reverse


def escape(value: object) -> str:
    """Text escaped for HTML as Django's autoescape does (``&<>"'``): the stdlib's escape, several
    times faster than :func:`~django.utils.html.format_html` over fifty rows."""
    return html.escape(str(value), quote=True)


class ProjectLinks:
    """The project page's URL for any key, reversed once per page instead of once per row."""

    # a key no project has (a number: the route takes <int>), replaced in the reversed URL
    _KEY = 987654321

    def __init__(self) -> None:
        self._pattern = reverse("web:project_detail", args=[self._KEY])

    def __call__(self, pk: int) -> str:
        return self._pattern.replace(str(self._KEY), str(pk))


def _spans(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """Where ``words`` occur in ``text`` (case-insensitive, as the search matches), overlaps merged."""
    folded = text.casefold()
    found: list[tuple[int, int]] = []
    for word in words:
        needle = word.casefold()
        if not needle:
            continue
        at = folded.find(needle)
        while at != -1:
            found.append((at, at + len(needle)))
            at = folded.find(needle, at + len(needle))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, words: Sequence[str]) -> str:
    """``text`` escaped, with every occurrence of the searched ``words`` in ``<mark>``."""
    out: list[str] = []
    last = 0
    for start, end in _spans(text, words):
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


def snippet(text: str, words: Sequence[str], *, before: int = 20, after: int = 60) -> str:
    """The part of ``text`` around the first searched word it holds, highlighted, with ellipses
    where it is cut; empty when none of the words is in it (the title matched instead)."""
    spans = _spans(text, words)
    if not spans:
        return ""
    start = max(spans[0][0] - before, 0)
    end = min(spans[0][1] + after, len(text))
    head = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    return head + highlight(" ".join(text[start:end].split()), words) + tail
