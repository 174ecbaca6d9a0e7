"""Deadlines (时限): find them in plan text and resolve them to dates.

A deadline resolves to the last day of the period it names: ``2013年底前`` → 2013-12-31,
``2014年上半年`` → 2014-06-30, ``2019年6月底前`` → 2019-06-30, ``到2023年`` → 2023-12-31. Relative
phrases count from the plan: ``3年内`` ends on Dec 31 of the plan's first year + 2, ``年内`` and a
bare ``下半年`` or ``第一季度`` fall in the issue year. Ongoing work (``持续推进``, ``长期坚持``; ``长期``
as a 完成时限) has no date, but its text is kept.

Parts of a month or a year resolve to a stated day: ``上旬`` and ``月初`` to the 10th, ``中旬`` and
``月中`` to the 20th, ``下旬``, ``月底`` and ``月末`` to the month's last day; ``年初`` to March 31
(the end of the first quarter), ``年中`` to June 30, ``年底`` and ``年末`` to December 31.

A span that counts years or months inside a condition is no deadline: ``3年内不得申报``,
``近3年内无违法记录``, ``成立5年以内的企业`` (nor are ``连续3年`` or ``满2年``, which name no end).

A deadline the plan states as such (``完成时限：2024年6月底前``, ``时间节点为年底前``) is found by
:func:`find_stated_deadline`; the build lets it win over the dates of the text.

Phrases inside 《…》 are titles of other documents, not deadlines, and are ignored; so are dates
before the plan was issued (``截至2012年底`` states a baseline).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .structure import chinese_numeral_value

__all__ = [
    "Deadline",
    "PlanPeriod",
    "find_deadlines",
    "find_stated_deadline",
    "first_deadline",
    "latest_deadline",
    "resolve_deadline",
]


@dataclass(frozen=True)
class PlanPeriod:
    """What relative deadlines count from: the plan's years and its issue date (any may be unknown)."""

    start_year: int | None = None
    end_year: int | None = None
    issued: dt.date | None = None

    @property
    def first_year(self) -> int | None:
        """The year ``3年内`` counts from: the period's first year, else the issue year."""
        return self.start_year or (self.issued.year if self.issued else None)

    @property
    def current_year(self) -> int | None:
        """The year ``年内``, ``下半年`` and ``第一季度`` mean: the issue year, else the first year."""
        return self.issued.year if self.issued else self.start_year


@dataclass(frozen=True)
class Deadline:
    """A deadline phrase as printed, with its date (None when ongoing or not resolvable).

    ``start``/``end`` are offsets into the searched text.
    """

    text: str
    date: dt.date | None
    ongoing: bool = False
    start: int = 0
    end: int = 0


