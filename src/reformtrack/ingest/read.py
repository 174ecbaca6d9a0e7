"""read: the bytes of a .txt/.html/.docx/.pdf file in, its text (one paragraph per line) out.

The format is taken from the content first (magic bytes) and the file name second, so a .docx
renamed .txt still reads as a Word document. Text encodings are detected, never assumed: valid
UTF-8 is taken at once; otherwise GB18030 and Big5 are both tried and the decoding that yields
common Chinese characters wins (charset-normalizer breaks close calls).

This stage only *reads*. It does not repair the text: mojibake, stray ``?`` and traditional
characters pass through untouched for :mod:`.repair` to deal with. Every kind of bad input ends
in an :class:`~.errors.IngestError` with a one-line message that names the file.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .errors import IngestError, UnreadableDocument, UnsupportedFormat
from .limits import Budget
from .numerals import int_to_chinese

__all__ = ["MAX_BYTES", "RawDocument", "read_document"]

MAX_BYTES: int = 25_000_000

# lxml ships no type information; its elements are typed as Any on purpose.
_Element = Any


@dataclass(frozen=True)
class RawDocument:
    """The text of a document as read, before any repair.

    ``text`` holds one paragraph per line with ``\\n`` line endings; ``format`` is one of
    ``'txt'``, ``'html'``, ``'docx'``, ``'pdf'``; ``encoding`` is the detected text encoding for
    txt/html (``'utf-8'``, ``'gb18030'``, ``'big5'``, or ``'utf-16'`` for files with a UTF-16
    byte-order mark) and ``None`` for docx/pdf.
    """

    text: str
    format: str
    encoding: str | None


def read_document(data: bytes, filename: str, *, budget: Budget | None = None) -> RawDocument:
    """Read the bytes of a plan document into text.

    ``filename`` is used for messages and, after the content, to tell the format.
    Raises :class:`UnreadableDocument` for empty, binary, image, oversized, undecodable or
    damaged files and :class:`UnsupportedFormat` for documents of a kind the importer does not
    read (.doc, .xlsx, zip archives, ...), and :class:`~.limits.LimitExceeded` past a limit of
    ``budget`` (unpacked size, streams, pages, operators, characters, time). Never raises anything else.
    """
    name = _display_name(filename)
    budget = budget or Budget(name=name)
    if not isinstance(data, bytes):
        data = bytes(data)  # a bytearray or memoryview from an upload handler
    if len(data) > MAX_BYTES:
        raise UnreadableDocument(
            f"{name}: the file is {len(data) / 1e6:.1f} MB; "
            f"documents over {MAX_BYTES // 1_000_000} MB are refused"
        )
    if not data or data.isspace():
        raise UnreadableDocument(f"{name}: the file is empty")
    suffix = _suffix(filename)
    kind = _sniff(data, suffix, name)
    if kind == "docx":
        doc = RawDocument(_read_docx(data, name, budget), "docx", None)
    elif kind == "pdf":
        from .pdfpages import read_pdf

        doc = RawDocument(read_pdf(data, name, budget), "pdf", None)
    else:
        doc = _read_text_or_explain(data, suffix, name)
    budget.characters(len(doc.text))
    budget.check("read")
    return doc


def _read_text_or_explain(data: bytes, suffix: str, name: str) -> RawDocument:
    try:
        return _read_text(data, suffix, name)
    except UnreadableDocument as exc:
        if suffix in (".docx", ".pdf"):
            # The name promises a binary format and the content is neither that nor text:
            # most likely a truncated download. Say so rather than talk about encodings.
            raise UnreadableDocument(f"{name}: {_NOT_VALID.format(suffix=suffix)}") from exc
        raise


# --------------------------------------------------------------------------------------------
# Telling the format


def _display_name(filename: str) -> str:
    # Messages must stay on one line even when an upload's name carries control characters.
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in filename).strip()
    return cleaned[:200] or "document"


def _suffix(filename: str) -> str:
    base = re.split(r"[/\\]", filename)[-1]
    dot = base.rfind(".")
    return base[dot:].lower() if dot > 0 else ""


_IMAGE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_EXECUTABLE_MAGIC: tuple[bytes, ...] = (
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",  # Mach-O, both word sizes and byte orders
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal binary (also Java class files)
)
_ARCHIVE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
)
_NOT_VALID = "is not a valid {suffix} file (it is damaged or was only partly downloaded)"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_HTML_START_RE = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|table)\b", re.IGNORECASE)
# Before the first tag a page may carry white space, a byte-order mark, an XML declaration
# and comments.
_HTML_PREAMBLE_RE = re.compile(rb"(?:\s|\xef\xbb\xbf|<\?xml[^>]*>|<!--.*?-->)*", re.DOTALL)
_HTML_TAG_RE = re.compile(rb"<(?:html|head|body|p|div|br|table|meta|title|span|h[1-6])\b", re.IGNORECASE)


def _sniff(data: bytes, suffix: str, name: str) -> str:
    """Return ``'docx'``, ``'pdf'`` or ``'text'``, or raise for anything the importer refuses."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "text"  # only text files carry a byte-order mark
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _sniff_zip(data, suffix, name)
    # The PDF header may legally sit after some junk within the first kilobyte.
    if data.lstrip().startswith(b"%PDF-") or (suffix == ".pdf" and b"%PDF-" in data[:1024]):
        return "pdf"
    if data.startswith(_OLE_MAGIC):
        raise UnsupportedFormat(f"{name}: {_ole_advice(suffix)}")
    image = _image_kind(data)
    if image:
        raise UnreadableDocument(
            f"{name}: is an image ({image}), not a text document; OCR it first and import the text"
        )
    if data.startswith(_EXECUTABLE_MAGIC) or (data.startswith(b"MZ") and b"\x00" in data[:64]):
        raise UnreadableDocument(f"{name}: is a program (executable), not a document")
    for magic, archive in _ARCHIVE_MAGIC:
        if data.startswith(magic):
            raise UnsupportedFormat(
                f"{name}: is a {archive} archive, not a document; extract it and import the document inside"
            )
    if data.startswith(b"{\\rtf"):
        raise UnsupportedFormat(f"{name}: is an RTF file; open it in Word or WPS and save it as .docx")
    if b"\x00" in data:
        if suffix in (".docx", ".pdf"):
            raise UnreadableDocument(f"{name}: {_NOT_VALID.format(suffix=suffix)}")
        raise UnreadableDocument(f"{name}: is a binary file, not a text document")
    return "text"


