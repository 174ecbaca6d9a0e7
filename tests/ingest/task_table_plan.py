"""A plan whose tasks are a 重点任务分工表 in its 附件, built as .docx, .html and .pdf in the tests.

The table has a 领域 column merged down over each field's rows and a 牵头单位 merged over two rows,
as offices print them. ``EXPECTED`` is what every format must give.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools

TEXT_LINES = [
    "南平市人民政府办公室关于印发南平市2024年优化营商环境重点任务分工方案的通知",
    "南政办〔2024〕18号",
    "各县（市、区）人民政府，市直各单位：",
    "《南平市2024年优化营商环境重点任务分工方案》已经市政府同意，现印发给你们，请认真贯彻落实。",
    "南平市2024年优化营商环境重点任务分工方案",
    "为持续优化营商环境，激发经营主体活力，制定本方案。",
    "一、总体要求",
    "以经营主体需求为导向，对标国内先进水平，推动营商环境持续改善。",
    "二、保障措施",
    "（一）加强组织领导。各牵头单位要建立工作专班，细化工作措施。",
    "（二）强化督查考核。市效能办定期通报各项任务进展情况。",
]
CAPTION_LINES = ["附件", "南平市2024年优化营商环境重点任务分工表"]
HEADER = ["序号", "领域", "重点任务", "牵头单位", "责任单位", "完成时限"]
# (序号, 领域, 任务, 牵头单位, 责任单位, 完成时限); None repeats the cell above (a vertical merge)
ROWS: list[tuple[str, str | None, str, str | None, str, str]] = [
    (
        "1",
        "市场准入",
        "推行经营主体登记“一件事”集成办理。实现开办企业全程网办",
        "市市场监管局",
        "市政务服务中心、市税务局",
        "2024年6月底前",
    ),
    ("2", None, "深化“证照分离”改革", None, "市司法局", "2024年9月底前"),
    ("3", None, "清理市场准入隐性壁垒", "市发展改革委", "市商务局、市市场监管局", "2024年12月底前"),
    ("4", "政务服务", "推进高频事项“一网通办”", "市数据管理局", "各县（市、区）人民政府", "2024年10月"),
    (
        "5",
        None,
        "建设“15分钟政务服务圈”",
        "市政务服务中心",
        "市数据管理局、各县（市、区）政府",
        "长期坚持",
    ),
]

# chapter title → [(number, title, lead units, co-units, deadline, deadline text)]
EXPECTED = {
    "市场准入": [
        (
            1,
            "推行经营主体登记“一件事”集成办理",
            ["市市场监管局"],
            ["市政务服务中心", "市税务局"],
            dt.date(2024, 6, 30),
            "2024年6月底前",
        ),
        (2, "深化“证照分离”改革", ["市市场监管局"], ["市司法局"], dt.date(2024, 9, 30), "2024年9月底前"),
        (
            3,
            "清理市场准入隐性壁垒",
            ["市发展改革委"],
            ["市商务局", "市市场监管局"],
            dt.date(2024, 12, 31),
            "2024年12月底前",
        ),
    ],
    "政务服务": [
        (
            4,
            "推进高频事项“一网通办”",
            ["市数据管理局"],
            ["各县（市、区）人民政府"],
            dt.date(2024, 10, 31),
            "2024年10月",
        ),
        (
            5,
            "建设“15分钟政务服务圈”",
            ["市政务服务中心"],
            ["市数据管理局", "各县（市、区）政府"],
            None,
            "长期坚持",
        ),
    ],
}


def ledger(plan: object) -> dict[str, list[tuple[object, ...]]]:
    """What a parsed plan says about the table's chapters, in the shape of ``EXPECTED``."""
    out: dict[str, list[tuple[object, ...]]] = {}
    for chapter in plan.chapters:  # type: ignore[attr-defined]
        if chapter.title in EXPECTED:
            out[chapter.title] = [
                (i.number, i.title, i.lead_units, i.co_units, i.deadline, i.deadline_text)
                for i in chapter.items
            ]
    return out


def _filled(rows: list[tuple[str, str | None, str, str | None, str, str]]) -> list[list[str]]:
    out: list[list[str]] = []
    for row in rows:
        cells = [cell if cell is not None else out[-1][i] for i, cell in enumerate(row)]
        out.append(cells)
    return out


