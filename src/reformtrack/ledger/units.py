"""Unit names: the normal form the registry matches on, and a guess of a unit's kind from its name.

Plain Python, no database: the service and the admin both use it.
"""

from __future__ import annotations

import re
import unicodedata

from .choices import UnitKind

# white space and control characters (a line break or a NUL inside a name is never part of it)
_SPACE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# Separators and stray punctuation that parsing can leave at either end of a name.
_EDGE_PUNCTUATION = "、，,；;。.：:“”\"'‘’·-—"
# Brackets print in many shapes: 区委（政府）办, 区委(政府)办, 区委〈政府〉办 are one unit.
_BRACKETS = str.maketrans(
    {"(": "（", ")": "）", "〈": "（", "〉": "）", "[": "（", "]": "）", "【": "（", "】": "）"}
)


def normalise_unit_name(name: str) -> str:
    """The form a unit name is stored and matched in.

    NFKC folds full-width letters and digits; whitespace and control characters go (``区 文明办``
    is ``区文明办``); brackets become full-width round ones; separators left at either end are dropped.
    """
    text = unicodedata.normalize("NFKC", name)
    text = _SPACE.sub("", text).translate(_BRACKETS)
    return text.strip(_EDGE_PUNCTUATION)


# Checked in order: the first rule that matches decides. Order matters: 团区委 is a mass organisation
# although it contains 区委; 各相关街道办事处 is a collective although it names street offices.
_KIND_RULES: list[tuple[UnitKind, re.Pattern[str]]] = [
    (UnitKind.COLLECTIVE, re.compile(r"^各|相关单位$|有关单位$|各单位$|成员单位$")),
    (UnitKind.CONGRESS, re.compile(r"人大|政协")),
    (UnitKind.JUDICIAL, re.compile(r"法院$|检察院$")),
    (UnitKind.MASS_ORGANISATION, re.compile(r"团区委|工会$|妇联$|残联$|科协$|侨联$|工商联$|文联$|红十字会$")),
    (UnitKind.CITY_BRANCH, re.compile(r"分局$|^市|支队$|大队$")),
    (UnitKind.COMMUNITY, re.compile(r"社区|居委会$|工作站$")),
    (UnitKind.STREET, re.compile(r"街道(办事处|办)?$")),
    (UnitKind.PARTY, re.compile(r"^区委|部$|纪委$|政法委$|工委$|编办$|党校$|文明办$")),
    (UnitKind.GOVERNMENT, re.compile(r"(局|办|委|中心|政府|办公室)$")),
]


def guess_unit_kind(name: str) -> UnitKind:
    """Guess what sort of body a unit is from the ending of its (normalised) name; ``OTHER`` if unsure."""
    normal = normalise_unit_name(name)
    for kind, pattern in _KIND_RULES:
        if pattern.search(normal):
            return kind
    return UnitKind.OTHER
