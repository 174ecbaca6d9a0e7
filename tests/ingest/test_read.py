"""The read stage: bytes of a .txt/.html/.docx/.pdf file in, paragraph text out, or one clear error."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from reformtrack.ingest.errors import IngestError, UnreadableDocument, UnsupportedFormat
from reformtrack.ingest.model import DocTable
from reformtrack.ingest.read import MAX_BYTES, RawDocument, read_document

SAMPLE = Path(__file__).parents[2] / "src/reformtrack/ingest/data/luohu-reform-plan-2013-2015.txt"

PLAN = (
    "深圳市罗湖区全面推进改革创新总体方案\n"
    "一、总体目标\n"
    "（一）强化品牌营销。培育一批龙头企业；打造2至3个网商集聚区。（牵头单位：区经济促进局、区贸促委）\n"
    "（二）大力发展总部经济。以经营城市为理念，优化营商环境，2013年底前出台扶持政策。（牵头单位：区发改局）\n"
    "二、保障措施\n"
    "（一）加强组织领导。成立区全面深化改革领导小组，群众满意度达95%以上。"
)
# The same plan in traditional characters, as Taiwan and Hong Kong sites publish it in Big5.
PLAN_TRADITIONAL = (
    "深圳市羅湖區全面推進改革創新總體方案\n"
    "一、總體目標\n"
    "（一）強化品牌營銷。培育一批龍頭企業；打造2至3個網商集聚區。（牽頭單位：區經濟促進局、區貿促委）\n"
    "（二）大力發展總部經濟。以經營城市為理念，優化營商環境，2013年底前出台扶持政策。（牽頭單位：區發改局）\n"
    "二、保障措施\n"
    "（一）加強組織領導。成立區全面深化改革領導小組，群眾滿意度達95%以上。"
)

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def read(data: bytes, filename: str) -> RawDocument:
    return read_document(data, filename)


def refusal(data: bytes, filename: str) -> IngestError:
    with pytest.raises(IngestError) as caught:
        read_document(data, filename)
    return caught.value


# ---------------------------------------------------------------------------------------------
# Plain text


def test_it_reads_utf8_text() -> None:
    doc = read(PLAN.encode("utf-8"), "plan.txt")

    assert doc == RawDocument(text=PLAN, format="txt", encoding="utf-8")


def test_it_drops_the_utf8_byte_order_mark() -> None:
    doc = read(PLAN.encode("utf-8-sig"), "plan.txt")

    assert doc.text == PLAN
    assert doc.encoding == "utf-8"


def test_it_reads_gb18030_text() -> None:
    doc = read(PLAN.encode("gb18030"), "plan.txt")

    assert doc == RawDocument(text=PLAN, format="txt", encoding="gb18030")


def test_it_reads_big5_text() -> None:
    doc = read(PLAN_TRADITIONAL.encode("big5"), "plan.txt")

    assert doc == RawDocument(text=PLAN_TRADITIONAL, format="txt", encoding="big5")


def test_it_reads_traditional_characters_written_in_gbk_as_gbk() -> None:
    # Mainland sites publish traditional text in GBK too; the script does not decide the encoding.
    doc = read(PLAN_TRADITIONAL.encode("gbk"), "plan.txt")

    assert doc.text == PLAN_TRADITIONAL
    assert doc.encoding == "gb18030"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("一、总体目标", "gb18030"),  # these bytes are valid Big5 too: 珨﹜軞极醴梓
        ("一、總體目標", "big5"),
        ("（一）强化品牌营销", "gb18030"),
        ("（一）強化品牌營銷", "big5"),
        ("牵头单位：区发改局", "gb18030"),
        ("牽頭單位：區發改局", "big5"),
    ],
)
def test_it_tells_short_gbk_and_big5_lines_apart(text: str, encoding: str) -> None:
    data = text.encode(encoding)

    doc = read(data, "line.txt")

    assert (doc.text, doc.encoding) == (text, encoding)


def test_it_reads_a_gbk_file_cut_mid_character() -> None:
    data = (PLAN * 3).encode("gbk")[:-1]

    doc = read(data, "cut.txt")

    assert doc.encoding == "gb18030"
    assert doc.text.startswith(PLAN)
    assert doc.text.endswith("\ufffd")


def test_it_reads_utf16_with_a_byte_order_mark() -> None:
    # What Windows Notepad writes when told to save as "Unicode".
    doc = read(PLAN.encode("utf-16"), "plan.txt")

    assert (doc.text, doc.encoding) == (PLAN, "utf-16")


def test_it_returns_the_damaged_sample_byte_for_byte() -> None:
    data = SAMPLE.read_bytes()

    doc = read(data, SAMPLE.name)

    assert doc == RawDocument(text=data.decode("utf-8"), format="txt", encoding="utf-8")
    assert "\n?。ㄒ唬" in doc.text  # the leading '?' of the damaged lines is the repair stage's clue


def test_it_normalises_only_line_endings_and_trailing_white_space() -> None:
    data = (
        "  ?。ㄒ唬┣炕\r\n\u3000\u3000（一）强化品牌营销。 \t\r\n\r\n二、保障措施\r第三行\u3000\n\n\n".encode()
    )

    doc = read(data, "plan.txt")

    assert doc.text == "  ?。ㄒ唬┣炕\n\u3000\u3000（一）强化品牌营销。\n\n二、保障措施\n第三行"


def test_it_reads_unknown_suffixes_as_text() -> None:
    doc = read(PLAN.encode("utf-8"), "plan")

    assert (doc.format, doc.text) == ("txt", PLAN)


# ---------------------------------------------------------------------------------------------
# HTML

GOV_PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>深圳市罗湖区全面推进改革创新总体方案-罗湖区政府在线</title>
<style>.zoom p { text-indent: 2em; }</style>
<script>var 统计 = "网站访问统计代码";</script>
</head>
<body>
<div class="top">
  <div class="logo"><img src="logo.png" alt="罗湖区政府在线"></div>
  <ul class="main-nav">
    <li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
    <li><a href="/bsfw">办事服务</a></li><li><a href="/hdjl">互动交流</a></li>
  </ul>
  <form class="search-form"><input name="q" value="请输入关键字"><button>搜索</button></form>
</div>
<div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政策文件</div>
<div class="wrapper">
  <div class="left-menu">
    <h3>政务公开</h3>
    <ul><li><a href="#">机构职能</a></li><li><a href="#">政策文件</a></li>
        <li><a href="#">规划计划</a></li></ul>
  </div>
  <div class="article">
    <h1>深圳市罗湖区全面推进改革创新总体方案</h1>
    <div class="info">发布日期：2013-05-20</div>
    <div class="zoom" id="zoom">
      <p>&nbsp;&nbsp;为深入推进全区改革创新工作，集中形成未来三年的改革创新总方案、路线图、时间表和项目库，经研究，制定本方案。</p>
      <p>一、总体目标</p>
      <p>（一）强化品牌营销。培育一批龙头企业；打造2至3个网商集聚区。（牵头单位：区经济促进局、区贸促委）</p>
      <p>（二）大力发展总部经济。以经营城市为理念，
         优化营商环境。<br>（牵头单位：区发改局）</p>
      <div>二、保障措施</div>
      <ul><li>加强组织领导，成立领导小组。</li><li>完善督查考核，定期通报进展。</li></ul>
      <table>
        <tr><th>序号</th><th>改革项目</th><th>牵头单位</th><th>完成时限</th></tr>
        <tr><td>1</td><td>强化品牌营销</td><td>区经济促进局</td><td>2013年底前</td></tr>
      </table>
    </div>
    <div class="print"><a href="javascript:window.print()">【打印本页】</a>
      <a href="javascript:close()">【关闭窗口】</a></div>
  </div>
</div>
<div class="related"><h3>相关文章</h3><ul><li><a href="/1">罗湖区召开改革创新工作会议</a></li>
<li><a href="/2">罗湖区发布二〇一三年改革计划</a></li></ul></div>
<footer>版权所有：深圳市罗湖区人民政府　地址：深圳市罗湖区文锦中路1008号　粤ICP备05000000号</footer>
</body></html>
"""

