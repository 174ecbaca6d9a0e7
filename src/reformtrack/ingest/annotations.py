"""Unit annotations: who leads and who takes part, as printed in a plan.

Plans name the answerable units in a few recurring shapes, and this module reads all of them:

* a bracket with role labels: ``（牵头单位：区发改局、区财政局）``, ``（责任单位：…）``,
  ``（牵头单位：A；配合单位：B）``, ``（牵头部门：…；完成时限：2014年底前）``;
* a bracket with role verbs: ``（省发展改革委牵头，省财政厅配合）``, ``（区教育局负责）``,
  ``（A牵头，B、C按职责分工负责）``, ``（A牵头，B具体实施）``,
  ``（A、B按职责分工负责，列第一的为牵头单位）``;
* a line of its own after an item: ``牵头单位：…``, ``参与单位：…``, ``完成时限：…``.

The label decides the role, not the position: 责任单位 leads alone, but beside a 牵头 label its
units take part. Units keep their printed order and are deduplicated; ``各市、县〔区〕政府`` stays
one unit and ``区委〈政府〉办`` / ``区委(政府)办`` become ``区委（政府）办``. Generic bodies
(``相关部门``, ``各地区``: :mod:`.unit_phrases`) are set apart as ``generic``, never units. Page
furniture (``主办单位：… | 网站地图``) is never an annotation. The deadline of an annotation is
returned as printed; :mod:`.timeframes` resolves it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .first_listed import FIRST_LEADS_NOTE_RE, FIRST_LEADS_RE, peel_first_leads, says_same_below
from .unit_phrases import is_generic, is_page_furniture, peel_generic

__all__ = [
    "Annotation",
    "carries_units",
    "ends_with_annotation",
    "find_annotations",
    "first_listed_leads_from",
    "normalise_unit",
    "open_bracket",
    "parse_annotation_line",
    "read_units",
    "split_units",
    "starts_with_annotation",
    "strip_annotations",
]


@dataclass(frozen=True)
class Annotation:
    """One annotation found in a piece of text.

    ``start``/``end`` are offsets into the string that was searched; ``lead_units`` and
    ``co_units`` are cleaned unit names in printed order; ``deadline_text`` is a 时限 as printed;
    ``generic`` the generic bodies named beside them (``相关部门``, ``各地区``: a note, no units);
    ``lead_by_label`` whether the lead was named by a 牵头 label, verb or mark (not only 责任单位).
    """

    start: int
    end: int
    lead_units: tuple[str, ...] = ()
    co_units: tuple[str, ...] = ()
    deadline_text: str = ""
    generic: tuple[str, ...] = ()
    lead_by_label: bool = False

    @property
    def has_units(self) -> bool:
        """Whether the annotation names at least one unit."""
        return bool(self.lead_units or self.co_units)

    @property
    def names_no_body(self) -> bool:
        """Whether the annotation names no one in particular to lead, only generic bodies
        (``相关部门及各地区按职责分工负责``, ``相关部门牵头，区财政局配合``)."""
        return bool(self.generic) and not self.lead_units


# Role labels. Longer labels come first so that 牵头单位 wins over the bare 牵头.
# The label decides the role: 责任单位 leads when it is the only label, but beside a 牵头 label
# (``（牵头单位：X，责任单位：Y）``) its units only take part.
_LEAD_ROLES = ("牵头单位", "牵头部门", "牵头处室", "牵头")
_DUTY_ROLES = ("责任单位", "责任部门", "主责单位", "主责部门")
_CO_ROLES = (
    "配合单位",
    "配合部门",
    "参与单位",
    "参与部门",
    "协办单位",
    "协办部门",
    "协同单位",
    "协助单位",
    "配合",
    "参与",
)
_DEADLINE_ROLES = ("完成时限", "完成时间", "时间节点", "时限要求", "完成期限", "时限")
# Named people are not units; their groups are read and dropped.
_IGNORED_ROLES = ("责任领导", "牵头领导", "分管领导", "联系领导", "责任人")

_ROLE_KIND = {
    **dict.fromkeys(_LEAD_ROLES, "lead"),
    **dict.fromkeys(_DUTY_ROLES, "duty"),
    **dict.fromkeys(_CO_ROLES, "co"),
    **dict.fromkeys(_DEADLINE_ROLES, "deadline"),
    **dict.fromkeys(_IGNORED_ROLES, "ignore"),
}
_ROLE_RE = re.compile(
    "(?P<role>" + "|".join(sorted(map(re.escape, _ROLE_KIND), key=len, reverse=True)) + r")[^\S\n]*[：:]"
)

# A bracket that may hold an annotation, allowing one level of nested brackets inside
# (``（牵头单位：区委（政府）办）``). 【】 are accepted because some portals print them.
_BRACKET_RE = re.compile(r"[（(【](?P<body>[^（）()【】]*(?:[（(][^（）()【】]*[）)][^（）()【】]*)*)[）)】]")

# Verb form: every comma-separated part ends in a role verb.
_VERB_PART_RE = re.compile(
    r"^(?:由)?(?P<units>.+?)(?:等)?"
    r"(?P<verb>牵头(?:负责)?|(?:按(?:照)?职责(?:分工)?|按职能(?:分工)?|分工|共同|分别|具体|配合)?负责"
    r"|(?:具体|组织|负责)(?:实施|落实)|配合(?:落实)?|参与|协办|协助|协同)$"
)
# What a unit name ends with; a verb-form bracket naming nothing like a unit is ordinary text
# (``（法官独立办案和直接负责）``).
_UNIT_END_RE = re.compile(
    r"(?:[局委办部厅院会府处室站所心司团道区县市镇乡门位构组队社馆校行台署]|政府[）)]?|企业)$"
)
# A part of an annotation that states a deadline (``2014年底前完成``).
_DEADLINE_PART_RE = re.compile(r"(?:\d{4}年|年内|年底|季度|半年|月底|长期|持续)")

# Unit lists: separators at bracket depth 0; the brackets themselves are masked first.
_UNIT_BRACKET_RE = re.compile(r"[（(〔\[［【〈<][^（()）〔〕\[\]［］【】〈〉<>]{0,40}[）)〕\]］】〉>]")
_UNIT_SEP_RE = re.compile(r"[、，,；;]+")
_SPACE_RE = re.compile(r"\s+")
# A bare administrative level (``各市``, ``县``) cannot be a unit: it belongs to the next part,
# as in ``各市、县〔区〕政府``.
_BARE_LEVEL_RE = re.compile(r"^各?[省市县区乡镇州盟旗]$")
_TRAILING_ETC_RE = re.compile(r"(?:等(?:相关|有关)?(?:单位|部门)?|按职责分工负责|按职责负责)$")
_LEADING_NOISE_RE = re.compile(r"^(?:由|和|及|以及)")
_LEAD_MARK_RE = re.compile(r"[（(]牵头[）)]$")
_CO_MARK_RE = re.compile(r"[（(](?:配合|参与|协办)[）)]$")
# A generic phrase that only repeats the kind of body (``X等单位``) says nothing worth a note.
_BARE_KIND = frozenset(("单位", "部门", "相关单位", "有关单位"))
_EDGE_PUNCT = " \t\u3000。．.，,；;：:、"
_ROUND_OPEN = str.maketrans({"〈": "（", "(": "（", "<": "（", "[": "〔", "［": "〔"})
_ROUND_CLOSE = str.maketrans({"〉": "）", ")": "）", ">": "）", "]": "〕", "］": "〕"})


def _tidy_unit(name: str) -> str:
    name = _SPACE_RE.sub("", name).strip(_EDGE_PUNCT)
    name = name.translate(_ROUND_OPEN).translate(_ROUND_CLOSE)
    return _LEADING_NOISE_RE.sub("", name)


def normalise_unit(name: str) -> str:
    """Clean one unit name: no spaces, round brackets full-width, no trailing ``等``.

    ``区委〈政府〉办`` and ``区委(政府)办`` both become ``区委（政府）办``; ``〔区〕`` is kept.
    """
    return _strip_etc(_tidy_unit(name))


def _strip_etc(name: str) -> str:
    stripped = _TRAILING_ETC_RE.sub("", name)
    # Keep ``等`` when dropping it would leave nothing of the name.
    return stripped if len(stripped) >= 2 else name


def _split_parts(value: str) -> list[str]:
    masked = _UNIT_BRACKET_RE.sub(lambda m: "＿" * len(m.group()), value)
    seps = [m.span() for m in _UNIT_SEP_RE.finditer(masked)]
    if not seps:
        # Only spaces can separate; but a stray space inside one name (``区 发改局``) must not,
        # so split on spaces only when every piece is long enough to be a name.
        inner = [m.span() for m in _SPACE_RE.finditer(masked) if m.start() > 0 and m.end() < len(masked)]
        pieces = _SPACE_RE.split(masked.strip())
        if len(pieces) > 1 and all(len(p) >= 2 for p in pieces):
            seps = inner
    spans: list[tuple[int, int]] = []
    pos = 0
    for start, end in seps:
        spans.append((pos, start))
        pos = end
    spans.append((pos, len(value)))
    merged: list[str] = []
    carry = ""
    for a, b in spans:
        clean = _SPACE_RE.sub("", value[a:b]).strip(_EDGE_PUNCT)
        if not clean:
            continue
        if _BARE_LEVEL_RE.match(clean):
            carry = f"{carry}{clean}、"
            continue
        merged.append(carry + clean)
        carry = ""
    if carry:
        merged.append(carry.rstrip("、"))
    return merged


def split_units(value: str) -> list[str]:
    """Split a printed unit list into unit names, in printed order and deduplicated.

    Separators are ``、``, ``，``, ``,``, ``；`` and ``;`` outside brackets; when a list has none of
    them, runs of spaces separate units (tables pasted as text do that). Generic bodies are kept
    here as printed; :func:`read_units` sets them apart.
    """
    # dict keeps the first occurrence in printed order and dedupes in linear time.
    return list(dict.fromkeys(unit for unit in map(normalise_unit, _split_parts(value)) if unit))


def read_units(value: str) -> tuple[list[str], list[str]]:
    """A printed unit list as (unit names, generic phrases), each in printed order, deduplicated.

    ``省发展改革委及各地区、省有关部门`` → ([``省发展改革委``], [``各地区``, ``省有关部门``]).
    """
    units: list[str] = []
    generic: list[str] = []
    for part in _split_parts(value):
        name, phrases = peel_generic(_tidy_unit(part))
        generic.extend(p for p in phrases if p not in _BARE_KIND)
        unit = _strip_etc(name) if name else ""  # tidied before peeling
        if unit and is_generic(unit):
            generic.append(unit)
        elif unit:
            units.append(unit)
    return list(dict.fromkeys(units)), list(dict.fromkeys(generic))


def _dedupe(units: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(units))


@dataclass
class _Roles:
    """What one annotation's content names, before it becomes an :class:`Annotation`."""

    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    deadline: str = ""
    generic: list[str] = field(default_factory=list)
    by_label: bool = False

    def __bool__(self) -> bool:
        return bool(self.lead or self.co or self.deadline or self.generic)

    def annotation(self, start: int, end: int) -> Annotation:
        return Annotation(
            start,
            end,
            _dedupe(self.lead),
            _dedupe(self.co),
            self.deadline,
            _dedupe(self.generic),
            self.by_label,
        )