_CN_SMALL = "[一二两三四五六七八九十]{1,3}"
_PREFIX = "到|至|于|在|力争|争取|确保|截止"
# 初 and 中 after 年 or 月 name a part of it, except where they start a word (初步, 中国, 中小企业).
_EARLY = "初(?![步级期始次审选稿心衷中见具有显现])"
_MIDDLE = "中(?![央国华共心期小学级等高层间部西东南北文秋长考医药])"
_DEADLINE_RE = re.compile(
    # The lookahead lists every character an alternative can start with: it lets the engine skip
    # most positions at once instead of trying each alternative there (25 times faster).
    r"(?=[到至于在力争确保截\d今明上下第一二两三四五六七八九十年持长])(?:"
    # 2013年6月30日前, 于2013年6月30日: a full date is a deadline only with one of these words.
    rf"(?P<ymd>(?P<ymd_pre>于|到|力争|争取|确保)?(?<![\d.])(?P<ymd_y>\d{{4}})\s*年\s*(?P<ymd_m>\d{{1,2}})\s*月"
    r"\s*(?P<ymd_d>\d{1,2})\s*[日号](?P<ymd_sfx>以前|之前|前)?)"
    # 2019年6月底前, 于2014年6月; a full date (2013年5月20日) is not a deadline.
    rf"|(?P<ym>(?P<ym_pre>{_PREFIX})?(?<![\d.])(?P<ym_y>\d{{4}})\s*年\s*(?P<ym_m>\d{{1,2}})\s*月份?(?![\d份])"
    rf"(?P<ym_sfx>(?:[上中下]旬|{_EARLY}|{_MIDDLE}|底|末)(?:以前|之前|前)?|以前|之前|前)?)"
    # 2014年上半年
    r"|(?P<yh>(?<![\d.])(?P<yh_y>\d{4})\s*年\s*(?P<yh_h>上|下)半年(?:底前|末前|前|末|底)?)"
    # 2014年第一季度
    r"|(?P<yq>(?<![\d.])(?P<yq_y>\d{4})\s*年\s*第?(?P<yq_q>[一二三四1-4])季度(?:末前|底前|前|末|底)?)"
    # 2013年底前, 2013年年底前, 2013年末
    rf"|(?P<ye>(?<![\d.])(?P<ye_y>\d{{4}})\s*年(?:年)?(?P<ye_w>底|末|{_EARLY}|{_MIDDLE})(?:以前|之前|前)?)"
    # 2015年前, 2015年内
    r"|(?P<yp>(?<![\d.])(?P<yp_y>\d{4})\s*年(?:以前|之前|以内|之内|前|内)(?![\d三四五六七八九十个]))"
    # 到2023年, 力争2015年
    rf"|(?P<yb>(?:{_PREFIX})(?P<yb_y>\d{{4}})\s*年(?![\d月底末份前内]|[上下]半年|第|[一二三四1-4]季度|年底|年末))"
    # 3年内, 三年内
    rf"|(?P<nin>(?<![\d一二两三四五六七八九十])(?P<nin_n>\d{{1,2}}|{_CN_SMALL})\s*年(?:之内|以内|内))"
    # 6个月内
    rf"|(?P<nmo>(?<![\d一二两三四五六七八九十])(?P<nmo_n>\d{{1,2}}|{_CN_SMALL})\s*个月(?:之内|以内|内))"
    # 今年底前, 明年上半年
    rf"|(?P<rel>(?P<rel_w>今|明)年(?:年)?(?P<rel_sfx>底|末|{_EARLY}|{_MIDDLE}|内|上半年|下半年)(?:以前|之前|前)?)"
    # a bare 下半年, 第一季度, 年内, 年底前 fall in the current year
    r"|(?P<h>(?<![\d年])(?P<h_h>上|下)半年(?:底前|末前|前|末|底)?)"
    r"|(?P<q>(?<![\d年第])第?(?P<q_q>[一二三四])季度(?:末前|底前|前|末|底)?)"
    r"|(?P<yr>(?<![\d一二两三四五六七八九十今明后每全当青少老成童中晚新近多历往年])"
    rf"年(?P<yr_w>内|底|末|{_EARLY}|{_MIDDLE})(?:以前|之前|前)?)"
    # ongoing work
    # ongoing work; a bare 长期 only as a whole bracket (``（长期）``): 长期规划 names a plan
    r"|(?P<ongoing>持续推进|长期坚持|长期推进|(?<=[（(])长期(?=[）)])))"
)
# Phrases that name their year: no date means the numbers were impossible.
_DATED_KINDS = frozenset(("ymd", "ym", "yh", "yq", "ye", "yp", "yb"))
_BOOK_TITLE_RE = re.compile(r"《[^《》\n]{0,150}》")
# Values of a 完成时限 field that mean ongoing work.
_ONGOING_VALUE_RE = re.compile(
    r"^(?:长期|长期坚持|长期推进|持续推进|持续|持续开展|常态化|常年|长期性工作)(?:完成)?$"
)
_VALUE_EDGE = " \t\u3000。．.，,；;：:（）()"
# Fallbacks for a 完成时限 value: a bare year or month, or a full date.
_VALUE_DATE_RE = re.compile(
    r"(?<!\d)(?P<y>\d{4})\s*(?:年|[-./])\s*(?:(?P<m>\d{1,2})\s*(?:月|[-./])?\s*(?:(?P<d>\d{1,2})\s*日?)?)?"
)


def _month_end(year: int, month: int) -> dt.date | None:
    if not (1900 <= year <= 2199 and 1 <= month <= 12):
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# The month that ends a named part of a year: 年初 is the first quarter, 年中 its first half.
_YEAR_PART_MONTH = {"初": 3, "中": 6}
# The day that ends a named part of a month (None: the month's last day).
_MONTH_PART_DAY = {"上旬": 10, "初": 10, "中旬": 20, "中": 20}


def _year_part_end(year: int, part: str) -> dt.date | None:
    """The end of ``part`` (初, 中, 底, 末, 内 …) of ``year``."""
    return _month_end(year, _YEAR_PART_MONTH.get(part[:1], 12))


def _month_part_end(year: int, month: int, suffix: str) -> dt.date | None:
    """The end of the part of a month a suffix names: ``上旬前`` → the 10th, ``底前`` → the last day."""
    end = _month_end(year, month)
    part = suffix.removesuffix("以前").removesuffix("之前").removesuffix("前")
    day = _MONTH_PART_DAY.get(part)
    return end.replace(day=day) if end is not None and day is not None else end


def _quarter(token: str) -> int:
    return int(token) if token.isdecimal() else "一二三四".index(token) + 1


def _roll_forward(date: dt.date | None, period: PlanPeriod) -> dt.date | None:
    """A yearless phrase (``第一季度``) that would end before the issue date means next year's."""
    if date is not None and period.issued is not None and date < period.issued:
        return _month_end(date.year + 1, date.month)
    return date


