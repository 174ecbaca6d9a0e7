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

A number inside a noun phrase qualifies the noun and is no aim: ``营收突破10亿元的企业``,
``100户以上的自然村`` (a count before 的 is an aim only right after a verb: ``新增100家以上的企业``).
Nor is a count of scope (``围绕8条产业链``). Forms read besides the plain ones: a scale word after a
verb (``形成万亿级先进制造业集群`` → at least 1 万亿元), a share glued to what it measures
(``政务服务事项100%线上办理``), shares of several subjects (``80%的乡镇和50%的村`` → two targets), a
bandwidth with a bound (``1000M以上``). Each target keeps the sentence it was read from.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from .model import Target
from .structure import chinese_numeral_value, mask_enclosed
from .target_subjects import SENTENCE_END_RE, is_name_char, metric_of, strip_subject
from .timeframes import PlanPeriod, find_deadlines

__all__ = ["find_targets"]

_NUM = r"\d+(?:\.\d+)?"
_RANGE_SEP = r"\s*(?:至|到|-|—|–|－|~|～)\s*"
# Counting words after which the counted thing follows (``3个街道``), longest first where they
# share a prefix. ``级``, ``小时``, ``年`` and the like are left out on purpose: they name levels
# and durations, not aims.
_COUNTERS = "个|家|所|名|人|座|处|条|支|项|套|间|栋|台|辆|户|位|场|件|张|本|片|块|株|棵|艘|架|种|只"
# Units of an amount or a rate; the measured thing is named before the number.
_MEASURES = "%|％|个百分点|平方公里|万平方米|平方米|立方米|公顷|公里|千米|千瓦|兆瓦|人次|美元|元|亩|吨|倍"
# Durations are aims only with a bound (``压缩至5个工作日以内``); ``24小时执法`` names a service.
_DURATIONS = "个工作日|工作日|小时|分钟|天"
# Bandwidths are aims only with a bound too (``1000M以上``): ``5G基站`` names a generation.
_BANDWIDTHS = "Mbps|Gbps|M|G"
# A bare magnitude counts people or things only after a verb of reaching (用户突破8000万).
_MAGNITUDES = "万|亿"
_COUNTER_SET = frozenset(_COUNTERS.split("|"))
_DURATION_SET = frozenset(_DURATIONS.split("|"))
_BOUNDED_SET = _DURATION_SET | frozenset(_BANDWIDTHS.split("|"))
_MAGNITUDE_SET = frozenset(_MAGNITUDES.split("|"))
_RATE_SET = frozenset(("%", "％", "个百分点"))
_SHRINK = ("压缩至", "压缩到", "缩短至", "缩短到", "压减至", "减少至", "减至", "降至", "降低至", "降低到")
# Bound words, compared whole: 不低于 is a lower bound although it contains 低于.
_LOWER = frozenset(("以上", "不少于", "不低于", "至少", "超过", "突破", "多于", "余", "多", "高于"))
_UPPER = frozenset(("以下", "以内", "之内", "内", "不超过", "不高于", "低于", "控制在", *_SHRINK))
_PRE_WORDS = (
    "不少于|不低于|不超过|不高于|至少|超过|多于|低于|高于|控制在|保持在|稳定在|"
    "提高到|提高至|提升到|提升至|增长到|增加到|达到|突破|达|约|近|新增|累计|" + "|".join(_SHRINK)
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
    rf"(?P<unit>{_MEASURES}|{_DURATIONS}|{_COUNTERS}|{_BANDWIDTHS}|{_MAGNITUDES})"
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
_LINK_END_RE = re.compile(r"(?:至|到|为|在)$")
_RATE_VERB_RE = re.compile(r"(?:增长|提高|提升|下降|降低|减少|增加|压减|削减|缩减|精简)$")
_CLAUSE_SEP_RE = re.compile(r"[，,；;。：:]")
# Words right before a number that make it a count of scope, not an aim (围绕8条产业链).
_SCOPE_RE = re.compile(
    r"(?:围绕|聚焦|针对|依托|按照|面向|瞄准|紧扣|结合|对|在|从|按|占|以)(?:全市|全区|全省|全县|本市|本区)?$"
)
# A clause that tells what there is already (现有12个地级市) states a baseline, and so does a
# sentence that opens on today (截至目前，…). A bare 截至 is left out: 截至2025年底累计建成… is an aim.
_STATUS_RE = re.compile(r"现有|共有|已有|已建成|已建|已累计|已达")
_STATUS_SENTENCE_RE = re.compile(r"(?:截至|截止|到)(?:目前|当前|去年底?)")
# Money a plan gives (给予最高500万元奖励) is a policy's amount, not an aim.
_GRANT_BEFORE_RE = re.compile(r"给予|奖励|补助|补贴|资助|奖补")
_GRANT_AFTER_RE = re.compile(r"(?:的)?(?:一次性)?(?:奖励|补助|补贴|资助|奖补)")
# What may follow 的 after an amount that is still the aim (实现生产总值1000亿元的目标).
_AIM_NOUN_RE = re.compile(r"的(?:目标|水平|规模)")
# A share glued to what it measures is an aim when a verb of doing follows (100%线上办理).
_GLUED_RATE_RE = re.compile(
    r"(?:线上|网上|掌上|在线|全程|全部)?"
    r"(?:实现|覆盖|达标|办结|可办|通办|办理|完成|纳入|落实|接入|联网|上线|应用|使用|建成|开通|公开|共享|回应|处置)"
    r"|线上|网上|掌上|在线|全程|全部"
)
_NAME_START_RE = re.compile(r"[\u4e00-\u9fffA-Za-z]")
# A share of something (80%的乡镇): what follows 的, up to where a second share or the verb starts.
_SHARE_OBJECT_RE = re.compile(
    r"(?P<de>的)?(?P<obj>[\u4e00-\u9fffA-Za-z0-9]{1,12}?)"
    r"(?=[^\u4e00-\u9fffA-Za-z0-9]|和|与|及|$|[建实达完覆开接纳参])"
)
_NOT_SHARE_RE = re.compile(r"^(?:比例|比重|份额|标准|幅度|权重|资金|补助|补贴|奖励|费用)")
# A scale word after a verb: 形成万亿级先进制造业集群 is at least 1 万亿元 of it.
_SCALE = {"百亿": (100.0, "亿元"), "千亿": (1000.0, "亿元"), "万亿": (1.0, "万亿元")}
_SCALE_RE = re.compile(rf"(?P<verb>{_GOAL_VERBS}|壮大)(?P<scale>百亿|千亿|万亿)元?级")


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

    Clause starts, sentence ends and deadlines are kept sorted so each target finds its own by
    bisection: a long run-on measure with many numbers stays linear, not quadratic.
    """

    def __init__(self, text: str, period: PlanPeriod | None) -> None:
        self.text = text
        self.masked = mask_enclosed(text)
        self.clause_starts = [0] + [m.end() for m in _CLAUSE_SEP_RE.finditer(self.masked)]
        self.sentence_ends = [m.end() for m in SENTENCE_END_RE.finditer(self.masked)]
        self.deadlines = [d for d in find_deadlines(text, period) if d.date is not None]
        self.deadline_ends = [d.end for d in self.deadlines]

    def clause_start(self, pos: int) -> int:
        """Where the clause holding ``pos`` starts (after the last ，；。 before it)."""
        return self.clause_starts[bisect.bisect_right(self.clause_starts, pos) - 1]

    def sentence_start(self, pos: int) -> int:
        """Where the sentence holding ``pos`` starts."""
        index = bisect.bisect_right(self.sentence_ends, pos)
        return self.sentence_ends[index - 1] if index > 0 else 0

    def sentence(self, pos: int) -> str:
        """The whole sentence (between 。；！？ or line breaks) that holds ``pos``."""
        index = bisect.bisect_right(self.sentence_ends, pos)
        start = self.sentence_start(pos)
        end = self.sentence_ends[index] if index < len(self.sentence_ends) else len(self.text)
        return self.text[start:end].strip()

    def deadline_for(self, pos: int, default: dt.date | None) -> dt.date | None:
        """A deadline printed earlier in the same clause wins over the measure's deadline."""
        index = bisect.bisect_right(self.deadline_ends, pos) - 1
        if index >= 0 and self.deadlines[index].start >= self.clause_start(pos):
            return self.deadlines[index].date
        return default

    def subject_before(self, pos: int) -> tuple[str, int, bool]:
        """The measured thing printed just before ``pos``, as whole words (see target_subjects).

        Returns the subject, where the target's text starts (at a leading verb if there is one,
        so ``新建社区服务中心10个`` keeps 新建), and whether it is a rate or share (满意度, 覆盖率).
        """
        text, start = self.text, pos
        floor = self.clause_start(pos)
        while start > floor and is_name_char(self.masked[start - 1]):
            start -= 1
        run = _LINK_END_RE.sub("", text[start:pos])  # 比例至30%: 至 links, it names nothing
        subject, cut = strip_subject(run)
        run_start = start + cut
        metric = metric_of(subject)
        if metric is not None:
            start = run_start + metric
            return text[start:pos].rstrip("至到为在"), start, True
        verb = _LONG_VERB_END_RE.search(subject)
        if verb is not None and verb.start() > 0:
            subject = subject[: verb.start()]  # 达到, 实现 … before the number belong to the phrase
        lead = _GOAL_VERB_START_RE.match(subject)
        if lead is not None and lead.end() < len(subject):
            subject = subject[lead.end() :]
        return (subject, run_start, False) if subject else ("", pos, False)

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

    def ends_with(self, pattern: re.Pattern[str], pos: int, width: int = 2) -> re.Match[str] | None:
        """A match of the ``$``-anchored ``pattern`` ending at ``pos`` (within ``width`` characters)."""
        return pattern.search(self.masked, max(0, pos - width), pos)


def find_targets(
    text: str,
    *,
    period: PlanPeriod | None = None,
    deadline: dt.date | None = None,
) -> list[Target]:
    """The quantified aims in ``text`` (a measure, a title or a chapter's text), in printed order.

    ``deadline`` is the deadline of the measure the text belongs to; a target whose own clause
    names a deadline (``3年内聘请100名…``) gets that one instead. Each target keeps the sentence
    it was read from.
    """
    source = _Text(text, period)
    found: list[tuple[int, Target]] = []
    for match in _QTY_RE.finditer(source.masked):
        target = _read_quantity(source, match)
        if target is not None:
            found.append((match.start(), target))
    for match in _CN_QTY_RE.finditer(source.masked):
        value = chinese_numeral_value(match.group("lo"))
        obj = source.object_after(match.end())
        if value is None or not obj or _DURATION_RE.match(obj):
            continue
        low, high = _bounds(float(value), None, match.group("post") or "")
        phrase = text[match.start() : match.end()] + obj
        found.append((match.start(), Target(phrase, obj, low, high, match.group("unit"))))
    for match in _SCALE_RE.finditer(source.masked):
        obj = source.object_after(match.end())
        if obj:
            scale, scale_unit = _SCALE[match.group("scale")]
            phrase = text[match.start() : match.end()] + obj
            found.append((match.start(), Target(phrase, obj, scale, None, scale_unit)))
    found.sort(key=lambda pair: pair[0])
    for pos, target in found:
        target.deadline = source.deadline_for(pos, deadline)
        target.sentence = source.sentence(pos)
    return [target for _, target in found]


def _is_qualifier(source: _Text, match: re.Match[str], head_start: int) -> bool:
    """Whether the number qualifies a noun or names a scope (营收突破10亿元的企业, 围绕8条产业链),
    states what there is already (现有12个地级市) or a grant's amount (给予100万元奖励)."""
    if source.ends_with(_SCOPE_RE, head_start, width=5) is not None:
        return True
    clause_start = source.clause_start(head_start)
    if _STATUS_RE.search(source.masked, clause_start, head_start) is not None:
        return True
    if _STATUS_SENTENCE_RE.search(source.masked, source.sentence_start(head_start), head_start) is not None:
        return True
    bare = match.group("unit")
    if bare == "元" and (
        _GRANT_BEFORE_RE.search(source.masked, clause_start, head_start) is not None
        or _GRANT_AFTER_RE.match(source.masked, match.end()) is not None
    ):
        return True
    if not source.masked.startswith("的", match.end()) or bare in _RATE_SET:
        return False
    if _AIM_NOUN_RE.match(source.masked, match.end()):
        return False
    # a count before 的 is an aim only right after a verb (新增100家以上的企业)
    return bare not in _COUNTER_SET or source.ends_with(_GOAL_VERB_END_RE, head_start) is None


def _read_share(
    source: _Text, match: re.Match[str], low: float | None, high: float | None, *, glued: bool = True
) -> Target | None:
    """A bare share: of something (80%的乡镇, or 80%以上规上工业企业 where nothing is named before it)
    or, if ``glued``, glued to what it measures (政务服务事项100%线上办理)."""
    unit = match.group("unit")
    share = _SHARE_OBJECT_RE.match(source.masked, match.end())
    if share is not None and (share.group("de") or not glued):
        obj = source.text[share.start("obj") : share.end("obj")]
        if _NOT_SHARE_RE.match(obj):
            return None
        return Target(source.text[match.start() : share.end("obj")], obj, low, high, unit)
    verb = _GLUED_RATE_RE.match(source.masked, match.end())
    if verb is None or not glued:
        return None
    subject, text_start, _ = source.subject_before(match.start("lo"))
    if not subject:
        return None
    return Target(source.text[text_start : verb.end()], subject, low, high, unit)


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
    if bare in _MAGNITUDE_SET and not (pre and match.group("mag") is None):
        return None
    if bare in _BOUNDED_SET and not (pre in _LOWER or pre in _UPPER or post in _UPPER or post == "以上"):
        return None
    if post in ("内", "之内") and bare not in _DURATION_SET:
        return None  # only a duration is bounded by a bare 内
    if _is_qualifier(source, match, head_start):
        return None
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
    if bare in _RATE_SET and not subject and _NAME_START_RE.match(source.masked, match.end()):
        return _read_share(source, match, low, high, glued=False)  # 80%以上规上工业企业完成…
    if bare in _RATE_SET and source.masked.startswith("的", match.end()):
        # 接入率低于60%的市州 names which ones (a threshold); 90%以上的县 is a share of them
        return None if is_metric else _read_share(source, match, low, high)
    if bare in _RATE_SET and not (pre or post or is_metric or source.ends_with(_RATE_VERB_RE, head_start)):
        return _read_share(source, match, low, high)  # a bare share (``按30%的比例``) is no aim
    if not subject and not (pre or post or match.group("mag")):
        verb = source.ends_with(_GOAL_VERB_END_RE, head_start)
        if verb is None:
            return None
        text_start = verb.start()
    return Target(text[text_start : match.end()], subject, low, high, unit)