def _parse_role_groups(content: str) -> _Roles | None:
    """Read ``牵头单位：A；配合单位：B；完成时限：C``; None if ``content`` does not start with a role."""
    matches = list(_ROLE_RE.finditer(content))
    if not matches or content[: matches[0].start()].strip(_EDGE_PUNCT):
        return None
    roles = _Roles()
    kinds = {_ROLE_KIND[match.group("role")] for match in matches}
    for i, match in enumerate(matches):
        value_end = matches[i + 1].start() if i + 1 < len(matches) else len(content)
        value = content[match.end() : value_end].strip(_EDGE_PUNCT)
        kind = _ROLE_KIND[match.group("role")]
        if kind == "deadline":
            roles.deadline = roles.deadline or value
        if kind not in ("lead", "duty", "co"):
            continue
        value, first_leads = peel_first_leads(value)
        units, generic = read_units(value)
        roles.generic.extend(generic)
        # ``责任单位：A（牵头）、B``: the marked unit leads, the others take part.
        marked = [u for u in units if _LEAD_MARK_RE.search(u)]
        if first_leads and kind != "co" and not marked:
            # ``责任单位：A、B，列第一位的为牵头单位``: the plan's own rule decides the roles
            roles.lead.extend(units[:1])
            roles.co.extend(units[1:])
            roles.by_label = True
        elif marked:
            roles.lead.extend(_LEAD_MARK_RE.sub("", u) for u in marked)
            roles.co.extend(_CO_MARK_RE.sub("", u) for u in units if u not in marked)
            roles.by_label = True
        elif kind == "lead" or (kind == "duty" and "lead" not in kinds):
            roles.lead.extend(units)
            roles.by_label = roles.by_label or kind == "lead"
        else:
            roles.co.extend(units)
    return roles