def _resolve(match: re.Match[str], period: PlanPeriod) -> tuple[dt.date | None, bool]:
    """The date a matched phrase stands for, and whether it is ongoing work."""
    kind = match.lastgroup
    if kind == "ongoing":
        return None, True
    if kind in _DATED_KINDS:
        return _resolve_dated(match), False
    if kind in ("nin", "nmo"):
        return _resolve_counted(match, period), False
    return _resolve_this_year(match, period), False


def _resolve_dated(match: re.Match[str]) -> dt.date | None:
    """A phrase that names its year: 2013年6月30日前, 2019年6月底前, 2014年上半年, 2013年底前 …"""
    kind = match.lastgroup
    group = match.group
    if kind == "ymd":
        end = _month_end(int(group("ymd_y")), int(group("ymd_m")))
        day = int(group("ymd_d"))
        return end.replace(day=day) if end is not None and 1 <= day <= end.day else None
    if kind == "ym":
        return _month_part_end(int(group("ym_y")), int(group("ym_m")), group("ym_sfx") or "")
    if kind == "yh":
        return _month_end(int(group("yh_y")), 6 if group("yh_h") == "上" else 12)
    if kind == "yq":
        return _month_end(int(group("yq_y")), 3 * _quarter(group("yq_q")))
    if kind == "ye":
        return _year_part_end(int(group("ye_y")), group("ye_w"))
    return _month_end(int(group(f"{kind}_y")), 12)  # yp, yb


