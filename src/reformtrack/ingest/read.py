"""read: the bytes of a .txt/.html/.docx/.pdf/.ofd file in, its text (one paragraph per line) out.

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
from typing import Any

from .errors import UnreadableDocument, UnsupportedFormat
from .limits import Budget
from .model import RawDocument
from .read_docx import _read_docx
from .read_text import _read_text

__all__ = ["MAX_BYTES", "RawDocument", "read_document"]

MAX_BYTES: int = 25_000_000

# lxml ships no type information; its elements are typed as Any on purpose.
_Element = Any


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
            f"documents over {MAX_BYTES // 1_000_000} MB are refused",
            zh=f"{name}：文件大小为{len(data) / 1e6:.1f} MB，超过{MAX_BYTES // 1_000_000} MB的文件不予导入",
        )
    if not data or data.isspace():
        raise UnreadableDocument(f"{name}: the file is empty", zh=f"{name}：文件是空的")
    suffix = _suffix(filename)
    kind = _sniff(data, suffix, name)
    if kind == "docx":
        docx_text, properties, tables = _read_docx(data, name, budget)
        doc = RawDocument(docx_text, "docx", None, properties=properties, tables=tables)
    elif kind == "ofd":
        from .read_ofd import read_ofd

        text, tables = read_ofd(data, name, budget)
        doc = RawDocument(text, "ofd", None, tables=tables)
    elif kind == "pdf":
        from .pdfpages import read_pdf

        text, tables = read_pdf(data, name, budget)
        doc = RawDocument(text, "pdf", None, tables=tables)
    else:
        doc = _read_text_or_explain(data, suffix, name)
    budget.characters(len(doc.text))
    budget.check("read")
    return doc


def _read_text_or_explain(data: bytes, suffix: str, name: str) -> RawDocument:
    try:
        return _read_text(data, suffix, name)
    except UnreadableDocument as exc:
        if suffix in (".docx", ".pdf", ".ofd"):
            # The name promises a binary format and the content is neither that nor text:
            # most likely a truncated download. Say so rather than talk about encodings.
            raise UnreadableDocument(
                f"{name}: {_NOT_VALID.format(suffix=suffix)}",
                zh=f"{name}：{_NOT_VALID_ZH.format(suffix=suffix)}",
            ) from exc
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
_NOT_VALID_ZH = "不是有效的{suffix}文件（文件已损坏或未完整下载）"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Before the first tag a page may carry white space, a byte-order mark, an XML declaration
# and comments.


def _sniff(data: bytes, suffix: str, name: str) -> str:
    """Return ``'docx'``, ``'ofd'``, ``'pdf'`` or ``'text'``, or raise for anything the importer refuses."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "text"  # only text files carry a byte-order mark
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _sniff_zip(data, suffix, name)
    # The PDF header may legally sit after some junk within the first kilobyte.
    if data.lstrip().startswith(b"%PDF-") or (suffix == ".pdf" and b"%PDF-" in data[:1024]):
        return "pdf"
    if data.startswith(_OLE_MAGIC):
        raise UnsupportedFormat(f"{name}: {_ole_advice(suffix)}", zh=f"{name}：{_ole_advice(suffix, 'zh')}")
    image = _image_kind(data)
    if image:
        raise UnreadableDocument(
            f"{name}: is an image ({image}), not a text document; OCR it first and import the text",
            zh=f"{name}：是图片（{image}），不是文字文档；请先进行文字识别（OCR），再导入识别出的文字",
        )
    if data.startswith(_EXECUTABLE_MAGIC) or (data.startswith(b"MZ") and b"\x00" in data[:64]):
        raise UnreadableDocument(
            f"{name}: is a program (executable), not a document", zh=f"{name}：是可执行程序，不是文档"
        )
    for magic, archive in _ARCHIVE_MAGIC:
        if data.startswith(magic):
            raise UnsupportedFormat(
                f"{name}: is a {archive} archive, not a document; extract it and import the document inside",
                zh=f"{name}：是{archive}压缩包，不是文档；请先解压，再导入其中的文档",
            )
    if data.startswith(b"{\\rtf"):
        raise UnsupportedFormat(
            f"{name}: is an RTF file; open it in Word or WPS and save it as .docx",
            zh=f"{name}：是RTF文件；请用Word或WPS打开，另存为.docx格式",
        )
    if b"\x00" in data:
        if suffix in (".docx", ".pdf", ".ofd"):
            raise UnreadableDocument(
                f"{name}: {_NOT_VALID.format(suffix=suffix)}",
                zh=f"{name}：{_NOT_VALID_ZH.format(suffix=suffix)}",
            )
        raise UnreadableDocument(
            f"{name}: is a binary file, not a text document", zh=f"{name}：是二进制文件，不是文字文档"
        )
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