def _verb_parts(content: str) -> list[str]:
    masked = _UNIT_BRACKET_RE.sub(lambda m: "＿" * len(m.group()), content)
    bounds = [0]
    for sep in re.finditer(r"[，,；;]", masked):
        bounds.extend((sep.start(), sep.end()))
    bounds.append(len(content))
    parts = [content[bounds[i] : bounds[i + 1]].strip(_EDGE_PUNCT) for i in range(0, len(bounds), 2)]
    return [p for p in parts if p]


def _parse_verb_form(content: str) -> _Roles | None:
    """Read ``A牵头，B配合`` / ``A负责``; None unless every part ends in a role verb or is a deadline."""
    parts = _verb_parts(content)
    if not parts:
        return None
    groups: list[tuple[str, list[str]]] = []
    result = _Roles()
    first_leads = False
    for part in parts:
        match = _VERB_PART_RE.match(part)
        units, generic = read_units(match.group("units")) if match and "。" not in part else ([], [])
        if (units or generic) and all(len(u) <= 30 for u in units) and match:
            groups.append((match.group("verb"), units))
            result.generic.extend(generic)
        elif FIRST_LEADS_RE.match(part) and not first_leads:
            first_leads = True
        elif first_leads and says_same_below(part):
            continue  # 下同: the rule holds for later brackets too (first_listed_leads_from)
        elif _DEADLINE_PART_RE.search(part) and len(part) <= 20 and not result.deadline:
            result.deadline = part
        else:
            return None
    # At least one name must look like a unit, or this is a sentence that happens to end in 负责.
    names = [unit for _, units in groups for unit in units]
    if not result.generic and not any(_UNIT_END_RE.search(name) for name in names):
        return None
    has_lead_verb = any(verb.startswith("牵头") for verb, _ in groups)
    for verb, units in groups:
        if verb.startswith("牵头") or (not has_lead_verb and verb.endswith(("负责", "实施", "落实"))):
            result.lead.extend(units)
        else:
            result.co.extend(units)
    result.by_label = has_lead_verb
    if first_leads and not has_lead_verb and result.lead:
        result.co[:0] = result.lead[1:]
        del result.lead[1:]
        result.by_label = True
    return result