def _resolve_counted(match: re.Match[str], period: PlanPeriod) -> dt.date | None:
    """3年内 from the plan's first year, 6个月内 from its issue date."""
    kind = match.lastgroup
    count = chinese_numeral_value(match.group(f"{kind}_n"))
    if not count:
        return None
    if kind == "nin":
        first = period.first_year
        return _month_end(first + count - 1, 12) if first else None
    if period.issued is None:
        return None
    months = period.issued.month - 1 + count
    return _month_end(period.issued.year + months // 12, months % 12 + 1)


def _resolve_this_year(match: re.Match[str], period: PlanPeriod) -> dt.date | None:
    """今年底前, 明年上半年, a bare 下半年, 第一季度, 年内: in the plan's current year."""
    kind = match.lastgroup
    group = match.group
    current = period.current_year
    if current is None:
        return None
    if kind == "rel":
        year = current + (1 if group("rel_w") == "明" else 0)
        sfx = group("rel_sfx")
        return _month_end(year, 6) if sfx == "上半年" else _year_part_end(year, sfx)
    if kind == "h":
        return _roll_forward(_month_end(current, 6 if group("h_h") == "上" else 12), period)
    if kind == "q":
        return _roll_forward(_month_end(current, 3 * _quarter(group("q_q"))), period)
    # yr: 年内, 年底前; 年初 and 年中 past at issue mean next year's
    return _roll_forward(_year_part_end(current, group("yr_w")), period)


# Around a counted span (``3年内``), words that make it a condition or a penalty, not a deadline.
_CONDITION_BEFORE_RE = re.compile(
    r"(?:连续|满|近|最近|过去|此前|前|对|凡|成立|注册|设立|登记|毕业|离校|退役|任职|参加工作|入职|取得|获得)$"
)
_CONDITION_AFTER_RE = re.compile(
    r"^(?:不得|不予|不准|不能|不再|不可|禁止|严禁|限制|取消|无|未|没有|曾|受到|被|发生|累计|连续|有过|有违|有不良"
    r"|有重大|再次|的)"
)


def _in_condition(text: str, start: int, end: int) -> bool:
    """Whether the counted span ``text[start:end]`` belongs to a condition or a penalty.

    ``3年内不得申报``, ``近3年内无违法记录``, ``成立5年以内的企业``: the span limits who or what a
    rule applies to; it sets no date by which the plan's work is done.
    """
    before = text[max(0, start - 4) : start].rstrip(" \u3000在")
    after = text[end : end + 4].lstrip(" \u3000")
    return bool(_CONDITION_BEFORE_RE.search(before) or _CONDITION_AFTER_RE.match(after))


def _is_baseline(date: dt.date, period: PlanPeriod) -> bool:
    """A date before the plan was issued describes the past (``截至2012年底``), not a deadline."""
    if period.issued is not None:
        return date < period.issued.replace(day=1)
    return period.start_year is not None and date.year < period.start_year


def find_deadlines(text: str, period: PlanPeriod | None = None) -> list[Deadline]:
    """Every deadline phrase in ``text`` in printed order, resolved against ``period``.

    A phrase whose date cannot be worked out (``3年内`` with no known plan period) is returned with
    ``date=None``; phrases that are dates rather than deadlines are left out.
    """
    period = period or PlanPeriod()
    bare = text.strip(_VALUE_EDGE)
    if _ONGOING_VALUE_RE.match(bare):
        start = text.index(bare)
        return [Deadline(bare, None, True, start, start + len(bare))]  # the whole text is 长期
    masked = _BOOK_TITLE_RE.sub(lambda m: "《" + "＿" * (len(m.group()) - 2) + "》", text)
    found: list[Deadline] = []
    for match in _DEADLINE_RE.finditer(masked):
        kind = match.lastgroup
        if kind in ("ym", "ymd") and not (match.group(f"{kind}_pre") or match.group(f"{kind}_sfx")):
            continue  # a date stated, not a date to meet
        if text[max(0, match.start() - 2) : match.start()] == "截至":
            continue  # 截至2012年底: as of, not by
        if kind in ("nin", "nmo") and _in_condition(text, match.start(), match.end()):
            continue
        date, ongoing = _resolve(match, period)
        if date is None and kind in _DATED_KINDS:
            continue  # 2014年13月: looks like a date, is none
        if date is not None and _is_baseline(date, period):
            continue
        found.append(Deadline(text[match.start() : match.end()], date, ongoing, match.start(), match.end()))
    return found


# A deadline stated as such: ``完成时限：2024年6月底前``, ``时间节点为2024年底``, ``完成时间：长期``.
_STATED_RE = re.compile(
    r"(?:完成时限|完成时间|时间节点|时限要求|完成期限)\s*(?:为|是|：|:)?\s*"
    # the value starts as a date or 长期 does: 审批完成时间由30日压缩至… states no deadline
    r"(?P<value>(?=\d|今|明|年|本年|长期|持续|常态|[上下]半年|第?[一二三四]季度)[^，,；;。）)】\n]{1,30})"
)


def find_stated_deadline(text: str, period: PlanPeriod | None = None) -> Deadline | None:
    """The deadline ``text`` states with a label (``完成时限``, ``时间节点``, ``完成时间``), if any.

    Resolved as :func:`resolve_deadline` does; ``text`` of the result is the value as printed
    (``2024年6月底前``). A label whose value cannot be read gives None.
    """
    for match in _STATED_RE.finditer(text):
        found = resolve_deadline(match.group("value"), period)
        if found is not None:
            start = match.start("value") + match.group("value").find(found.text)
            return Deadline(found.text, found.date, found.ongoing, start, start + len(found.text))
    return None


def first_deadline(deadlines: Iterable[Deadline]) -> Deadline | None:
    """The first dated deadline as printed; an ongoing or undated one only when none has a date.

    A measure's own deadline: in ``2014年上半年形成长效机制，力争2015年满意度达95%以上`` the
    measure is due in the first half of 2014, while the target in the later clause carries 2015.
    """
    listed = list(deadlines)
    for deadline in listed:
        if deadline.date is not None:
            return deadline
    return latest_deadline(listed)


def latest_deadline(deadlines: Iterable[Deadline]) -> Deadline | None:
    """The deadline that ends last; an ongoing or undated one only when none has a date."""
    best: Deadline | None = None
    for deadline in deadlines:
        if (
            best is None
            or (deadline.date is not None and (best.date is None or deadline.date > best.date))
            or (best.date is None and deadline.ongoing and not best.ongoing)
        ):
            best = deadline
    return best


def resolve_deadline(value: str, period: PlanPeriod | None = None) -> Deadline | None:
    """Resolve a deadline written on its own, as in ``完成时限：2014年底前`` or ``（长期）``.

    Besides the phrases :func:`find_deadlines` knows, a value may be a bare year or month
    (``2014年``, ``2014年6月`` → end of it), a full date (``2014年6月15日``) or an ongoing word
    (``长期``, ``持续推进``). Returns None for an empty or unreadable value.
    """
    value = value.strip(_VALUE_EDGE)
    if not value:
        return None
    period = period or PlanPeriod()
    if _ONGOING_VALUE_RE.match(value):
        return Deadline(value, None, True, 0, len(value))
    found = latest_deadline(find_deadlines(value, period))
    if found is not None and found.date is not None:
        return Deadline(value, found.date, False, 0, len(value))
    dates: list[dt.date] = []
    for match in _VALUE_DATE_RE.finditer(value):
        year = int(match.group("y"))
        month = int(match.group("m") or 12)
        end = _month_end(year, month)
        if end is None:
            continue
        if match.group("d"):
            day = int(match.group("d"))
            end = end.replace(day=day) if 1 <= day <= end.day else end
        dates.append(end)
    if dates:
        return Deadline(value, max(dates), False, 0, len(value))
    if found is not None:
        return Deadline(value, found.date, found.ongoing, 0, len(value))
    return None
