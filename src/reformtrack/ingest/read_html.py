"""An HTML page's main content as text: one paragraph per line, without navigation, link lists
and other boilerplate; a data table one row per line, its cells separated by tabs. The page's
bytes are decoded by :mod:`.read_text`."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from .decode import _HAN_RE
from .errors import IngestError, UnreadableDocument
from .html_tables import lift_task_tables
from .model import DocTable, DocumentProperties
from .read_properties import page_properties
from .task_tables import lift_tables
from .unit_phrases import is_page_furniture

# lxml ships no type information; its elements are typed as Any on purpose.
_Element = Any

# Elements that never hold page text.
_NON_TEXT_TAGS = tuple(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "canvas",
        "select",
        "button",
        "input",
        "textarea",
    ]
)
_BOILERPLATE_TAGS = frozenset({"nav", "aside", "menu"})
_BOILERPLATE_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "menu", "menubar", "search", "complementary"}
)
# Class and id words that mark navigation and page furniture on Chinese government sites too
# (dqwz = 当前位置, the breadcrumb). Words such as 'header' or 'top' are left out: they also
# name the article header that holds the title.
_BOILERPLATE_WORDS = frozenset(
    [
        "nav",
        "navbar",
        "navigation",
        "menu",
        "menubar",
        "submenu",
        "breadcrumb",
        "breadcrumbs",
        "crumb",
        "crumbs",
        "sidebar",
        "share",
        "bdshare",
        "toolbar",
        "copyright",
        "banner",
        "topbar",
        "footer",
        "login",
        "search",
        "searchbar",
        "position",
        "location",
        "dqwz",
        "friendlink",
        "friendlinks",
        "advert",
        "ads",
        "skip",
    ]
)
_BOILERPLATE_WORD_RE = re.compile(r"(?:nav|menu|footer|breadcrumb|sidebar|share|copyright)\d*")
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    ]
)
# Blocks that may be navigation when most of their text is link text.
_LINK_LIST_TAGS = frozenset(
    {"div", "ul", "ol", "dl", "dd", "dt", "li", "table", "tbody", "tr", "td", "th", "p", "section", "span"}
)
# Wrappers the content container may be found inside; paragraphs and lists are content, never
# a container to descend into.
_CONTAINER_TAGS = frozenset(
    {"body", "div", "section", "article", "main", "table", "tbody", "thead", "tr", "td", "th", "center"}
    | {"form", "span", "font"}
)
_CELL_TAGS = frozenset({"td", "th"})
_DATA_CELL_CHARS = 300  # visible characters; longer cells are laid-out text, not table data
_NEIGHBOUR_LIMIT = 200  # Chinese characters: title, date and signature blocks are shorter
_CELL_MARK = "\x01"  # stand-ins while building lines; NUL and SOH never survive _sniff
_BREAK_SPACE_MARK = "\x00"


@dataclass
class _Stat:
    chars: int = 0
    han: int = 0
    link: int = 0


def _html_text(text: str, name: str) -> tuple[str, DocumentProperties, tuple[DocTable, ...]]:
    """The page's main content, one paragraph per line, what its meta tags and metadata table say,
    and the task tables taken out of it."""
    import lxml.html
    from lxml import etree

    # lxml refuses str input with an encoding declaration, and control characters in any input.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    try:
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
        root = lxml.html.document_fromstring(text, parser=parser)
        properties = page_properties(root)
        body = root.find("body")
        if body is None:
            body = root
        _drop_non_text(body)
        _drop_boilerplate(body)
        _drop_link_lists(body)
        _keep_main_content(body)
        found = lift_task_tables(body)
        lines, tables = lift_tables(_html_lines(body), found)
    except IngestError:
        raise
    except etree.ParserError as exc:  # lxml's "Document is empty"
        raise UnreadableDocument(
            f"{name}: the web page contains no text", zh=f"{name}：网页中没有文字"
        ) from exc
    except Exception as exc:
        raise UnreadableDocument(
            f"{name}: the web page cannot be parsed ({type(exc).__name__})",
            zh=f"{name}：网页无法解析",
        ) from exc
    # A footer of plain divs (主办单位：… | 网站地图) escapes the element and class checks above.
    furniture = [is_page_furniture(line) for line in lines]
    result = "\n".join(line for line, dropped in zip(lines, furniture, strict=True) if not dropped)
    tables = tuple(_moved_up(table, lines, furniture) for table in tables)
    if not result and not tables:
        raise UnreadableDocument(
            f"{name}: the web page contains no text once navigation and scripts are left out",
            zh=f"{name}：去除导航栏和脚本后，网页中没有文字",
        )
    return result, properties, tables


def _moved_up(table: DocTable, lines: list[str], furniture: list[bool]) -> DocTable:
    """The table with its place counted without the furniture lines above it."""
    above = line = 0
    for text, dropped in zip(lines, furniture, strict=True):
        if line >= table.line:
            break
        line += text.count("\n") + 1
        above += (text.count("\n") + 1) if dropped else 0
    return replace(table, line=table.line - above) if above else table


def _measure(root: _Element) -> dict[_Element, _Stat]:
    """Visible characters, Chinese characters and link characters under every element."""
    stats: dict[_Element, _Stat] = {}
    # Reversed document order visits children before their parents: one pass, no recursion.
    for el in reversed(list(root.iter())):
        stat = _Stat()
        _add_text(stat, el.text)
        for child in el:
            child_stat = stats.get(child)
            if child_stat is not None:
                stat.chars += child_stat.chars
                stat.han += child_stat.han
                stat.link += child_stat.link
            _add_text(stat, child.tail)
        if el.tag == "a":
            stat.link = stat.chars
        stats[el] = stat
    return stats


def _add_text(stat: _Stat, text: str | None) -> None:
    if text:
        stat.chars += len(text) - sum(1 for ch in text if ch.isspace())
        stat.han += len(_HAN_RE.findall(text))


def _drop_non_text(body: _Element) -> None:
    for el in list(body.iter(*_NON_TEXT_TAGS)):
        el.drop_tree()
    for el in list(body.iterdescendants()):
        if el.get("hidden") is not None or _HIDDEN_STYLE_RE.search(el.get("style") or ""):
            el.drop_tree()


def _is_boilerplate_element(el: _Element) -> bool:
    """Navigation and page furniture by HTML5 element or ARIA role: the author said so."""
    tag = el.tag
    if tag in _BOILERPLATE_TAGS:
        return True
    if tag in ("header", "footer"):
        # In HTML5 an <article> header holds the title; the page's own header holds the menu.
        return not any(a.tag in ("article", "main") for a in el.iterancestors())
    return (el.get("role") or "").lower() in _BOILERPLATE_ROLES


def _has_boilerplate_name(el: _Element) -> bool:
    """Navigation and page furniture by class or id: a guess from the site's naming."""
    words = re.split(r"[\s_\-]+", f"{el.get('class') or ''} {el.get('id') or ''}".lower())
    return any(w in _BOILERPLATE_WORDS or _BOILERPLATE_WORD_RE.fullmatch(w) for w in words if w)