def _parse_content(content: str) -> _Roles | None:
    if is_page_furniture(content):
        return None
    return _parse_role_groups(content) or _parse_verb_form(content)


def find_annotations(text: str) -> list[Annotation]:
    """Every bracketed annotation in ``text``, in printed order.

    Brackets that hold something else (``（2012—2022年）``, ``（即党政人才、…）``) are skipped.
    """
    found: list[Annotation] = []
    for match in _BRACKET_RE.finditer(text):
        body = match.group("body")
        # Cheap pre-check: every annotation names a role or a role verb.
        if not any(word in body for word in ("单位", "部门", "牵头", "负责", "配合", "参与", "协", "时限")):
            continue
        parsed = _parse_content(body)
        if parsed:
            found.append(parsed.annotation(match.start(), match.end()))
    return found


def parse_annotation_line(line: str) -> Annotation | None:
    """Read a line that is only an annotation: ``牵头单位：…``, ``完成时限：…`` or ``（牵头单位：…）``.

    Returns None for any line that carries other text as well.
    """
    stripped = line.strip(_EDGE_PUNCT)
    if not stripped:
        return None
    if is_page_furniture(stripped):
        return None
    parsed = _parse_role_groups(stripped)
    if parsed is not None:
        return parsed.annotation(0, len(line)) if parsed else None
    inline = find_annotations(line)
    if inline and not strip_annotations(line, inline).strip(_EDGE_PUNCT):
        return Annotation(
            0,
            len(line),
            _dedupe([u for a in inline for u in a.lead_units]),
            _dedupe([u for a in inline for u in a.co_units]),
            next((a.deadline_text for a in inline if a.deadline_text), ""),
            _dedupe([g for a in inline for g in a.generic]),
            any(a.lead_by_label for a in inline),
        )
    return None


def strip_annotations(text: str, annotations: list[Annotation] | None = None) -> str:
    """``text`` without its bracketed annotations."""
    if annotations is None:
        annotations = find_annotations(text)
    if not annotations:
        return text
    pieces: list[str] = []
    pos = 0
    for ann in annotations:
        pieces.append(text[pos : ann.start])
        pos = ann.end
    pieces.append(text[pos:])
    return "".join(pieces)


