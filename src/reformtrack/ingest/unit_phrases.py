"""Words around unit names that are no units: generic bodies and page furniture.

Plans often name, beside the answerable units, bodies that no one can be held to:
``相关部门``, ``省有关部门``, ``各地区``, ``各县（市、区）``, often glued onto a real name
(``省发展改革委及各地区``, ``省科技厅等相关部门``, ``省工业和信息化厅等省级相关部门``).
:func:`peel_generic` takes such a printed name apart into the unit it names (if any) and the
generic phrases, which are kept as a note on the item, never as a unit.

Web pages and scraped text also carry page furniture (``主办单位：某市人民政府办公厅 | 网站地图``):
:func:`is_page_furniture` tells such a line, which is never an annotation, an item or a measure.
"""

from __future__ import annotations

import re

__all__ = ["is_generic", "is_page_furniture", "peel_generic"]

# A body by level and kind only, no name: 相关部门, 省有关部门, 省直有关单位, 各相关单位, 各级各部门.
_LEVEL = (
    r"(?:省|市|区|县|州|省直|市直|区直|县直|省级|市级|区级|县级|中央|国家|各级|国务院"
    r"|省政府|市政府|区政府|县政府|省委|市委|区委|县委)"
)
_KIND = r"(?:部门|单位|地区|地方|机构|部门和单位|单位和部门|成员单位)"
_GENERIC_BODY = rf"{_LEVEL}?(?:各)?(?:其他)?(?:相关|有关)?(?:职能)?{_KIND}"
# Every administrative area of a level at once: 各地, 各区, 各县（市、区）, 各街道, 各乡镇.
_AREA = r"[（〔(][市区县、]+[）〕)]"
_GENERIC_AREA = (
    rf"各(?:地|地区|地方|地市|市县|县区|区县|市|区|县|县{_AREA}|市{_AREA}|街道|镇街|乡镇|镇{_AREA}"
    r"|乡镇（街道）|镇（街道）|园区|开发区)"
    r"|各?(?:相关|有关)(?:地市|市县|县区|区县|市|区|县|街道|镇街|乡镇|园区)"
)
_GENERIC = rf"(?:{_GENERIC_BODY}|{_GENERIC_AREA})"
# Runs of them, joined or not: 相关部门及各地区, 各地区各部门.
_GENERIC_RE = re.compile(rf"^(?:{_GENERIC})(?:(?:及|以及|和|与|、)?{_GENERIC})*$")
# Every generic phrase ends in one of these.
_GENERIC_HINT_RE = re.compile(r"[门位区方构地县市街道镇）〕)]$")
# ``X及各地区``: a generic tail joined to a name by a conjunction.
_JOINED_TAIL_RE = re.compile(rf"(?:及|以及|和|与)(?P<tail>{_GENERIC}(?:(?:及|以及|和|与){_GENERIC})*)$")
# ``X等相关部门``, ``X等省级相关部门``, ``X等单位``: the name before 等 is the unit.
_ETC_TAIL_RE = re.compile(rf"等(?P<tail>{_GENERIC})$")

# Page furniture: the site's owner, map, contacts, registration numbers. 主办单位/承办单位/技术支持
# are furniture only where a line opens with them (a plan may 强化技术支持：…), the others anywhere.
_FURNITURE_RE = re.compile(
    r"网站地图|联系我们|ICP\s*备|ICP\s*证|版权所有|网站标识码|公网安备|Copyright|©"
    r"|^\W*(?:主办单位|承办单位|主办|承办|技术支持)\s*[：:]",
    re.IGNORECASE,
)
# Furniture lines are short; a long paragraph mentioning 联系我们 is text.
_FURNITURE_MAX = 160


def is_generic(name: str) -> bool:
    """Whether ``name`` names no body in particular (``相关部门``, ``省有关部门``, ``各县（市、区）``)."""
    return bool(_GENERIC_RE.match(name))


def peel_generic(name: str) -> tuple[str, list[str]]:
    """Split a printed unit name into the unit it names (``""`` if none) and its generic phrases.

    ``省发展改革委及各地区`` → (``省发展改革委``, [``各地区``]); ``省科技厅等相关部门及各地区`` →
    (``省科技厅``, [``相关部门``, ``各地区``]); ``省有关部门`` → (``""``, [``省有关部门``]).
    """
    if not _GENERIC_HINT_RE.search(name):
        return name, []  # most names: nothing generic in them at all
    phrases: list[str] = []
    if is_generic(name):
        return "", [name]
    joined = _JOINED_TAIL_RE.search(name)
    if joined and joined.start() >= 2:
        phrases.insert(0, joined.group("tail"))
        name = name[: joined.start()]
    etc = _ETC_TAIL_RE.search(name)
    if etc and etc.start() >= 2:
        phrases.insert(0, etc.group("tail"))
        name = name[: etc.start()]
    return name, phrases


def is_page_furniture(line: str) -> bool:
    """Whether ``line`` is a web page's furniture (footer, registration, site map), not plan text."""
    return len(line) <= _FURNITURE_MAX and bool(_FURNITURE_RE.search(line))
