"""Minimal valid OFD files (GB/T 33190) written part by part for the tests: OFD.xml, Document.xml
and one Content.xml per page, text drawn as TextObjects of TextCodes at X/Y with DeltaX."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

NS = "http://www.ofdspec.org/2016"
PAGE_WIDTH = 210.0
SIZE = 4.2  # 12 pt in millimetres, the body size of official documents
LEFT = 28.0
LINE_CHARS = 36  # characters per line at SIZE across the type area

# A piece of text drawn at (x, y), y the top of the line, in millimetres.
Piece = tuple[float, float, str]


def wrap(lines: list[str], *, top: float = 37.0, leading: float = 7.5) -> list[list[Piece]]:
    """Paragraphs laid out as an official document prints them: wrapped at LINE_CHARS, pages of 22 lines."""
    pages: list[list[Piece]] = [[]]
    y = top
    for paragraph in lines:
        for start in range(0, len(paragraph), LINE_CHARS):
            if y > top + 22 * leading:
                pages.append([])
                y = top
            pages[-1].append((LEFT, y, paragraph[start : start + LINE_CHARS]))
            y += leading
    return pages


# A horizontal ruling line: from x0 to x1 at height y, in millimetres.
Rule = tuple[float, float, float]


def ofd_bytes(
    pages: list[list[Piece]],
    *,
    doc_root: str = "Doc_0/Document.xml",
    deflate: bool = True,
    rules: list[list[Rule]] | None = None,
) -> bytes:
    """An OFD holding ``pages``: each piece one TextObject with one TextCode, its characters
    advanced by SIZE (half of it for ASCII) through DeltaX; ``rules`` per page drawn as
    PathObjects (``M 0 0 L w 0`` from the Boundary's origin)."""
    out = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with zipfile.ZipFile(out, "w", method) as archive:
        archive.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.1" DocType="OFD">'
            "<ofd:DocBody><ofd:DocInfo><ofd:DocID>0C1D4F7159954EEEDE517F7285E84DC4</ofd:DocID>"
            f"</ofd:DocInfo><ofd:DocRoot>{doc_root}</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        page_list = "".join(
            f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages))
        )
        archive.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
            "<ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
            f"</ofd:PageArea></ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages></ofd:Document>",
        )
        for i, pieces in enumerate(pages):
            page_rules = rules[i] if rules and i < len(rules) else []
            archive.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", _content(pieces, page_rules))
    return out.getvalue()


def _content(pieces: list[Piece], rules: list[Rule]) -> str:
    objects = [
        f'<ofd:PathObject ID="{n + 500}" Boundary="{x0:g} {y:g} {x1 - x0:g} 0.3" LineWidth="0.25">'
        f"<ofd:AbbreviatedData>M 0 0 L {x1 - x0:g} 0</ofd:AbbreviatedData></ofd:PathObject>"
        for n, (x0, y, x1) in enumerate(rules)
    ]
    for n, (x, y, text) in enumerate(pieces):
        advances = [SIZE / 2 if ch.isascii() else SIZE for ch in text[:-1]]
        delta = " ".join(f"{a:g}" for a in advances)
        width = sum(advances) + SIZE
        objects.append(
            f'<ofd:TextObject ID="{n + 10}" Boundary="{x:g} {y:g} {width:g} {SIZE * 1.4:g}" Font="2"'
            f' Size="{SIZE:g}"><ofd:FillColor Value="0 0 0"/>'
            f'<ofd:TextCode X="0" Y="{SIZE:g}" DeltaX="{delta}">{escape(text)}</ofd:TextCode>'
            "</ofd:TextObject>"
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
        f'<ofd:Layer ID="5" Type="Body">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>'
    )