def carries_units(text: str) -> bool:
    """Whether a paragraph holds text of its own and an annotation naming units.

    Such an unnumbered paragraph is a project of its own when no open item claims it.
    """
    annotations = [a for a in find_annotations(text) if a.has_units]
    return bool(annotations) and bool(strip_annotations(text, annotations).strip(_EDGE_PUNCT))


def ends_with_annotation(text: str) -> bool:
    """Whether ``text`` ends with an annotation (trailing punctuation aside): the item is complete."""
    stripped = text.rstrip(_EDGE_PUNCT)
    if not stripped.endswith(("）", ")", "】")):
        return False
    annotations = find_annotations(stripped)
    return bool(annotations) and annotations[-1].end == len(stripped)


# The opening of an annotation: a role label, or a unit list running into a role verb.
_UNIT_LABELS = (*_LEAD_ROLES, *_DUTY_ROLES, *_CO_ROLES, *_DEADLINE_ROLES)
_OPENING_RE = re.compile(
    r"^\s*(?:"
    + "|".join(sorted(map(re.escape, _UNIT_LABELS), key=len, reverse=True))
    + r"|[^。（）()]{2,40}?(?:牵头|负责|配合))"
)
_OPEN_TAIL_MAX = 60
# A bracket open at the end, with closed brackets (one level) inside: （牵头单位：区委（政府）办、
_OPEN_AT_END_RE = re.compile(r"[（(【](?:[^（()）【】]|[（(【][^（()）【】]*[）)】])*$")
_LABEL_END_RE = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, _UNIT_LABELS), key=len, reverse=True)) + r")\s*[：:]$"
)


def _opening(tail: str) -> bool:
    if len(tail) > _OPEN_TAIL_MAX:
        return False
    # A bracket left open with nothing after it, or broken inside its label (``（责任单``), goes on
    # below just the same.
    if not tail or any(label.startswith(tail) for label in _UNIT_LABELS):
        return True
    return bool(_OPENING_RE.match(tail))


def opens_annotation(line: str) -> bool:
    """Whether ``line`` ends inside an annotation: a ``（`` with a unit label left open.

    ``…推进改革。（责任单位：`` does, and so do ``（省发展改革委牵头，``, ``（责任单``, a bare ``（``
    and a label line with nothing after its colon (``牵头单位：``);
    a bracket of other words, a closed one or a long open tail (a sentence, not a broken
    annotation) does not.
    """
    if _LABEL_END_RE.search(line[-12:]):
        return True  # 牵头单位： at the end, bracketed or not: its units are on the next line
    pos = open_bracket(line)
    return pos >= 0 and _opening(line[pos + 1 :].strip())


def open_bracket(line: str) -> int:
    """Where the bracket left open at the end of ``line`` starts, or -1: none, or too far back.

    An opening further back than the longest annotation's tail does not count, so this looks no
    further (PDF rows ask it of a growing paragraph, which must stay linear).
    """
    match = _OPEN_AT_END_RE.search(line, max(len(line) - _OPEN_TAIL_MAX - 1, 0))
    return match.start() if match else -1


def starts_with_annotation(text: str) -> bool:
    """Whether ``text`` opens with a bracketed annotation (``（国家发展改革委牵头，…）…``)."""
    match = _BRACKET_RE.match(text)
    return match is not None and bool(_parse_content(match.group("body")))


def first_listed_leads_from(text: str) -> int | None:
    """Where in ``text`` the rule that the unit listed first leads starts to hold: 0 when it is said
    outside any annotation (for the whole plan), the offset of the rule when a bracket says it with
    ``下同`` (for that bracket and the later ones), None when the plan does not say it. Said in
    one bracket without ``下同`` it holds for that bracket only (:func:`_parse_verb_form`)."""
    for match in FIRST_LEADS_NOTE_RE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if open_bracket(text[line_start : match.start()]) < 0:
            return 0
        # ``（责任单位：A、B，列第一位的为牵头单位，下同）``: said once, for the rest of the plan
        close = re.search(r"[）)】\n]", text[match.end() :])
        rest = text[match.end() : match.end() + close.start()] if close else text[match.end() :]
        if says_same_below(rest):
            return match.start()
    return None