GOV_PAGE_TEXT = (
    "深圳市罗湖区全面推进改革创新总体方案\n"
    "发布日期：2013-05-20\n"
    "为深入推进全区改革创新工作，集中形成未来三年的改革创新总方案、路线图、时间表和项目库，经研究，制定本方案。\n"
    "一、总体目标\n"
    "（一）强化品牌营销。培育一批龙头企业；打造2至3个网商集聚区。（牵头单位：区经济促进局、区贸促委）\n"
    "（二）大力发展总部经济。以经营城市为理念，优化营商环境。\n"
    "（牵头单位：区发改局）\n"
    "二、保障措施\n"
    "加强组织领导，成立领导小组。\n"
    "完善督查考核，定期通报进展。"
)
# the page's 改革项目 table is a task table: its rows leave the text for the build
GOV_PAGE_TABLE = DocTable(
    rows=(("序号", "改革项目", "牵头单位", "完成时限"), ("1", "强化品牌营销", "区经济促进局", "2013年底前"))
)


def test_it_reads_the_content_of_a_gbk_page_without_its_navigation() -> None:
    data = GOV_PAGE.encode("gbk")

    doc = read(data, "plan.html")

    assert doc == RawDocument(text=GOV_PAGE_TEXT, format="html", encoding="gb18030", tables=(GOV_PAGE_TABLE,))


