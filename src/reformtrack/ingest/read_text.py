"""Plain text and HTML pages: decoded (:mod:`.decode`), and of a page only the main content, one
paragraph per line, without navigation, link lists and other boilerplate (:mod:`.read_html`)."""

from __future__ import annotations

import codecs
import re

from .decode import _CONTROL_RE, _FAMILY_OF_LABEL, _SCORE_SAMPLE, _decode_text
from .errors import UnreadableDocument
from .model import RawDocument
from .read_html import _html_text

_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_HTML_START_RE = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|table)\b", re.IGNORECASE)
_HTML_PREAMBLE_RE = re.compile(rb"(?:\s|\xef\xbb\xbf|<\?xml[^>]*>|<!--.*?-->)*", re.DOTALL)
_HTML_TAG_RE = re.compile(rb"<(?:html|head|body|p|div|br|table|meta|title|span|h[1-6])\b", re.IGNORECASE)

# --------------------------------------------------------------------------------------------
# Plain text and HTML


def _read_text(data: bytes, suffix: str, name: str) -> RawDocument:
    is_html = _looks_like_html(data[:4096]) or (
        suffix in _HTML_SUFFIXES and bool(_HTML_TAG_RE.search(data, 0, 65_536))
    )
    declared = _declared_charset(data[:4096]) if is_html else None
    decoded = _decode_text(data, declared)
    if decoded is None:
        raise UnreadableDocument(
            f"{name}: the text encoding cannot be determined (not UTF-8, GB18030/GBK or Big5)",
            zh=f"{name}：无法识别文字编码（不是UTF-8、GB18030/GBK或Big5）",
        )
    text, encoding = decoded
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # The byte sniffing above cannot see tags in UTF-16; look again at the decoded text.
        is_html = _looks_like_html(text[:4096].encode("utf-8"))
    if is_html:
        page_text, properties, tables = _html_text(text, name)
        return RawDocument(page_text, "html", encoding, properties=properties, tables=tables)
    controls = _CONTROL_RE.findall(text, 0, _SCORE_SAMPLE)
    if len(controls) > 2 and len(controls) * 100 > min(len(text), _SCORE_SAMPLE):
        raise UnreadableDocument(
            f"{name}: is a binary file, not a text document", zh=f"{name}：是二进制文件，不是文字文档"
        )
    text = _tidy_plain_text(text)
    if not text.strip():
        raise UnreadableDocument(f"{name}: the file is empty", zh=f"{name}：文件是空的")
    return RawDocument(text, "txt", encoding)


def _looks_like_html(head: bytes) -> bool:
    preamble = _HTML_PREAMBLE_RE.match(head)
    return bool(_HTML_START_RE.match(head, preamble.end() if preamble else 0))


def _tidy_plain_text(text: str) -> str:
    # Only line endings, the byte-order mark and trailing whitespace change: everything else,
    # damage included, is the repair stage's business.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_.:-]+)""",
    re.IGNORECASE,
)


def _declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET_RE.search(head)
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        codecs.lookup(label)
    except LookupError:
        return label if label in _FAMILY_OF_LABEL else None
    return label