def docx_bytes() -> bytes:
    """The plan as .docx: the table with vertical merges (领域, 牵头单位) and a title row merged across."""
    import docx

    document = docx.Document()
    for line in TEXT_LINES + CAPTION_LINES:
        document.add_paragraph(line)
    table = document.add_table(rows=len(ROWS) + 1, cols=len(HEADER))
    for column, heading in enumerate(HEADER):
        table.cell(0, column).text = heading
    for r, row in enumerate(ROWS, start=1):
        for column, value in enumerate(row):
            if value is not None:
                table.cell(r, column).text = value
    for column in (1, 3):
        start = 1
        for r in range(2, len(ROWS) + 2):
            if r == len(ROWS) + 1 or ROWS[r - 1][column] is not None:
                if r - 1 > start:
                    merged = table.cell(start, column).merge(table.cell(r - 1, column))
                    merged.text = str(ROWS[start - 1][column])
                start = r
    document.add_paragraph("南平市人民政府办公室 2024年3月8日印发")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def html_bytes() -> bytes:
    """The plan as a web page: the table with rowspan (领域, 牵头单位) and a colspan header."""
    spans: dict[tuple[int, int], int] = {}
    for column in (1, 3):
        start = 0
        for r in range(1, len(ROWS) + 1):
            if r == len(ROWS) or ROWS[r][column] is not None:
                spans[(start, column)] = r - start
                start = r
    body = "".join(f"<p>{line}</p>" for line in TEXT_LINES + CAPTION_LINES)
    head = "<tr><th rowspan='2'>序号</th><th rowspan='2'>领域</th><th rowspan='2'>重点任务</th>"
    head += "<th colspan='2'>责任单位</th><th rowspan='2'>完成时限</th></tr>"
    head += "<tr><th>牵头单位</th><th>配合单位</th></tr>"
    rows = ""
    for r, row in enumerate(ROWS):
        cells = ""
        for column, value in enumerate(row):
            if value is None:
                continue
            span = spans.get((r, column), 1)
            cells += f"<td rowspan='{span}'>{value}</td>" if span > 1 else f"<td>{value}</td>"
        rows += f"<tr>{cells}</tr>"
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>南平市人民政府</title></head><body>"
        f"<div class='article'>{body}<table border='1'>{head}{rows}</table></div></body></html>"
    )
    return page.encode("utf-8")


def filled_rows() -> list[list[str]]:
    """The table's rows as printed in full (merged cells repeated), header first."""
    return [HEADER, *_filled(ROWS)]


# column widths (mm) of the table as printed on an A4 page from x = 17
WIDTHS = (12.0, 20.0, 62.0, 30.0, 30.0, 22.0)
TABLE_LEFT = 17.0


def _text_width(text: str, size: float) -> float:
    return sum(size / 2 if ch.isascii() else size for ch in text)


def _wrap_cell(text: str, width: float, size: float) -> list[str]:
    lines = [""]
    for ch in text:
        if _text_width(lines[-1] + ch, size) > width:
            lines.append("")
        lines[-1] += ch
    return lines


def grid_pieces(top: float, size: float, leading: float) -> list[tuple[float, float, str]]:
    """The table drawn as a grid from ``top``: pieces (x, y, text); headers centred, cells left-aligned
    and wrapped in their column, a 领域 merged over its rows printed once at its top."""
    pieces: list[tuple[float, float, str]] = []
    lefts = [TABLE_LEFT + sum(WIDTHS[:i]) for i in range(len(WIDTHS))]
    for left, width, heading in zip(lefts, WIDTHS, HEADER, strict=True):
        pieces.append((left + (width - _text_width(heading, size)) / 2, top, heading))
    y = top + leading + 2
    for row, filled in zip(ROWS, _filled(ROWS), strict=True):
        height = 1
        for column, (left, width) in enumerate(zip(lefts, WIDTHS, strict=True)):
            if column == 1 and row[1] is None:
                continue
            for n, part in enumerate(_wrap_cell(filled[column], width - 4, size)):
                pieces.append((left + 2, y + n * leading, part))
                height = max(height, n + 1)
        y += height * leading + 2
    return pieces


def ofd_bytes() -> bytes:
    """The plan as OFD: its text on the first page, the 附件 and its table on the second."""
    from .ofd_build import SIZE, wrap
    from .ofd_build import ofd_bytes as build

    first = wrap(TEXT_LINES)
    second = [(28.0, 37.0, CAPTION_LINES[0]), (50.0, 47.0, CAPTION_LINES[1])]
    second += grid_pieces(60.0, SIZE, SIZE * 1.4)
    second += [(100.0, 250.0, "南平市人民政府办公室 2024年3月8日印发")]
    return build([*first, second])


def pdf_bytes(*, centred: bool = False) -> bytes:
    """The plan as PDF (reportlab): its text, then the 附件 on a new page with the table drawn as a
    grid, cells wrapped in their columns, a 领域 merged over its rows printed once at the top;
    ``centred``: every cell centred in its height, the 领域 and the 牵头单位 merged as in the .docx."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=14, leading=22, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=10, leading=14, wordWrap="CJK")
    story: list[object] = [Paragraph(line, body) for line in TEXT_LINES]
    story += [PageBreak(), *(Paragraph(line, body) for line in CAPTION_LINES)]
    data = [[Paragraph(h, cell) for h in HEADER]]
    merged = (1, 3) if centred else (1,)
    for row, filled in zip(ROWS, _filled(ROWS), strict=True):
        shown = [value if (i not in merged or row[i] is not None) else "" for i, value in enumerate(filled)]
        data.append([Paragraph(value, cell) for value in shown])
    align = "MIDDLE" if centred else "TOP"
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), align)]
    for column in merged:
        starts = [r for r, row in enumerate(ROWS) if row[column] is not None] + [len(ROWS)]
        style += [("SPAN", (column, a + 1), (column, b)) for a, b in itertools.pairwise(starts) if b - a > 1]
    story.append(Table(data, colWidths=[w * mm for w in WIDTHS], style=TableStyle(style), repeatRows=1))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()