def test_it_reads_a_big5_page_declared_in_its_meta() -> None:
    page = (
        '<html><head><meta charset="big5"></head><body>'
        + "".join(f"<p>{line}</p>" for line in PLAN_TRADITIONAL.split("\n"))
        + "</body></html>"
    )

    doc = read(page.encode("big5"), "plan.htm")

    assert (doc.text, doc.format, doc.encoding) == (PLAN_TRADITIONAL, "html", "big5")


def test_it_trusts_utf8_bytes_over_a_wrong_meta_charset() -> None:
    page = (
        '<html><head><meta charset="gb2312"></head>'
        "<body><p>一、总体目标</p><p>（一）强化品牌营销。</p></body></html>"
    )

    doc = read(page.encode("utf-8"), "plan.html")

    assert (doc.text, doc.encoding) == ("一、总体目标\n（一）强化品牌营销。", "utf-8")


def test_it_reads_html_by_content_even_when_named_txt() -> None:
    page = "<!-- saved from url -->\n<html><body><p>一、总体目标</p><p>（一）强化品牌营销。</p></body></html>"

    doc = read(page.encode("utf-8"), "plan.txt")

    assert (doc.format, doc.text) == ("html", "一、总体目标\n（一）强化品牌营销。")


def test_a_page_of_only_navigation_has_no_text() -> None:
    page = (
        "<html><head><title>罗湖区政府在线</title></head><body><script>document.write('统计代码')</script>"
        "<nav><a href='/'>首页</a><a href='/zwgk'>政务公开</a></nav>"
        "<footer>版权所有：深圳市罗湖区人民政府</footer></body></html>"
    )

    error = refusal(page.encode("utf-8"), "menu.html")

    assert isinstance(error, UnreadableDocument)
    assert "menu.html" in str(error)


def test_it_keeps_short_blocks_around_the_content_and_drops_long_ones() -> None:
    # The plan (30 paragraphs) is the biggest block, though not bigger than the rest together.
    content = "".join(f"<p>（{n}）强化品牌营销。培育一批龙头企业，打造网商集聚区。</p>" for n in range(1, 31))
    other_article = (
        "<div class='news'><p>" + "罗湖区召开全区改革创新工作会议，部署下一阶段工作。" * 10 + "</p></div>"
    )
    page = (
        "<html><body><div class='main'>"
        f"<div class='other'>{other_article}</div>"
        "<div class='t'>改革创新总体方案</div>"
        f"<div class='con'>{content}<p>罗湖区人民政府</p></div>"
        "<div class='sign'>2013年5月20日</div>"
        f"</div>{other_article}{other_article}</body></html>"
    )

    lines = read(page.encode("utf-8"), "plan.html").text.split("\n")

    assert lines[0] == "改革创新总体方案"
    assert lines[1].startswith("（1）强化品牌营销")
    assert lines[-3].startswith("（30）强化品牌营销")
    assert lines[-2:] == ["罗湖区人民政府", "2013年5月20日"]
    assert len(lines) == 33


def test_a_layout_table_cell_keeps_its_paragraphs() -> None:
    # Old government sites lay pages out with tables: the whole plan sits in one cell.
    paragraphs = [f"（{n}）强化品牌营销。培育一批龙头企业，打造网商集聚区。" for n in range(1, 13)]
    page = (
        "<html><body><table><tr><td class='bt'>改革创新总体方案</td></tr>"
        "<tr><td id='zoom'><p>一、总体目标</p>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</td></tr></table></body></html>"
    )

    doc = read(page.encode("utf-8"), "plan.html")

    assert doc.text == "\n".join(["改革创新总体方案", "一、总体目标", *paragraphs])