def _image_kind(data: bytes) -> str | None:
    for magic, kind in _IMAGE_MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WebP"
    # A BMP header is 'BM', the file size and four reserved zero bytes.
    if data.startswith(b"BM") and data[6:10] == b"\x00\x00\x00\x00":
        return "BMP"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"avif"):
        return "HEIC/AVIF"
    return None


def _ole_advice(suffix: str) -> str:
    # Old Office and WPS files share one container format; only the name tells them apart.
    if suffix in (".xls", ".et"):
        return "is an old Excel workbook (.xls), which the importer does not read"
    if suffix in (".ppt", ".dps"):
        return "is an old PowerPoint file (.ppt), which the importer does not read"
    return "is an old Word or WPS document (.doc/.wps); open it in Word or WPS and save it as .docx"


def _zip_head(archive: zipfile.ZipFile, member: str, names: set[str], size: int) -> bytes:
    if member not in names:
        return b""
    with archive.open(member) as handle:
        return handle.read(size)


def _sniff_zip(data: bytes, suffix: str, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            # Read only the heads of the members: a zip bomb must not unpack here.
            content_types = _zip_head(archive, "[Content_Types].xml", names, 20_000)
            mimetype = _zip_head(archive, "mimetype", names, 100)
    except Exception as exc:  # zipfile raises BadZipFile, OSError, EOFError, ... on a broken archive
        # Member names are stored uncompressed, so a damaged Word file still shows its parts.
        if suffix == ".docx" or b"word/document.xml" in data:
            raise UnreadableDocument(
                f"{name}: the Word document (.docx) is damaged and cannot be opened"
            ) from exc
        raise UnreadableDocument(f"{name}: is a damaged zip archive, not a document") from exc
    if "word/document.xml" in names:
        if b"macroEnabled" in content_types or b"template.main" in content_types:
            raise UnsupportedFormat(
                f"{name}: is a Word template or macro document; open it in Word and save it as .docx"
            )
        return "docx"
    if "xl/workbook.xml" in names:
        raise UnsupportedFormat(
            f"{name}: is an Excel workbook (.xlsx); the importer reads .txt, .html, .docx and .pdf"
        )
    if "ppt/presentation.xml" in names:
        raise UnsupportedFormat(
            f"{name}: is a PowerPoint file (.pptx); the importer reads .txt, .html, .docx and .pdf"
        )
    if "OFD.xml" in names:
        raise UnsupportedFormat(f"{name}: is an OFD document; export it as PDF or .docx first")
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise UnsupportedFormat(f"{name}: is an OpenDocument file; save it as .docx first")
    raise UnsupportedFormat(
        f"{name}: is a zip archive, not a document; extract it and import the document inside"
    )


# --------------------------------------------------------------------------------------------
# Text encodings

# The 500 commonest Chinese characters (by frequency in jieba's dictionary) and their traditional
# forms (OpenCC s2t, s2tw, s2hk). Right decodings of Chinese text are 55-75% made of these;
# Big5 read as GBK, GBK read as Big5, or random bytes, 5-25%. That gap is what tells them apart.
_COMMON_HAN = frozenset(
    "一是人了不在有大中国和为这上他个地年来我会以到时要出的生学说道民家子也成行下们于后就发自之对得主长可"
    "过天作分方用多你着部能市等业全里工公经本都而高政法面门动日进区事代那去心小同北定开产前其军还然起种所"
    "如现理机体表力好外与文当两实重新三么只山水关明从化平建又制南内西没此将员名手最东头者月间无安看见各城"
    "十相但已些正口通想度加第她合院物性战由位常点海意场武使次二向治因立数样身情入原问把路被并利石老教万知"
    "级量任江及应省资委务元美特期世湖回系比气汉总展电科金先声提品设或义王社很统处四首共马形己儿司太目基领"
    "队直计别女权话少流命至报米给打变果书清活几州华解议更称程今决张导术府才保交放管结师便走达族反再题色五"
    "京河接条规式县白它改风光运信受什组听布百济党指论强做取技黄神选记斯真却职号界件花类何眼兵传带空干农边"
    "据集联古广完质阳难增历史专官每住商即步认车台林必死游举线言皇土团收考求德叫近备研争非具李众连调感转笑"
    "革该持始英克士尔让拉思根格造较际亲单朝红型价校约器字段周亚深候则功属积快图火千准究往极育装许参半令吃"
    "观鱼精办像帝八复影告远群包整构料随划算象容示投势热值夫网望源息语股铁断派速怎需片爱律纪支早况病境证编"
    "並亞來個們備傳價兒內兩別則動務勢區卻參員問喫單國圖團報場學實將專對導屬師帶幹幾廣張強後從復愛應戰據數"
    "斷於時書會東條業極構樣機權歷氣決沒況準漢濟為無熱爭爲爾現產當發眾種稱積紀約紅級組結給統經網線編縣總羣"
    "義聯聲職聽臺與舉華萬著處號衆術裏裝裡見規親觀計記設許話該認語說説調論證議變讓資質車軍較轉辦農這連進遊"
    "運過達遠選還邊鐵長門開間關陽隊際隨難電領頭題類風馬體魚麼黃點黨"
)
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# What a wrong Chinese decoding produces besides rare characters: private-use code points
# (GBK's user-defined rows, where Big5 punctuation lands), kana, bopomofo, Greek, Cyrillic,
# box drawing, small form variants, control characters and replacement characters.
_ODD_RE = re.compile(
    "[\ue000-\uf8ff\u3040-\u312f\u0370-\u04ff\u2500-\u257f\ufe50-\ufe6f\ufffd\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]"
)
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x19\x1c-\x1f\x7f]")

