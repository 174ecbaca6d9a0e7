"""Targets (指标): quantified aims such as ``打造2至3个网商集聚区`` or ``满意度达95%以上``.

A target is a number with a counting word or unit (``个``, ``家``, ``名``, ``%``, ``亿元``), read as a
range (``2至3个`` → 2..3), a lower bound (``5家以上``, ``不低于90%`` → 5.., 90..), an upper bound
(``10万元以下``) or an exact figure (``100名`` → 100..100). What is counted (the subject) is the
noun phrase after the counting word (``个网商集聚区``) or, for rates and amounts, the measure named
before the number (``满意度达95%``).

Numbers that only look like quantities are not targets: anything inside quotes or 《》
(``“1+8”文件``, ``“五支人才队伍”``), codes and names (``PM2.5``, ``93—267地块``), times and levels
(``24小时``, ``三级``), ordinals (``第一时间``), dates and years, document numbers. Chinese numerals
(``两个``, ``三所``) count only right after a verb of building or creating (``新建三所学校``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from .model import Target
from .structure import chinese_numeral_value, mask_enclosed
from .timeframes import PlanPeriod, find_deadlines

__all__ = ["find_targets"]

_NUM = r"\d+(?:\.\d+)?"
_RANGE_SEP = r"\s*(?:至|到|-|—|–|－|~|～)\s*"
# Counting words after which the counted thing follows (``3个街道``), longest first where they
# share a prefix. ``级``, ``小时``, ``年`` and the like are left out on purpose: they name levels
# and durations, not aims.
_COUNTERS = "个|家|所|名|人|座|处|条|支|项|套|间|栋|台|辆|户|位|场|件|张|本|片|块|株|棵|艘|架|种"
# Units of an amount or a rate; the measured thing is named before the number.
_MEASURES = "%|％|个百分点|平方公里|万平方米|平方米|立方米|公顷|公里|千米|千瓦|兆瓦|人次|美元|元|亩|吨|倍"
# Durations are aims only with a bound (``压缩至5个工作日以内``); ``24小时执法`` names a service.
_DURATIONS = "个工作日|工作日|小时|分钟|天"
_COUNTER_SET = frozenset(_COUNTERS.split("|"))
_DURATION_SET = frozenset(_DURATIONS.split("|"))
_RATE_SET = frozenset(("%", "％", "个百分点"))
_SHRINK = ("压缩至", "压缩到", "缩短至", "缩短到", "压减至", "减少至", "减至", "降至", "降低至", "降低到")
# Bound words, compared whole: 不低于 is a lower bound although it contains 低于.
_LOWER = frozenset(("以上", "不少于", "不低于", "至少", "超过", "多于", "余", "多", "高于"))
_UPPER = frozenset(("以下", "以内", "之内", "内", "不超过", "不高于", "低于", "控制在", *_SHRINK))
_PRE_WORDS = (
    "不少于|不低于|不超过|不高于|至少|超过|多于|低于|高于|控制在|保持在|稳定在|"
    "提高到|提高至|提升到|提升至|增长到|增加到|达到|达|约|近|新增|累计|" + "|".join(_SHRINK)
)


def _first_chars(alternatives: str) -> str:
    """A character class of the first characters of ``a|b|c``, for a fast leading lookahead."""
    return "".join(sorted({word[0] for word in alternatives.split("|")}))


# The leading lookaheads let the engine skip positions where no match can start (see timeframes).
_QTY_RE = re.compile(
    rf"(?=[\d{_first_chars(_PRE_WORDS)}])"
    rf"(?P<pre>{_PRE_WORDS})?"
    r"(?<![A-Za-z0-9.．+＋/_\-—–第])"
    rf"(?P<lo>{_NUM})(?:{_RANGE_SEP}(?P<hi>{_NUM}))?"
    r"\s*(?P<mag>万|亿|千)?(?P<approx>余|多)?"
    rf"(?P<unit>{_MEASURES}|{_DURATIONS}|{_COUNTERS})"
    r"(?P<post>以上|以下|左右|以内|之内|内)?"
)
# Verbs of building, creating or reaching that make a number an aim; two-character verbs first.
_GOAL_VERBS = (
    "打造|培育|引进|引入|聘请|建设|建成|新建|创建|选取|选择|组建|设立|培养|扶持|新增|发展|完成|实现|"
    "达到|招募|吸引|储备|改造|增加|招聘|认定|形成|举办|评选|推出|建立|开设|设置|配备|培训|扩大|帮扶|"
    "吸纳|安置|带动|孵化|筹建|启动|覆盖|建|办|设|聘|选|增"
)
_GOAL_VERB_END_RE = re.compile(rf"(?:{_GOAL_VERBS})$")
# Only two-character verbs are cut off a name: a lone 增, 建 or 办 there is part of a word.
_LONG_VERBS = "|".join(v for v in _GOAL_VERBS.split("|") if len(v) > 1)
_GOAL_VERB_START_RE = re.compile(f"^(?:{_LONG_VERBS})")
_LONG_VERB_END_RE = re.compile(f"(?:{_LONG_VERBS})$")
_CN_QTY_RE = re.compile(
    rf"(?=[{_first_chars(_GOAL_VERBS)}])(?P<verb>{_GOAL_VERBS})"
    r"(?P<lo>[两二三四五六七八九]|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?)"
    r"(?P<unit>个|所|家|座|名|处|支|条|项|套)(?P<post>以上|左右)?"
)
# The thing counted: a run of name characters after the counting word.
_OBJECT_RE = re.compile(r"[^\s，。；：、,;:（）()“”\"《》！？!?]{1,30}")
# Where a counted thing's name ends and the sentence goes on (``83个社区搭建社区子网站``).
_OBJECT_STOP_RE = re.compile(
    r"作为|搭建|开展|实现|参与|进行|提供|纳入|达到|建成|完成|开通|接入|入驻|落户|上市|用于|实行|实施|推行|"
    r"落实|给予"
)
# Counting words that are really durations: ``3个月``, ``5个工作日``.
_DURATION_RE = re.compile(r"^(?:月|工作日|自然日|小时|星期|季度|年度|周|批次)")
# The measured thing before a rate: 满意度, 覆盖率, 就业率 …
_METRIC_RE = re.compile(r"(?:满意度|满意率|[\u4e00-\u9fff]{0,6}率|比例|比重|占比|覆盖面)$")
# Words before a rate's name that are not part of it: the name starts after the last of them.
_METRIC_NOISE_RE = re.compile(r"提高|提升|降低|增加|实现|确保|力争|保持|全区|全市|全省|全县|使|让|将|的|是")
_SUBJECT_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{1,16}$")
_SUBJECT_NOISE_RE = re.compile(
    r"^(?:.*?(?:力争|确保|争取|全区|全市|全省|全县|全镇|年均|每年|累计|使|让|将|到|至|年))+"
)
_LINK_END_RE = re.compile(r"(?:至|到|为|在)$")
_RATE_VERB_RE = re.compile(r"(?:增长|提高|提升|下降|降低|减少|增加|压减|削减|缩减|精简)$")
_CLAUSE_SEP_RE = re.compile(r"[，,；;。：:]")


def _bounds(lo: float, hi: float | None, *words: str) -> tuple[float | None, float | None]:
    if hi is not None:
        return min(lo, hi), max(lo, hi)
    if any(w in _UPPER for w in words):
        return None, lo
    if any(w in _LOWER for w in words):
        return lo, None
    return lo, lo


class _Text:
    """One text being searched, with what every target in it needs looked up once.

    Clause starts and deadlines are kept sorted so each target finds its own by bisection: a
    long run-on measure with many numbers stays linear, not quadratic.
    """

    def __init__(self, text: str, period: PlanPeriod | None) -> None:
        self.text = text
        self.masked = mask_enclosed(text)
        self.clause_starts = [0] + [m.end() for m in _CLAUSE_SEP_RE.finditer(self.masked)]
        self.deadlines = [d for d in find_deadlines(text, period) if d.date is not None]
        self.deadline_ends = [d.end for d in self.deadlines]

    def clause_start(self, pos: int) -> int:
        """Where the clause holding ``pos`` starts (after the last ，；。 before it)."""
        return self.clause_starts[bisect.bisect_right(self.clause_starts, pos) - 1]

    def deadline_for(self, pos: int, default: dt.date | None) -> dt.date | None:
        """A deadline printed earlier in the same clause wins over the measure's deadline."""
        index = bisect.bisect_right(self.deadline_ends, pos) - 1
        if index >= 0 and self.deadlines[index].start >= self.clause_start(pos):
            return self.deadlines[index].date
        return default

    def subject_before(self, pos: int) -> tuple[str, int, bool]:
        """The measured thing printed just before ``pos``.

        Returns the subject, where the target's text starts (at a leading verb if there is one,
        so ``新建社区服务中心10个`` keeps 新建), and whether it is a rate or share (满意度, 覆盖率).
        """
        text = self.text
        window = max(self.clause_start(pos), pos - 16)
        match = _SUBJECT_RE.search(self.masked, window, pos)
        if match is None:
            return "", pos, False
        run_start = match.start()
        run = _LINK_END_RE.sub("", text[run_start:pos])  # 比例至30%: 至 links, it names nothing
        metric = _METRIC_RE.search(run)
        if metric is not None:
            name = metric.group()
            cut = max((m.end() for m in _METRIC_NOISE_RE.finditer(name, 0, len(name) - 1)), default=0)
            start = run_start + metric.start() + cut
            return text[start:pos].rstrip("至到为在"), start, True
        noise = _SUBJECT_NOISE_RE.match(run)
        if noise is not None:
            run_start += noise.end()
            run = run[noise.end() :]
        verb = _LONG_VERB_END_RE.search(run)
        if verb is not None and verb.start() > 0:
            run = run[: verb.start()]  # 达到, 实现 … before the number belong to the phrase, not the name
        text_start = run_start
        lead = _GOAL_VERB_START_RE.match(run)
        if lead is not None and lead.end() < len(run):
            run = run[lead.end() :]
        return (run, text_start, False) if run else ("", pos, False)

    def object_after(self, pos: int) -> str:
        """The counted thing printed right after a counting word at ``pos``."""
        match = _OBJECT_RE.match(self.masked, pos)
        if match is None:
            return ""
        obj = self.text[match.start() : match.end()]
        stop = _OBJECT_STOP_RE.search(obj, 1)
        if stop is not None:
            obj = obj[: stop.start()]
        return obj.removeprefix("的")

    def ends_with(self, pattern: re.Pattern[str], pos: int) -> re.Match[str] | None:
        """A match of the ``$``-anchored ``pattern`` ending at ``pos`` (patterns are two characters)."""
        return pattern.search(self.masked, max(0, pos - 2), pos)


