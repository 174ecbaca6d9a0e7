"""Metadata of a plan: title, document number, issue date and plan period.

They are read from the lines above the first chapter (the head) and from the signature block at the
end (the trailer). Head lines that are metadata or web-page furniture (breadcrumb ``首页 > 政务公开``,
``发布时间：…``) are set aside; what is left of the head is the preamble.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .structure import Line, chinese_numeral_value, match_label

__all__ = [
    "PlanMetadata",
    "find_period",
    "find_trailer_start",
    "parse_date",
    "parse_doc_number",
    "read_metadata",
]


@dataclass
class PlanMetadata:
    """What the head and trailer say about the plan.

    ``preamble`` keeps the head lines that are none of these; ``title_span`` is where the title
    was printed (start and end offsets), for placing doubts.
    """

    title: str = ""
    doc_number: str = ""
    issued: dt.date | None = None
    period_start: int | None = None
    period_end: int | None = None
    preamble: list[Line] = field(default_factory=list)
    title_span: tuple[int, int] | None = None


# 罗发〔2013〕3号, also printed with [2013], ［2013］, (2013), （2013）, 【2013】.
_DOC_NUMBER_RE = re.compile(
    r"(?P<org>[\u4e00-\u9fff]{1,12}?)\s*[〔\[［【（(]\s*(?P<year>\d{4})\s*[〕\]］】）)]\s*"
    r"(?P<seq>\d{1,5})\s*号"
)
_DATE_RE = re.compile(
    r"(?P<y>\d{4})\s*(?:年|[-./])\s*(?P<m>\d{1,2})\s*(?:月|[-./])\s*(?P<d>\d{1,2})\s*日?"
    r"|(?P<cy>[〇○零一二三四五六七八九]{4})\s*年\s*(?P<cm>[一二三四五六七八九十]{1,2})\s*月"
    r"\s*(?P<cd>[一二三四五六七八九十]{1,3})\s*日"
)
# Keys before a date or number on portal pages; such a line is metadata, not preamble.
_META_KEY_RE = re.compile(
    r"^[【\[]?(?:发布时间|发布日期|成文日期|印发日期|生效日期|日期|时间|来源|信息来源|发布机构|发文机关|"
    r"发文单位|发文字号|文号|字号|浏览次数|点击数|阅读次数|访问量|索引号|主题分类|分类|体裁分类|"
    r"公开方式|有效性|作者|编辑|责任编辑)\s*[：:]"
)
_BREADCRUMB_RE = re.compile(r"^(?:首页|当前位置|您现在的位置|您的位置|现在位置)|(?:[>＞»›].*){2}")
_PAGE_FURNITURE_RE = re.compile(
    r"^(?:【[^】]{0,20}】\s*)+$|^(?:打印本页|关闭窗口|分享到|扫一扫|上一篇|下一篇|相关链接|返回顶部)"
)
_TITLE_WORD_RE = re.compile(r"方案|规划|意见|通知|办法|计划|纲要|决定|细则|要点|规定|措施|行动")
_PERIOD_RE = re.compile(r"(?<!\d)(?P<a>\d{4})\s*年?\s*(?:—|–|-|－|~|～|至|到|―|─)+\s*(?P<b>\d{4})\s*年")
# A year in a title, not one reached "by" (到2035年远景目标 is no one-year plan).
_TITLE_YEAR_RE = re.compile(r"(?<![\d到至])(\d{4})\s*年")
_PERIOD_ONLY_RE = re.compile(r"^[（(]\s*\d{4}\s*年?\s*(?:—|–|-|－|~|～|至|到|―|─)+\s*\d{4}\s*年\s*[）)]$")
# Signature blocks: issuing bodies, ``（此件公开发布）``, ``抄送：``.
_ORG_LINE_RE = re.compile(r"(?:委|政府|办公室|办公厅|委员会|局|厅|部|院|党组|中心|公司|街道办事处)$")
_TRAILER_JUNK_RE = re.compile(r"^[（(]此件.{0,20}[）)]$|^(?:抄送|抄报|印发|主送)[：:]|印发$")
_SENTENCE_MARKS = set("。，；：,;:！？")


def parse_doc_number(text: str) -> str:
    """The first document number in ``text``, normalised to ``罗发〔2013〕3号``; ``""`` if none."""
    match = _DOC_NUMBER_RE.search(text)
    if match is None:
        return ""
    org = match.group("org")
    return f"{org}〔{match.group('year')}〕{int(match.group('seq'))}号"


def parse_date(text: str) -> dt.date | None:
    """The first date in ``text`` (``2013年5月20日``, ``2013-05-20``, ``二〇一三年五月二十日``)."""
    for match in _DATE_RE.finditer(text):
        if match.group("y"):
            year, month, day = int(match.group("y")), int(match.group("m")), int(match.group("d"))
        else:
            cy = chinese_numeral_value(match.group("cy"))
            cm = chinese_numeral_value(match.group("cm"))
            cd = chinese_numeral_value(match.group("cd"))
            if cy is None or cm is None or cd is None:
                continue
            year, month, day = cy, cm, cd
        try:
            if 1900 <= year <= 2199:
                return dt.date(year, month, day)
        except ValueError:
            continue
    return None


def _date_line(text: str) -> dt.date | None:
    """The date of a line that is only a date (in brackets or after a key such as 发布日期：)."""
    bare = _META_KEY_RE.sub("", text).strip(" \u3000（）()【】[]")
    match = _DATE_RE.fullmatch(bare)
    return parse_date(bare) if match else None


def find_period(text: str) -> tuple[int, int] | None:
    """The plan period ``（2013—2015年）`` in ``text``, skipping ranges inside 《…》 (other plans)."""
    masked = re.sub(r"《[^《》\n]{0,150}》", lambda m: "＿" * len(m.group()), text)
    for match in _PERIOD_RE.finditer(masked):
        start, end = int(match.group("a")), int(match.group("b"))
        if 1949 <= start <= end <= start + 30 <= 2230:
            return start, end
    return None


def _is_org_line(text: str) -> bool:
    return len(text) <= 30 and not (_SENTENCE_MARKS & set(text)) and bool(_ORG_LINE_RE.search(text))


def find_trailer_start(lines: Sequence[Line]) -> int:
    """Index of the first line of the closing signature block, or ``len(lines)`` if there is none.

    The block is read backwards from the end: dates, issuing bodies, ``（此件公开发布）``, page
    furniture. Without a date or such a note among them it is not taken for a signature.
    """
    index = len(lines)
    signed = False
    while index > 0:
        text = lines[index - 1].text
        if match_label(text) is not None:
            break
        if _date_line(text) is not None or _TRAILER_JUNK_RE.search(text) or _PAGE_FURNITURE_RE.search(text):
            signed = True
        elif not _is_org_line(text):
            break
        index -= 1
    return index if signed else len(lines)


def _is_title_candidate(text: str) -> bool:
    # A title is a name, not a sentence: no full stop, and not a salutation ending in ：.
    return (
        len(text) <= 100
        and "。" not in text
        and not text.endswith(("；", "：", ":", ";"))
        and bool(_TITLE_WORD_RE.search(text))
    )


def read_metadata(head: Sequence[Line], trailer: Sequence[Line] = ()) -> PlanMetadata:
    """Read title, document number, issue date and period from the head and trailer lines.

    The title is the first line near the top naming a plan (方案, 规划, 意见 …); a ``…的通知`` line
    gives way to a plan title below it. The issue date is a date line in the head, else the
    signature date. The period comes from the title; :func:`find_period` can look further.
    """
    meta = PlanMetadata()
    consumed: set[int] = set()
    for index, line in enumerate(head):
        text = line.text
        date = _date_line(text)
        if date is not None:
            meta.issued = meta.issued or date
            consumed.add(index)
            continue
        if _BREADCRUMB_RE.search(text) or _PAGE_FURNITURE_RE.search(text):
            consumed.add(index)
            continue
        number = parse_doc_number(text)
        if number and len(_DOC_NUMBER_RE.sub("", text).strip(" \u3000：:")) <= 6:
            meta.doc_number = meta.doc_number or number
            consumed.add(index)
            continue
        if _META_KEY_RE.match(text):
            meta.doc_number = meta.doc_number or number
            consumed.add(index)
    title_index = _pick_title(head, consumed)
    if title_index is not None:
        meta.title = head[title_index].text
        meta.title_span = (head[title_index].start, head[title_index].end)
        consumed.add(title_index)
        following = title_index + 1
        # A period printed on its own line under the title belongs to it.
        if following < len(head) and _PERIOD_ONLY_RE.match(head[following].text):
            meta.title += head[following].text
            meta.title_span = (head[title_index].start, head[following].end)
            consumed.add(following)
    if meta.issued is None:
        for line in reversed(trailer):
            meta.issued = _date_line(line.text)
            if meta.issued is not None:
                break
    period = find_period(meta.title) or _single_year(meta.title)
    if period is not None:
        meta.period_start, meta.period_end = period
    meta.preamble = [line for index, line in enumerate(head) if index not in consumed]
    return meta


def _single_year(title: str) -> tuple[int, int] | None:
    """A one-year plan: ``2021年优化营商环境工作方案`` runs through 2021."""
    years = _TITLE_YEAR_RE.findall(title)
    if len(years) != 1:
        return None
    year = int(years[0])
    return (year, year) if 1949 <= year <= 2200 else None


def _pick_title(head: Sequence[Line], consumed: set[int]) -> int | None:
    candidates = [
        i for i, line in enumerate(head[:15]) if i not in consumed and _is_title_candidate(line.text)
    ]
    for index in candidates:
        if not head[index].text.endswith("通知"):
            return index
    return candidates[0] if candidates else None