# Decoders per family, commonest first: Windows writes Big5 as cp950, Hong Kong adds HKSCS;
# GB18030 reads GB2312 and GBK as well.
_FAMILY_CODECS: dict[str, tuple[str, ...]] = {"gb18030": ("gb18030",), "big5": ("cp950", "big5hkscs")}
_FAMILY_OF_LABEL: dict[str, str] = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "cp936": "gb18030",
    "x-gbk": "gb18030",
    "euc-cn": "gb18030",
    "big5": "big5",
    "big5-hkscs": "big5",
    "big5hkscs": "big5",
    "cp950": "big5",
    "x-x-big5": "big5",
}
_SCORE_SAMPLE = 20_000  # characters; enough to decide, keeps large files fast
_DECISIVE_GAP = 0.15  # common-character ratios further apart than this need no tie-break


@dataclass(frozen=True)
class _Score:
    han: int
    common: int
    odd: int

    @property
    def ratio(self) -> float:
        total = self.han + self.odd
        return self.common / total if total else 0.0

    @property
    def plausible(self) -> bool:
        # Thresholds measured on plan text: right decodings of 30+ characters score >= 0.4,
        # wrong ones and random bytes <= 0.27. Very short texts are judged on odd characters only.
        total = self.han + self.odd
        if total < 5:
            return self.odd == 0
        if self.odd * 10 > total:
            return False
        return self.ratio >= (0.3 if total >= 30 else 0.2)