def _drop_boilerplate(body: _Element) -> None:
    stats = _measure(body)
    total = stats[body].han
    # A class name is only a guess, so never drop by name what holds most of the page's
    # Chinese text: some sites wrap the whole page in something like <div class="nav-wrapper">.
    doomed = [
        el
        for el in body.iterdescendants()
        if _is_boilerplate_element(el) or (_has_boilerplate_name(el) and stats[el].han * 2 <= total)
    ]
    for el in doomed:
        el.drop_tree()


def _drop_link_lists(body: _Element) -> None:
    stats = _measure(body)
    total = stats[body].han
    doomed = []
    stack = list(reversed(body))
    while stack:
        el = stack.pop()
        stat = stats.get(el)
        if stat is None:
            continue
        if el.tag in _LINK_LIST_TAGS and stat.chars and stat.link * 2 > stat.chars and stat.han * 2 <= total:
            doomed.append(el)  # mostly link text: a menu, a list of other articles, a pager
            continue
        stack.extend(reversed(el))
    for el in doomed:
        el.drop_tree()


def _keep_main_content(body: _Element) -> None:
    """Cut the page down to its main content container and the short blocks around it."""
    stats = _measure(body)
    node = body
    # Walk down into the child with the most Chinese text while it clearly dominates: it holds
    # the majority of its parent's and twice as much as any sibling. Two blocks of like size
    # may both be content (an article in two parts), so the walk stops there.
    while stats[node].han:
        ranked = sorted((c for c in node if isinstance(c.tag, str)), key=lambda c: stats[c].han, reverse=True)
        if not ranked or ranked[0].tag not in _CONTAINER_TAGS:
            break
        best = stats[ranked[0]].han
        runner_up = stats[ranked[1]].han if len(ranked) > 1 else 0
        if best * 2 < stats[node].han or best < 2 * runner_up:
            break
        node = ranked[0]
    # Walk back up: at every level keep the neighbours next to the container while they are
    # short (the title and date above the text, the signature below) and cut from the first
    # long one outwards (other articles, text sidebars).
    while node is not body:
        parent = node.getparent()
        _trim_before(parent, node, stats)
        _trim_after(parent, node, stats)
        node = parent


def _han_count(text: str | None) -> int:
    return len(_HAN_RE.findall(text)) if text else 0


def _trim_before(parent: _Element, node: _Element, stats: dict[_Element, _Stat]) -> None:
    siblings = list(parent)
    used = 0
    # Nearest first: the text after each earlier sibling, then the sibling, ..., parent.text.
    for k in range(siblings.index(node) - 1, -2, -1):
        used += _han_count(parent.text if k < 0 else siblings[k].tail)
        if used > _NEIGHBOUR_LIMIT:
            for sibling in siblings[: k + 1]:
                parent.remove(sibling)  # removes its tail too
            parent.text = None
            return
        if k < 0:
            return
        stat = stats.get(siblings[k])
        used += stat.han if stat else 0
        if used > _NEIGHBOUR_LIMIT:
            kept_tail = siblings[k].tail
            for sibling in siblings[: k + 1]:
                parent.remove(sibling)
            parent.text = kept_tail
            return