def _ole_advice(suffix: str, lang: str = "en") -> str:
    # Old Office and WPS files share one container format; only the name tells them apart.
    if suffix in (".xls", ".et"):
        kind = "xls"
    elif suffix in (".ppt", ".dps"):
        kind = "ppt"
    else:
        kind = "doc"
    return _OLE_ADVICE[kind][lang]


_OLE_ADVICE = {
    "xls": {
        "en": "is an old Excel workbook (.xls), which the importer does not read",
        "zh": "是旧版Excel工作簿（.xls），导入程序不读取此格式",
    },
    "ppt": {
        "en": "is an old PowerPoint file (.ppt), which the importer does not read",
        "zh": "是旧版PowerPoint文件（.ppt），导入程序不读取此格式",
    },
    "doc": {
        "en": "is an old Word or WPS document (.doc/.wps); open it in Word or WPS and save it as .docx",
        "zh": "是旧版Word或WPS文档（.doc/.wps）；请用Word或WPS打开，另存为.docx格式",
    },
}


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
        if suffix == ".ofd" or (suffix != ".docx" and b"OFD.xml" in data):
            raise UnreadableDocument(
                f"{name}: the OFD document is damaged and cannot be opened",
                zh=f"{name}：OFD文档已损坏，无法打开",
            ) from exc
        if suffix == ".docx" or b"word/document.xml" in data:
            raise UnreadableDocument(
                f"{name}: the Word document (.docx) is damaged and cannot be opened",
                zh=f"{name}：Word文档（.docx）已损坏，无法打开",
            ) from exc
        raise UnreadableDocument(
            f"{name}: is a damaged zip archive, not a document", zh=f"{name}：是已损坏的zip压缩包，不是文档"
        ) from exc
    if "word/document.xml" in names:
        if b"macroEnabled" in content_types or b"template.main" in content_types:
            raise UnsupportedFormat(
                f"{name}: is a Word template or macro document; open it in Word and save it as .docx",
                zh=f"{name}：是Word模板或含宏的文档；请用Word打开，另存为.docx格式",
            )
        return "docx"
    if "xl/workbook.xml" in names:
        raise UnsupportedFormat(
            f"{name}: is an Excel workbook (.xlsx); the importer reads .txt, .html, .docx, .pdf and .ofd",
            zh=f"{name}：是Excel工作簿（.xlsx）；导入程序只读取.txt、.html、.docx、.pdf和.ofd文件",
        )
    if "ppt/presentation.xml" in names:
        raise UnsupportedFormat(
            f"{name}: is a PowerPoint file (.pptx); the importer reads .txt, .html, .docx, .pdf and .ofd",
            zh=f"{name}：是PowerPoint文件（.pptx）；导入程序只读取.txt、.html、.docx、.pdf和.ofd文件",
        )
    if "OFD.xml" in names:
        return "ofd"
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise UnsupportedFormat(
            f"{name}: is an OpenDocument file; save it as .docx first",
            zh=f"{name}：是OpenDocument文件；请先另存为.docx格式",
        )
    raise UnsupportedFormat(
        f"{name}: is a zip archive, not a document; extract it and import the document inside",
        zh=f"{name}：是zip压缩包，不是文档；请先解压，再导入其中的文档",
    )