def find_targets(
    text: str,
    *,
    period: PlanPeriod | None = None,
    deadline: dt.date | None = None,
) -> list[Target]:
    """The quantified aims in ``text`` (a measure or a title), in printed order.

    ``deadline`` is the deadline of the measure the text belongs to; a target whose own clause
    names a deadline (``3年内聘请100名…``) gets that one instead.
    """
    source = _Text(text, period)
    found: list[tuple[int, Target]] = []
    for match in _QTY_RE.finditer(source.masked):
        target = _read_quantity(source, match)
        if target is not None:
            target.deadline = source.deadline_for(match.start(), deadline)
            found.append((match.start(), target))
    for match in _CN_QTY_RE.finditer(source.masked):
        value = chinese_numeral_value(match.group("lo"))
        obj = source.object_after(match.end())
        if value is None or not obj or _DURATION_RE.match(obj):
            continue
        low, high = _bounds(float(value), None, match.group("post") or "")
        phrase = text[match.start() : match.end()] + obj
        target = Target(phrase, obj, low, high, match.group("unit"))
        target.deadline = source.deadline_for(match.start(), deadline)
        found.append((match.start(), target))
    found.sort(key=lambda pair: pair[0])
    return [target for _, target in found]


def _read_quantity(source: _Text, match: re.Match[str]) -> Target | None:
    text = source.text
    unit = (match.group("mag") or "") + match.group("unit")
    pre = match.group("pre") or ""
    post = match.group("post") or ""
    lo = float(match.group("lo"))
    hi = float(match.group("hi")) if match.group("hi") else None
    low, high = _bounds(lo, hi, pre, match.group("approx") or "", post)
    head_start = match.start() if pre else match.start("lo")
    bare = match.group("unit")
    if bare in _DURATION_SET and not (pre in _LOWER or pre in _UPPER or post in _UPPER):
        return None
    if post in ("内", "之内") and bare not in _DURATION_SET:
        return None  # only a duration is bounded by a bare 内
    if bare in _COUNTER_SET:
        obj = source.object_after(match.end())
        if obj and _DURATION_RE.match(obj):
            return None
        if obj:
            verb = source.ends_with(_GOAL_VERB_END_RE, head_start)
            start = verb.start() if verb is not None else head_start
            return Target(text[start : match.end()] + obj, obj, low, high, unit)
        # ``新建社区服务中心10个``: the counted thing came first.
    subject, text_start, is_metric = source.subject_before(head_start)
    if bare in _RATE_SET and not (pre or post or is_metric or source.ends_with(_RATE_VERB_RE, head_start)):
        return None  # a bare share (``按30%的比例``) is not an aim
    if not subject and not (pre or post or match.group("mag")):
        verb = source.ends_with(_GOAL_VERB_END_RE, head_start)
        if verb is None:
            return None
        text_start = verb.start()
    return Target(text[text_start : match.end()], subject, low, high, unit)