def _score(text: str) -> _Score:
    sample = text[:_SCORE_SAMPLE]
    han = _HAN_RE.findall(sample)
    return _Score(
        han=len(han), common=sum(1 for ch in han if ch in _COMMON_HAN), odd=len(_ODD_RE.findall(sample))
    )


def _decode_text(data: bytes, declared: str | None = None) -> tuple[str, str] | None:
    """Decode text bytes; return ``(text, encoding)`` or ``None`` when no encoding fits.

    ``declared`` is a charset label from an HTML page; it breaks ties but cannot override
    what the bytes show, because pages declaring gb2312 while holding UTF-8 are common.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            data = data[3:]  # the mark lied; judge the rest on its own
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None
    # Valid UTF-8 is conclusive: GB and Big5 text of any length practically never is, and
    # checking it first keeps the common case fast (no statistics at all).
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared_family = _FAMILY_OF_LABEL.get(declared.lower()) if declared else None
    chinese = _decode_chinese(data, declared_family)
    if chinese:
        return chinese
    if declared and declared_family is None:
        try:
            return data.decode(declared), codecs.lookup(declared).name
        except (LookupError, UnicodeError, ValueError):
            pass  # a label naming no text codec, or one the bytes do not fit
    return _decode_damaged(data)


def _decode_chinese(data: bytes, declared_family: str | None) -> tuple[str, str] | None:
    candidates: dict[str, tuple[str, _Score]] = {}
    for family, decoders in _FAMILY_CODECS.items():
        for decoder in decoders:
            try:
                text = data.decode(decoder)
            except UnicodeDecodeError:
                continue
            score = _score(text)
            if score.plausible:
                candidates[family] = (text, score)
            break
    if not candidates:
        return None
    family = next(iter(candidates)) if len(candidates) == 1 else _break_tie(data, candidates, declared_family)
    return candidates[family][0], family


def _break_tie(data: bytes, candidates: dict[str, tuple[str, _Score]], declared_family: str | None) -> str:
    ranked = sorted(candidates, key=lambda f: candidates[f][1].ratio, reverse=True)
    if candidates[ranked[0]][1].ratio - candidates[ranked[1]][1].ratio >= _DECISIVE_GAP:
        return ranked[0]
    if declared_family in candidates:
        return declared_family
    # Close call, typically a short text: ask charset-normalizer, whose mess detector weighs
    # things our character count does not (punctuation, script mixing).
    import charset_normalizer

    best = charset_normalizer.from_bytes(data, cp_isolation=["gb18030", "big5", "cp950", "big5hkscs"]).best()
    if best is not None:
        family = "gb18030" if best.encoding == "gb18030" else "big5"
        if family in candidates:
            return family
    return ranked[0]


def _decode_damaged(data: bytes) -> tuple[str, str] | None:
    # A file cut mid-character or with a stray byte should still read; allow one undecodable
    # byte per thousand characters, shown as U+FFFD for the repair stage to report.
    best: tuple[int, str, str] | None = None
    for family, decoder in (("utf-8", "utf-8"), ("gb18030", "gb18030"), ("big5", "cp950")):
        text = data.decode(decoder, errors="replace")
        bad = text.count("\ufffd")
        if bad > max(1, len(text) // 1000):
            continue
        without_bad = text.replace("\ufffd", "")
        if not _score(without_bad).plausible:
            continue
        if best is None or bad < best[0]:
            best = (bad, text, family)
    return (best[1], best[2]) if best else None


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
            f"{name}: the text encoding cannot be determined (not UTF-8, GB18030/GBK or Big5)"
        )
    text, encoding = decoded
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # The byte sniffing above cannot see tags in UTF-16; look again at the decoded text.
        is_html = _looks_like_html(text[:4096].encode("utf-8"))
    if is_html:
        return RawDocument(_html_text(text, name), "html", encoding)
    controls = _CONTROL_RE.findall(text, 0, _SCORE_SAMPLE)
    if len(controls) > 2 and len(controls) * 100 > min(len(text), _SCORE_SAMPLE):
        raise UnreadableDocument(f"{name}: is a binary file, not a text document")
    text = _tidy_plain_text(text)
    if not text.strip():
        raise UnreadableDocument(f"{name}: the file is empty")
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


def _html_text(text: str, name: str) -> str:
    import lxml.html
    from lxml import etree

    # lxml refuses str input with an encoding declaration, and control characters in any input.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    try:
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
        root = lxml.html.document_fromstring(text, parser=parser)
        body = root.find("body")
        if body is None:
            body = root
        _drop_non_text(body)
        _drop_boilerplate(body)
        _drop_link_lists(body)
        _keep_main_content(body)
        lines = _html_lines(body)
    except IngestError:
        raise
    except etree.ParserError as exc:  # lxml's "Document is empty"
        raise UnreadableDocument(f"{name}: the web page contains no text") from exc
    except Exception as exc:
        raise UnreadableDocument(f"{name}: the web page cannot be parsed ({type(exc).__name__})") from exc
    result = "\n".join(lines)
    if not result:
        raise UnreadableDocument(
            f"{name}: the web page contains no text once navigation and scripts are left out"
        )
    return result


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
    from lxml import etree

    lines: list[str] = []
    current: list[str] = []
    pre_depth = 0
    data_cell_depth = 0

    def flush() -> None:
        if data_cell_depth:
            current.append(" ")  # a paragraph inside a table cell stays on the row's line
            return
        line = _finish_html_line("".join(current))
        current.clear()
        if line:
            lines.append(line)

    def add(text: str | None) -> None:
        if not text:
            return
        if pre_depth:
            for i, part in enumerate(text.split("\n")):
                if i:
                    flush()
                current.append(_collapse_html_space(part))
        else:
            current.append(_collapse_html_space(text))

    data_cells: set[_Element] = set()
    for event, el in etree.iterwalk(body, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if event == "start":
            if tag in _CELL_TAGS and _is_data_cell(el):
                current.append(_CELL_MARK)
                data_cells.add(el)
                data_cell_depth += 1
            elif tag in _BLOCK_TAGS or tag in _CELL_TAGS or tag == "br":
                flush()
            if tag == "pre":
                pre_depth += 1
            add(el.text)
        else:
            if el in data_cells:
                data_cell_depth -= 1
            elif tag in _BLOCK_TAGS or tag in _CELL_TAGS:
                flush()
            if tag == "pre":
                pre_depth -= 1
            if el is not body:
                add(el.tail)
    flush()
    return lines


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


def _read_docx(data: bytes, name: str, budget: Budget) -> str:
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
        styles = _DocxStyles(document.styles.element)
        try:
            numbering = _DocxNumbering(numbering_el, styles)
        except (ValueError, TypeError, KeyError):
            # Broken numbering definitions cost the labels, not the document.
            numbering = _DocxNumbering(None, styles)
        lines = []
        characters = 0
        for line in _docx_lines(document.element.body, styles, numbering):
            lines.append(line)
            characters += len(line) + 1
            if len(lines) % 500 == 0:
                budget.characters(characters)
                budget.check("read")
    except (IngestError, MemoryError, RecursionError):
        raise
    except Exception as exc:  # python-docx, lxml and zipfile raise many kinds on damaged files
        raise UnreadableDocument(
            f"{name}: the Word document (.docx) is damaged and cannot be read ({type(exc).__name__})"
        ) from exc
    text = "\n".join(line for line in lines if line)
    if not text:
        raise UnreadableDocument(f"{name}: the Word document contains no text")
    return text


_UNPACK_CHUNK = 1024 * 1024


def _check_unpacked(data: bytes, budget: Budget) -> None:
    """Refuse a .docx whose members unpack past ``max_unpacked_mb``: first by the sizes the archive
    declares, then by what actually comes out, streamed in chunks, never past the limit."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        budget.unpacked(sum(info.file_size for info in members), "Word 文档")
        total = 0
        for info in members:
            with archive.open(info) as handle:
                while chunk := handle.read(_UNPACK_CHUNK):
                    total += len(chunk)
                    budget.unpacked(total, "Word 文档")
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


def _docx_lines(body: _Element, styles: _DocxStyles, numbering: _DocxNumbering) -> Iterator[str]:
    for block in _docx_blocks(body):
        if block.tag == _W + "p":
            text = _docx_paragraph(block, styles, numbering)
            yield from (line.strip() for line in text.split("\n"))
        else:
            yield from _docx_table_rows(block, styles, numbering)


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
