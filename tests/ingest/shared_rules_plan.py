"""A provincial plan whose 重点任务分工表 has long headless task cells and generic-body unit cells,
built in the tests as an .html page (simplified, or traditional with ASCII punctuation), a .docx and
an .xlsx 台账 of the same rows. ``EXPECTED`` is what each must give."""

from __future__ import annotations

import io
from collections.abc import Sequence

from opencc import OpenCC

from reformtrack.ingest.model import Item

TITLE = "某省2025年数字政府建设重点任务实施方案"
TEXT_LINES = [
    TITLE,
    "为加快数字政府建设，提升政务服务效能，结合我省实际，制定本方案。",
    "一、总体要求",
    "以企业和群众需求为导向，推动政务服务从“能办”向“好办”转变。",
    "二、重点任务",
]
HEADER = ["序号", "重点任务", "牵头单位", "责任单位", "完成时限"]
ROWS = [
    (
        "1",
        "全面推行证明事项告知承诺制，对涉企经营许可事项中的证明材料实行告知承诺，"
        "进一步减少申请人需要提交的材料和办事环节",
        "省司法厅",
        "省有关部门、各设区市人民政府",
        "2025年6月底前",
    ),
    (
        "2",
        "推进政务数据共享。建立省级政务数据共享责任清单，按需向市县回流数据",
        "省政务服务数据管理局",
        "相关部门及各地区",
        "2025年9月底前",
    ),
    (
        "3",
        "依托一体化政务服务平台推动涉企高频事项在线办理和电子证照在政务服务、商业活动等场景的广泛应用，"
        "实现企业办事“一网通办”",
        "相关部门",
        "各县（市、区）人民政府",
        "2025年12月底前",
    ),
    ("4", "完善公共信用信息归集共享机制", "省发展改革委及各地区", "省市场监管局等相关部门", "2025年底前"),
]

# (title, title made from a sentence, lead units, co-units, unit notes, no_body texts)
EXPECTED = [
    (
        "全面推行证明事项告知承诺制",
        True,
        ["省司法厅"],
        ["各设区市人民政府"],
        ["省有关部门"],
        [],
    ),
    ("推进政务数据共享", False, ["省政务服务数据管理局"], [], ["相关部门及各地区"], []),
    (
        # the rule of ingest/titles.py: the first clause is too long, so it is cut where a word
        # surely ends (after 、 … 和/与 before a conjunction) within 40 characters
        "依托一体化政务服务平台推动涉企高频事项在线办理和电子证照在政务服务",
        True,
        [],
        ["各县（市、区）人民政府"],
        ["相关部门"],
        ["相关部门"],
    ),
    ("完善公共信用信息归集共享机制", False, ["省发展改革委"], ["省市场监管局"], ["各地区", "相关部门"], []),
]


def summary(items: Sequence[Item]) -> list[tuple[object, ...]]:
    """Each item as a row of ``EXPECTED``."""
    out: list[tuple[object, ...]] = []
    for item in items:
        codes = [reason.code for reason in item.review_reasons]
        out.append(
            (
                item.title,
                "title_from_sentence" in codes,
                item.lead_units,
                item.co_units,
                item.unit_notes,
                [reason.params["text"] for reason in item.review_reasons if reason.code == "no_body"],
            )
        )
    return out


def _cell(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


def html_bytes(*, traditional: bool = False) -> bytes:
    """The plan as a page; ``traditional`` writes it in traditional characters with ASCII commas
    and brackets, as a Big5 portal does, and encodes it as Big5."""
    rows = "".join(
        "<tr>" + "".join(f"<td>{_cell(value)}</td>" for value in row) + "</tr>" for row in [HEADER, *ROWS]
    )
    paragraphs = "".join(f"<p>{line}</p>" for line in TEXT_LINES)
    page = (
        f"<html><head><meta charset='{'big5' if traditional else 'utf-8'}'><title>{TITLE}</title></head>"
        f"<body>{paragraphs}<p>附件</p><p>重点任务分工表</p><table>{rows}</table></body></html>"
    )
    if not traditional:
        return page.encode("utf-8")
    page = OpenCC("s2tw").convert(page)
    page = page.replace("，", ",").replace("（", "(").replace("）", ")")
    return str(page).encode("big5", errors="strict")


def docx_bytes() -> bytes:
    """The plan as a .docx with the table in its 附件."""
    from docx import Document

    document = Document()
    for line in [*TEXT_LINES, "附件", "重点任务分工表"]:
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=len(HEADER))
    for row in [HEADER, *ROWS]:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    """The same rows as a 台账 with a title row, as an office keeps it."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([f"{TITLE}台账"])
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
