"""What a file says about itself outside its text: an HTML page's ``<meta>`` tags and metadata
table (the 发文字号 | 成文日期 rows of government portals), a Word document's core properties.

The pages of many sites keep the 文号 only there, so the text alone would lose it.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from .model import DocumentProperties

# lxml ships no type information; its elements are typed as Any on purpose.
_Element = Any

# <meta name=…> of Chinese government sites (the 政府网站发展指引's ArticleTitle/PubDate) and Dublin Core.
_META_TITLE = frozenset({"articletitle", "dc.title", "og:title"})
_META_DATE = frozenset({"pubdate", "firstpublishedtime", "dc.date", "publishdate", "article:published_time"})
_META_NUMBER = frozenset({"文号", "发文字号", "docnumber", "filenum", "wenhao"})
# The key cells of a metadata table, ``发文字号：`` and the like.
_KEY_RE = re.compile(
    r"^\s*[【\[]?\s*(发文字号|文号|字号|标题|名称|成文日期|发布日期|印发日期)\s*[】\]]?\s*[：:]?\s*$"
)
_KEY_FIELD = {
    "发文字号": "doc_number",
    "文号": "doc_number",
    "字号": "doc_number",
    "标题": "title",
    "名称": "title",
    "成文日期": "issued",
    "印发日期": "issued",
    "发布日期": "published",
}
_CELL_LIMIT = 200


def page_properties(root: _Element) -> DocumentProperties:
    """The title, 文号 and date a page gives in its ``<meta>`` tags and its metadata table rows
    (``发文字号 | X``, ``标题 | Y``, ``成文日期 | Z``; the 成文日期 wins over the 发布日期)."""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        key = (
            "title"
            if name in _META_TITLE
            else "published"
            if name in _META_DATE
            else "doc_number"
            if name in _META_NUMBER
            else ""
        )
        if key:
            found.setdefault(key, content)
    table: dict[str, str] = {}
    for row in root.iter("tr"):
        _read_row(row, table)
    found.update(table)
    return DocumentProperties(
        title=found.get("title", ""),
        doc_number=found.get("doc_number", ""),
        issued=found.get("issued") or found.get("published", ""),
    )


def _read_row(row: _Element, into: dict[str, str]) -> None:
    """Key and value cells side by side: ``<td>发文字号：</td><td>X</td>``, several pairs a row."""
    cells = [" ".join(cell.text_content().split()) for cell in row if cell.tag in ("td", "th")]
    for key_cell, value in itertools.pairwise(cells):
        match = _KEY_RE.match(key_cell)
        if match and value and len(value) <= _CELL_LIMIT and not _KEY_RE.match(value):
            into.setdefault(_KEY_FIELD[match.group(1)], value)


def docx_properties(document: Any) -> DocumentProperties:
    """A Word document's core properties: its title, and a 文号 in its subject, keywords or comments."""
    core = document.core_properties
    number = next(
        (value for value in (core.subject, core.keywords, core.comments) if value and "号" in value),
        "",
    )
    return DocumentProperties(title=(core.title or "").strip(), doc_number=number.strip())
