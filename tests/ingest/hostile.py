"""Hostile documents for the limit tests (and the measurements in the README): built, not stored.

Each builder writes a small file that costs a parser far more than its size: a .docx whose
document.xml unpacks to hundreds of megabytes, a PDF page of millions of drawing operators, a PDF
stream of a gigabyte of compressed spaces, text that is Big5-misread damage throughout.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_PARAGRAPH = "<w:p><w:r><w:t>（一）推进改革工作。（牵头单位：区发展改革局）</w:t></w:r></w:p>".encode()


def docx_bomb(path: Path, unpacked_mb: int = 190) -> Path:
    """A .docx whose document.xml unpacks to about ``unpacked_mb`` MB (the file stays small)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as handle:
            handle.write(
                b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                b'wordprocessingml/2006/main"><w:body>'
            )
            chunk = _PARAGRAPH * 10_000
            for _ in range(unpacked_mb * 1_000_000 // len(chunk)):
                handle.write(chunk)
            handle.write(b"</w:body></w:document>")
    return path


def _pdf(path: Path, content: bytes, *, compressed: bool = True) -> Path:
    """A one-page PDF with Helvetica and ``content`` (already Flate-compressed if ``compressed``)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d%s >>\nstream\n" % (len(content), b" /Filter /FlateDecode" if compressed else b"")
        + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


_TEXT = b"BT /F1 12 Tf 72 720 Td (Reform plan) Tj ET\n"


def pdf_operators(path: Path, operators: int = 3_500_000) -> Path:
    """A PDF whose one page draws ``operators`` operators (moves, lines and strokes) in one stream."""
    compressor = zlib.compressobj(6)
    parts = [compressor.compress(_TEXT)]
    step = b"10 10 m 20 20 l S\n"  # three operators
    block = step * 10_000
    for _ in range(operators // 30_000):
        parts.append(compressor.compress(block))
    parts.append(compressor.flush())
    return _pdf(path, b"".join(parts))


def pdf_scattered_text(path: Path, characters: int = 24_000) -> Path:
    """A PDF page of ``characters`` letters each placed on its own (two operators a letter), which
    pdfminer's grouping of text boxes took quadratic time and memory over (gigabytes)."""
    lines = [b"BT /F1 4 Tf"]
    for i in range(characters):
        dx, dy = (i * 7919) % 601 - 300, (i * 104_729) % 601 - 300  # scattered, reproducibly
        lines.append(b"%d %d Td (%c) Tj" % (dx, dy, 65 + i % 26))
    lines.append(b"ET")
    return _pdf(path, zlib.compress(b"\n".join(lines)))


def pdf_spaces(path: Path, gigabytes: float = 1.0) -> Path:
    """A PDF whose one content stream inflates to ``gigabytes`` GB of spaces (about 1 MB a GB)."""
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(_TEXT)]
    block = b" " * (16 * 1024 * 1024)
    for _ in range(int(gigabytes * 1024 / 16)):
        parts.append(compressor.compress(block))
    parts.append(compressor.flush())
    return _pdf(path, b"".join(parts))


def big5_misread(path: Path, sample: Path, size: int = 100_000) -> Path:
    """``size`` bytes of the (damaged) sample plan re-encoded as Big5: damage throughout."""
    raw = sample.read_text(encoding="utf-8").encode("big5", errors="replace")
    path.write_bytes((raw * (size // len(raw) + 1))[:size])
    return path
