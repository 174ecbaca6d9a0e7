"""A city's 通知 wrapping two 专项行动方案, each closed by its own 重点任务分工表, built in the tests
as .docx and .html. ``PLANS`` is what each plan must give: its title and its table's items."""

from __future__ import annotations

import io
from collections.abc import Sequence

HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
NOTICE = [
    "某市人民政府办公室关于印发某市优化营商环境两个专项行动方案的通知",
    "某政办发〔2025〕7号",
    "各县（市、区）人民政府，市政府各部门：",
    "《某市政务服务提质增效专项行动方案》《某市涉企执法规范专项行动方案》已经市政府同意，现印发给你们，请认真贯彻执行。",
    "某市人民政府办公室",
    "2025年3月12日",
]
# (attachment line, plan title, text lines, table caption, rows)
PARTS = [
    (
        "附件1",
        "某市政务服务提质增效专项行动方案",
        [
            "为进一步提升政务服务效能，制定本方案。",
            "一、工作目标",
            "到2025年底，高频政务服务事项全程网办率达到90%以上。",
            "二、重点任务",
            "各牵头单位按照分工表抓好落实。",
            "三、保障措施",
            "（一）加强组织领导。市政务服务中心统筹推进各项任务。",
        ],
        "政务服务提质增效重点任务分工表",
        [
            ("1", "推进高频事项“一网通办”", "市政务服务中心", "市数据资源局", "2025年6月底前"),
            ("2", "深化“一件事一次办”改革", "市政务服务中心", "相关部门", "2025年9月底前"),
        ],
    ),
    (
        "附件2",
        "某市涉企执法规范专项行动方案",
        [
            "为规范涉企行政执法行为，制定本方案。",
            "一、工作目标",
            "坚决遏制涉企执法中的突出问题。",
            "二、重点任务",
            "各牵头单位按照分工表抓好落实。",
            "三、保障措施",
            "（一）强化监督检查。市司法局定期通报进展情况。",
        ],
        "涉企执法规范重点任务分工表",
        [
            ("1", "推行包容审慎监管", "市司法局", "市市场监管局", "2025年8月底前"),
            ("2", "规范涉企行政检查", "市司法局", "各县（市、区）人民政府", "2025年10月底前"),
            ("3", "清理涉企行政处罚事项", "相关部门", "", "2025年12月底前"),
        ],
    ),
]
# each plan: (title, [(task, lead units, co-units)])
PLANS = [
    (
        part[1],
        [
            (
                row[1],
                [row[2]] if row[2] != "相关部门" else [],
                [row[3]] if row[3] not in ("", "相关部门") else [],
            )
            for row in part[4]
        ],
    )
    for part in PARTS
]


def docx_bytes() -> bytes:
    """The 通知 and its two attachments, each table after its plan's text and caption."""
    import docx

    document = docx.Document()
    for line in NOTICE:
        document.add_paragraph(line)
    for attachment, title, lines, caption, rows in PARTS:
        for line in [attachment, title, *lines, caption]:
            document.add_paragraph(line)
        table = document.add_table(rows=0, cols=len(HEADER))
        for row in [HEADER, *rows]:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _table(rows: Sequence[tuple[str, ...]]) -> str:
    cells = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in [HEADER, *rows])
    return f"<table>{cells}</table>"


def html_bytes(*, at_end: dict[str, int] | None = None) -> bytes:
    """The same as a web page; ``at_end`` (caption → part) prints instead each part's table as an
    attachment of its own after the last plan (``附件3`` and the caption above it)."""
    body: list[str] = [f"<p>{line}</p>" for line in NOTICE]
    for attachment, title, lines, caption, rows in PARTS:
        body.extend(f"<p>{line}</p>" for line in [attachment, title, *lines])
        if at_end is None:
            body.extend([f"<p>{caption}</p>", _table(rows)])
    for number, (caption, part) in enumerate((at_end or {}).items(), start=len(PARTS) + 1):
        body.extend([f"<p>附件{number}</p>", f"<p>{caption}</p>", _table(PARTS[part][4])])
    body.append("<div>主办单位：某市人民政府办公室 | 网站地图 | 联系我们</div>")
    return f"<html><head><meta charset='utf-8'></head><body>{''.join(body)}</body></html>".encode()


def pdf_bytes() -> bytes:
    """The same as a PDF (reportlab): each attachment on a new page, its table drawn as a grid."""
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
    story: list[object] = [Paragraph(line, body) for line in NOTICE]
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    for attachment, title, lines, caption, rows in PARTS:
        story += [PageBreak(), *(Paragraph(line, body) for line in [attachment, title, *lines, caption])]
        data = [[Paragraph(value, cell) for value in row] for row in [HEADER, *rows]]
        story.append(Table(data, colWidths=[w * mm for w in (12, 70, 34, 40, 26)], style=grid))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()