def _trim_after(parent: _Element, node: _Element, stats: dict[_Element, _Stat]) -> None:
    siblings = list(parent)
    at = siblings.index(node)
    used = _han_count(node.tail)
    if used > _NEIGHBOUR_LIMIT:
        node.tail = None
        for sibling in siblings[at + 1 :]:
            parent.remove(sibling)
        return
    for m in range(at + 1, len(siblings)):
        stat = stats.get(siblings[m])
        used += stat.han if stat else 0
        if used > _NEIGHBOUR_LIMIT:
            for sibling in siblings[m:]:
                parent.remove(sibling)
            return
        used += _han_count(siblings[m].tail)
        if used > _NEIGHBOUR_LIMIT:
            siblings[m].tail = None
            for sibling in siblings[m + 1 :]:
                parent.remove(sibling)
            return


def _html_lines(body: _Element) -> list[str]:
    """The text of ``body``, one line per paragraph (block, cell or ``<br>``); a data table's row
    on one line, its cells separated by tabs; a ``<pre>``'s own line breaks kept."""
    from lxml import etree

    out = _HtmlLines()
    for event, el in etree.iterwalk(body, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue  # a comment or a processing instruction
        if event == "start":
            out.start(el)
        else:
            out.end(el, with_tail=el is not body)
    out.flush()
    return out.lines


class _HtmlLines:
    """The lines of an HTML body, collected as a walk enters and leaves its elements."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []
        self.pre_depth = 0  # inside <pre>: line breaks are kept
        self.data_cell_depth = 0  # inside a data table's cell: paragraphs stay on the row's line
        self.data_cells: set[_Element] = set()

    def start(self, el: _Element) -> None:
        tag = el.tag
        if tag in _CELL_TAGS and _is_data_cell(el):
            self.current.append(_CELL_MARK)
            self.data_cells.add(el)
            self.data_cell_depth += 1
        elif tag in _BLOCK_TAGS or tag in _CELL_TAGS or tag == "br":
            self.flush()
        if tag == "pre":
            self.pre_depth += 1
        self.add(el.text)

    def end(self, el: _Element, *, with_tail: bool) -> None:
        tag = el.tag
        if el in self.data_cells:
            self.data_cell_depth -= 1
        elif tag in _BLOCK_TAGS or tag in _CELL_TAGS:
            self.flush()
        if tag == "pre":
            self.pre_depth -= 1
        if with_tail:
            self.add(el.tail)

    def flush(self) -> None:
        """End the current line (inside a data cell: a space instead)."""
        if self.data_cell_depth:
            self.current.append(" ")  # a paragraph inside a table cell stays on the row's line
            return
        line = _finish_html_line("".join(self.current))
        self.current.clear()
        if line:
            self.lines.append(line)

    def add(self, text: str | None) -> None:
        if not text:
            return
        if self.pre_depth:
            for i, part in enumerate(text.split("\n")):
                if i:
                    self.flush()
                self.current.append(_collapse_html_space(part))
        else:
            self.current.append(_collapse_html_space(text))


def _is_data_cell(cell: _Element) -> bool:
    # Data tables (a ledger: number, project, lead unit, deadline) hold short cells that belong
    # on one line per row, tab-separated. Layout tables hold whole articles in one cell, whose
    # paragraphs must stay lines. Word's HTML wraps even short cells in <p>, so size decides.
    if next(cell.iterdescendants("table"), None) is not None:
        return False
    return len("".join(cell.text_content().split())) <= _DATA_CELL_CHARS


def _collapse_html_space(text: str) -> str:
    # HTML collapses white space; a source line break between two Chinese characters must
    # vanish instead of becoming a space, so it is marked here and settled per line.
    return re.sub(r"[ \t\n\r\f\v]+", lambda m: _BREAK_SPACE_MARK if "\n" in m.group() else " ", text)


def _is_wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80


def _finish_html_line(line: str) -> str:
    def settle(m: re.Match[str]) -> str:
        before = line[m.start() - 1] if m.start() else ""
        after = line[m.end()] if m.end() < len(line) else ""
        if before and after and _is_wide(before) and _is_wide(after):
            return ""
        return " "

    line = re.sub(f"[ {_BREAK_SPACE_MARK}]*{_BREAK_SPACE_MARK}[ {_BREAK_SPACE_MARK}]*", settle, line)
    line = re.sub(" {2,}", " ", line)
    # Cell marks become tabs between non-empty cells only.
    cells = [cell.strip() for cell in line.split(_CELL_MARK)]
    return "\t".join(cell for cell in cells if cell).strip()