def test_a_data_table_keeps_each_row_on_one_line() -> None:
    # Word's "save as web page" wraps every cell's text in <p class=MsoNormal>.
    page = (
        "<html><body><p>改革项目台账</p><table>"
        "<tr><td><p class=MsoNormal>序号</p></td><td><p>改革项目</p></td><td><p>主要举措</p></td></tr>"
        "<tr><td><p>1</p></td><td><p>强化品牌营销</p></td>"
        "<td><p>培育龙头企业；</p><p>打造网商集聚区。</p></td></tr>"
        "</table><p>罗湖区改革办</p></body></html>"
    )

    doc = read(page.encode("utf-8"), "ledger.html")

    assert doc.text.split("\n") == [
        "改革项目台账",
        "序号\t改革项目\t主要举措",
        "1\t强化品牌营销\t培育龙头企业； 打造网商集聚区。",
        "罗湖区改革办",
    ]


# ---------------------------------------------------------------------------------------------
# Word


def add_list(document: DocxDocument, levels: list[tuple[str, str]]) -> int:
    """Define a multi-level list (numFmt, lvlText per level) in the document; return its numId."""
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    # The schema wants every abstractNum before the first num.
    numbering.insert(
        0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{lvls}</w:abstractNum>')
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="90"/></w:num>'))
    return 91


def numbered(document: DocxDocument, text: str, num_id: int, level: int) -> None:
    num_pr = document.add_paragraph(text)._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def plan_docx(tmp_path: Path) -> bytes:
    document = docx.Document()
    document.add_heading("深圳市罗湖区全面推进改革创新总体方案", level=1)
    plan_list = add_list(
        document, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
    )
    numbered(document, "总体目标", plan_list, 0)
    numbered(document, "强化品牌营销。培育一批龙头企业；打造2至3个网商集聚区。", plan_list, 1)
    numbered(document, "大力发展总部经济。以经营城市为理念，优化营商环境。", plan_list, 1)
    numbered(document, "出台总部企业认定办法；", plan_list, 2)
    numbered(document, "建设总部经济集聚区。", plan_list, 2)
    numbered(document, "保障措施", plan_list, 0)
    numbered(document, "加强组织领导。", plan_list, 1)
    document.add_paragraph("")  # spacing paragraphs vanish
    table = document.add_table(rows=3, cols=4)
    for row, cells in zip(
        table.rows,
        [
            ("序号", "改革项目", "牵头单位", "完成时限"),
            ("1", "强化品牌营销", "区经济促进局", "2013年底前"),
            ("2", "发展总部经济", "区发改局", "持续推进"),
        ],
        strict=True,
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("制定零售业发展规划", style="List Number")
    document.add_paragraph("完善商圈配套设施", style="List Number")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    return path.read_bytes()


PLAN_DOCX_TEXT = (
    "深圳市罗湖区全面推进改革创新总体方案\n"
    "一、总体目标\n"
    "（一）强化品牌营销。培育一批龙头企业；打造2至3个网商集聚区。\n"
    "（二）大力发展总部经济。以经营城市为理念，优化营商环境。\n"
    "1.出台总部企业认定办法；\n"
    "2.建设总部经济集聚区。\n"
    "二、保障措施\n"
    "（一）加强组织领导。\n"
    "1.制定零售业发展规划\n"
    "2.完善商圈配套设施"
)
# the 改革项目 table is a task table: its rows leave the text for the build
PLAN_DOCX_TABLE = DocTable(
    rows=(
        ("序号", "改革项目", "牵头单位", "完成时限"),
        ("1", "强化品牌营销", "区经济促进局", "2013年底前"),
        ("2", "发展总部经济", "区发改局", "持续推进"),
    )
)


def test_it_reads_docx_paragraphs_tables_and_numbering_in_order(tmp_path: Path) -> None:
    doc = read(plan_docx(tmp_path), "plan.docx")

    assert doc == RawDocument(text=PLAN_DOCX_TEXT, format="docx", encoding=None, tables=(PLAN_DOCX_TABLE,))


def test_a_docx_renamed_txt_still_reads_as_docx(tmp_path: Path) -> None:
    doc = read(plan_docx(tmp_path), "plan.txt")

    assert (doc.format, doc.text) == ("docx", PLAN_DOCX_TEXT)


def test_it_reads_tracked_insertions_and_skips_deletions(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("培育一批")
    paragraph._p.append(
        parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>消费</w:t></w:r></w:ins>')
    )
    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>旧的</w:delText></w:r></w:del>'
        )
    )
    paragraph.add_run("龙头企业")
    path = tmp_path / "tracked.docx"
    document.save(str(path))

    assert read(path.read_bytes(), path.name).text == "培育一批消费龙头企业"


def test_it_skips_a_table_of_contents(tmp_path: Path) -> None:
    document = docx.Document()
    document.element.body.insert(
        0,
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtPr><w:docPartObj>"
            '<w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
            "<w:sdtContent><w:p><w:r><w:t>一、总体目标\t3</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        ),
    )
    document.add_paragraph("一、总体目标")
    path = tmp_path / "toc.docx"
    document.save(str(path))

    assert read(path.read_bytes(), path.name).text == "一、总体目标"


def test_a_docx_without_text_is_refused(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("   ")
    path = tmp_path / "blank.docx"
    document.save(str(path))

    error = refusal(path.read_bytes(), path.name)

    assert isinstance(error, UnreadableDocument)
    assert "no text" in str(error)


def test_a_truncated_docx_is_unreadable(tmp_path: Path) -> None:
    data = plan_docx(tmp_path)

    error = refusal(data[: len(data) // 2], "plan.docx")

    assert isinstance(error, UnreadableDocument)
    assert "damaged" in str(error)


def test_a_docx_with_broken_xml_is_unreadable(tmp_path: Path) -> None:
    source = zipfile.ZipFile(io.BytesIO(plan_docx(tmp_path)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as broken:
        for info in source.infolist():
            content = source.read(info)
            broken.writestr(info, content[:200] if info.filename == "word/document.xml" else content)

    error = refusal(out.getvalue(), "plan.docx")

    assert isinstance(error, UnreadableDocument)
    assert "damaged" in str(error)


# ---------------------------------------------------------------------------------------------
# PDF

LONG_PROJECT = (
    "（一）强化品牌营销。培育一批消费龙头企业，支持企业开展品牌建设和市场推广，鼓励发展网络零售、"
    "电子商务和现代物流，推动传统商贸转型升级；打造2至3个网商集聚区。（牵头单位：区经济促进局、区贸促委）"
)


def plan_pdf(tmp_path: Path) -> bytes:
    style = ParagraphStyle(
        "body", fontName="STSong-Light", fontSize=14, leading=22, firstLineIndent=28, wordWrap="CJK"
    )

    def page_number(pdf: canvas.Canvas, document: SimpleDocTemplate) -> None:
        pdf.setFont("STSong-Light", 10)
        pdf.drawCentredString(A4[0] / 2, 30, f"— {document.page} —")

    path = tmp_path / "plan.pdf"
    document = SimpleDocTemplate(str(path), pagesize=A4)
    document.build(
        [
            Paragraph("一、总体目标", style),
            Paragraph(LONG_PROJECT, style),
            Paragraph("（二）大力发展总部经济。以经营城市为理念，优化营商环境。", style),
            PageBreak(),
            Paragraph("二、保障措施", style),
            Paragraph("建立改革创新工作例会制度", style),
            Paragraph("定期研究解决改革中的重大问题。", style),
        ],
        onFirstPage=page_number,
        onLaterPages=page_number,
    )
    return path.read_bytes()


def test_it_joins_wrapped_pdf_lines_into_paragraphs_and_drops_page_numbers(tmp_path: Path) -> None:
    data = plan_pdf(tmp_path)

    doc = read(data, "plan.pdf")

    assert doc == RawDocument(
        text="\n".join(
            [
                "一、总体目标",
                LONG_PROJECT,
                "（二）大力发展总部经济。以经营城市为理念，优化营商环境。",
                "二、保障措施",
                "建立改革创新工作例会制度",  # a short line ends its paragraph without punctuation
                "定期研究解决改革中的重大问题。",
            ]
        ),
        format="pdf",
        encoding=None,
    )


def test_a_pdf_paragraph_continues_across_a_page_break(tmp_path: Path) -> None:
    # Drawn line by line: every line holds 30 full-width characters, so all reach the margin.
    lines = [
        "（一）强化品牌营销。培育一批消费龙头企业，支持企业开展品牌建设和",
        "市场推广，鼓励发展网络零售、电子商务和现代物流，推动传统商贸转型",
        "升级；打造2至3个网商集聚区。",
    ]
    path = tmp_path / "pages.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page, (page_lines, footer) in enumerate([(lines[:2], "第1页"), (lines[2:], "- 2 -")]):
        pdf.setFont("STSong-Light", 12)
        for i, line in enumerate(page_lines):
            pdf.drawString(72 + (24 if page == 0 and i == 0 else 0), 760 - 20 * i, line)
        pdf.setFont("STSong-Light", 9)
        pdf.drawCentredString(A4[0] / 2, 30, footer)
        pdf.showPage()
    pdf.save()

    doc = read(path.read_bytes(), path.name)

    assert doc.text == "".join(lines)


@pytest.mark.parametrize(
    "text",
    [
        # The second line ends after "（": "e-commerce" did not fit after it.
        "（一）强化品牌营销。培育一批消费龙头企业，支持企业开展品牌建设和市场推广，鼓励发展网络零售、"
        "电子商务和现代物流（e-commerce and modern logistics），推动传统商贸转型升级。",
        # The second line ends six characters short: "internationalization" did not fit there.
        "（一）强化品牌营销。培育一批消费龙头企业，支持企业开展品牌建设和市场推广，鼓励发展网络零售、"
        "电子商务和现推广internationalization经验，推动传统商贸转型升级。",
    ],
)
def test_a_line_left_short_by_a_long_english_word_still_joins(tmp_path: Path, text: str) -> None:
    style = ParagraphStyle(
        "body", fontName="STSong-Light", fontSize=14, leading=22, firstLineIndent=28, wordWrap="CJK"
    )
    path = tmp_path / "english.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph(text, style), Paragraph("（二）大力发展总部经济。", style)]
    )

    doc = read(path.read_bytes(), path.name)

    assert doc.text == text + "\n（二）大力发展总部经济。"


def test_a_pdf_named_txt_still_reads_as_pdf(tmp_path: Path) -> None:
    doc = read(plan_pdf(tmp_path), "plan.txt")

    assert doc.format == "pdf"
    assert doc.text.startswith("一、总体目标\n（一）强化品牌营销。")


def test_a_pdf_without_a_text_layer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.rect(72, 72, 400, 600, fill=1)  # stands in for the scanned page image
    pdf.showPage()
    pdf.save()

    error = refusal(path.read_bytes(), path.name)

    assert isinstance(error, UnreadableDocument)
    assert "no text layer" in str(error)
    assert "OCR" in str(error)


@pytest.mark.parametrize("damage", ["truncated", "garbled"])
def test_a_corrupt_pdf_is_unreadable(tmp_path: Path, damage: str) -> None:
    data = plan_pdf(tmp_path)
    data = data[: len(data) // 2] if damage == "truncated" else b"%PDF-1.4\n" + bytes(range(1, 256)) * 20

    error = refusal(data, "plan.pdf")

    assert isinstance(error, UnreadableDocument)
    assert "plan.pdf" in str(error)


# ---------------------------------------------------------------------------------------------
# Bad input: one clear line, always an IngestError


def zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["序号", "改革项目"])  # type: ignore[union-attr]
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


OLE_DOC = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
RANDOM_HIGH_BYTES = bytes(random.Random(7).randrange(0x80, 0x100) for _ in range(4000))

BAD_INPUT: dict[str, tuple[Callable[[], bytes], str, type[IngestError], str]] = {
    # case: (data, filename, error class, words the message must contain)
    "empty": (lambda: b"", "plan.txt", UnreadableDocument, "empty"),
    "only white space": (lambda: b" \r\n\t \n", "plan.txt", UnreadableDocument, "empty"),
    "only full-width spaces": (
        lambda: "\ufeff\u3000\u3000\n".encode(),
        "plan.txt",
        UnreadableDocument,
        "empty",
    ),
    "NUL bytes": (lambda: bytes(range(256)) * 64, "plan.txt", UnreadableDocument, "binary"),
    "ELF executable": (
        lambda: b"\x7fELF\x02\x01\x01" + bytes(200),
        "plan.txt",
        UnreadableDocument,
        "program",
    ),
    "Windows executable": (
        lambda: b"MZ\x90\x00\x03" + bytes(100) + b"This program cannot be run in DOS mode",
        "plan.exe",
        UnreadableDocument,
        "program",
    ),
    "Mach-O executable": (lambda: b"\xcf\xfa\xed\xfe" + bytes(100), "plan", UnreadableDocument, "program"),
    "zip that is not docx": (
        lambda: zip_of({"plan.txt": PLAN.encode()}),
        "plan.zip",
        UnsupportedFormat,
        "zip archive",
    ),
    "old Word .doc": (lambda: OLE_DOC, "plan.doc", UnsupportedFormat, "save it as .docx"),
    "Excel workbook": (xlsx, "ledger.xlsx", UnsupportedFormat, "Excel"),
    "old Excel .xls": (lambda: OLE_DOC, "ledger.xls", UnsupportedFormat, "Excel"),
    "OpenDocument text": (
        lambda: zip_of({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
        "plan.odt",
        UnsupportedFormat,
        "save it as .docx",
    ),
    "PNG image": (lambda: PNG, "scan.png", UnreadableDocument, "OCR"),
    "JPEG image": (
        lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(100),
        "scan.jpg",
        UnreadableDocument,
        "OCR",
    ),
    "GIF image": (lambda: b"GIF89a\x01\x00\x01\x00" + bytes(30), "scan.gif", UnreadableDocument, "OCR"),
    "BMP image": (
        lambda: b"BM\x46\x00\x00\x00\x00\x00\x00\x00\x36" + bytes(60),
        "scan.bmp",
        UnreadableDocument,
        "OCR",
    ),
    "TIFF image": (lambda: b"II*\x00\x08\x00\x00\x00" + bytes(60), "scan.tif", UnreadableDocument, "OCR"),
    "WebP image": (
        lambda: b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(60),
        "scan.webp",
        UnreadableDocument,
        "OCR",
    ),
    "image named txt": (lambda: PNG, "plan.txt", UnreadableDocument, "image"),
    "too large": (lambda: b"a" * (MAX_BYTES + 1), "huge.txt", UnreadableDocument, "25 MB"),
    "random high bytes": (lambda: RANDOM_HIGH_BYTES, "plan.txt", UnreadableDocument, "encoding"),
    "undecodable bytes": (
        lambda: bytes([0x81, 0x20, 0xFE, 0x7F, 0xC0, 0x0A]) * 500,
        "plan.txt",
        UnreadableDocument,
        "encoding",
    ),
    "pdf full of NUL bytes": (lambda: bytes(3000), "plan.pdf", UnreadableDocument, "not a valid .pdf"),
    "docx that is not a zip": (
        lambda: RANDOM_HIGH_BYTES,
        "plan.docx",
        UnreadableDocument,
        "not a valid .docx",
    ),
}


@pytest.mark.parametrize("case", BAD_INPUT)
def test_it_refuses_bad_input_in_one_line_naming_the_file(case: str) -> None:
    make, filename, kind, words = BAD_INPUT[case]

    error = refusal(make(), filename)

    message = str(error)
    assert type(error) is kind
    assert "\n" not in message
    assert message.startswith(f"{filename}: ")
    assert words in message


def test_a_file_name_with_a_line_break_still_gives_one_line() -> None:
    error = refusal(b"", "plan\n.txt")

    assert "\n" not in str(error)


MAGIC_PREFIXES = [
    b"",
    b"PK\x03\x04",
    b"%PDF-1.4\n",
    b"<html><body>",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"MZ",
    b"BM",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(MAGIC_PREFIXES),
    body=st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=1000).map(lambda text: text.encode("utf-8")),
        st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=300).map(
            lambda text: text.encode("gb18030")
        ),
    ),
    filename=st.sampled_from(["a.txt", "a.html", "a.docx", "a.pdf", "a"]),
)
def test_arbitrary_bytes_give_text_or_an_ingest_error(prefix: bytes, body: bytes, filename: str) -> None:
    try:
        doc = read_document(prefix + body, filename)
    except IngestError as error:
        assert "\n" not in str(error)
    else:
        assert doc.format in ("txt", "html", "docx", "pdf")


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_damaged_documents_give_an_ingest_error(tmp_path: Path, kind: str) -> None:
    data = plan_docx(tmp_path) if kind == "docx" else plan_pdf(tmp_path)
    rng = random.Random(11)
    for _ in range(40):
        damaged = bytearray(data)
        for _ in range(rng.randrange(1, 20)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            read_document(bytes(damaged), f"plan.{kind}")
        except IngestError as error:
            assert "\n" not in str(error)
