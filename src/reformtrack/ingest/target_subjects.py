"""What a target measures or counts (its subject), read as whole words, and the sentence it sits in.

A subject printed before the number (``城镇调查失业率控制在5.5%以内``) is the run of name
characters between the clause's start and the number, never a fixed count of characters: a fixed
window cut words in two (进制造业… for 推进制造业…). Leading phrases that name no thing (到2025年,
力争, 全市) are dropped, and where the run holds a verb of action (推进, 加快, 实现) the subject
starts after the last one, so ``大力推进制造业数字化转型项目完成300个`` counts 制造业数字化转型项目.
These are rules over verbs and punctuation: a word segmenter's dictionary would cost a second to
load on every parse.
"""

from __future__ import annotations

import re

__all__ = ["SENTENCE_END_RE", "is_name_char", "metric_of", "strip_subject"]

# Characters that can be part of a subject; ＿ and quotes are what masking leaves of a quoted name
# (国家级专精特新“小巨人”企业).
_NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9＿“”]")
# Leading phrases that name no thing: a year, a resolve, the whole area.
_LEAD_NOISE_RE = re.compile(  # used with .match(run, pos): anchored at pos, so no ^
    r"(?:(?:到|至|在)?\d{4}年(?:底|末|前)?|力争|确保|争取|全区|全市|全省|全县|全镇|本市|本区|"
    r"全国|每年|累计|使|让|将|到|至|其中|同时|并|和|及|以及)+"
)
# Verbs of action after which a subject starts: the thing after the last of them is what is
# counted or measured. A verb at the very end of the run is the predicate (增长, 压减) and stays.
_ACTION_VERB_RE = re.compile(
    r"推进|推动|加快|实现|建立|完善|开展|支持|鼓励|引导|促进|加强|深化|围绕|通过|依托|发展|"
    r"提升|提高|扩大|落实|组织|全面|大力|积极|着力|持续|进一步"
)
# The measured thing before a rate: 满意度, 覆盖率, 就业率, 即办件比例 …
_METRIC_END_RE = re.compile(r"(?:满意度|满意率|率|比例|比重|占比|覆盖面)$")
# Words inside a rate's name run that are not part of the name: the name starts after the last.
# (增加值 is a name: 增加 before 值 is no verb)
_METRIC_NOISE_RE = re.compile(r"提高|提升|降低|增加(?!值)|实现|确保|力争|保持|使|让|将|的|是")
SENTENCE_END_RE = re.compile(r"[。；;！？!?\n]")


def is_name_char(char: str) -> bool:
    """Whether ``char`` can be part of a subject (a Han character, a letter, a digit, a masked quote)."""
    return bool(_NAME_CHARS.match(char))


def strip_subject(run: str) -> tuple[str, int]:
    """``run`` without its leading noise and without what comes before its last action verb.

    Returns the subject and how many characters were cut from the run's start.
    """
    cut = 0
    noise = _LEAD_NOISE_RE.match(run)
    if noise is not None:
        cut = noise.end()
    if cut == len(run):
        return "", cut  # 全市 alone names no thing
    last = max((m.end() for m in _ACTION_VERB_RE.finditer(run, cut) if m.end() < len(run)), default=cut)
    cut = max(cut, last)
    noise = _LEAD_NOISE_RE.match(run, cut)
    if noise is not None:
        if noise.end() == len(run):
            return "", len(run)
        cut = noise.end()
    return run[cut:], cut


def metric_of(run: str) -> int | None:
    """Where the rate or share named at the end of ``run`` starts (满意度, 即办件比例), or ``None``."""
    if _METRIC_END_RE.search(run) is None:
        return None
    if run.endswith(("满意度", "满意率")):
        return len(run) - 3  # the indicator's own name; whose satisfaction is the sentence's to say
    return max((m.end() for m in _METRIC_NOISE_RE.finditer(run, 0, len(run) - 1)), default=0)
