"""The plan's rule that the unit listed first leads: ``列第一位的为牵头单位`` and ``下同``.

Plans print one list of answerable units and say once which of them leads:
``（A、B按职责分工负责，列第一的为牵头单位）`` for one bracket,
``（责任单位：A、B，列第一位的为牵头单位，下同）`` for that bracket and every later one ("the same
below"), or a sentence of the preamble (``各项任务中，列第一位的为牵头单位``) for the whole plan.
"""

from __future__ import annotations

import re

__all__ = ["FIRST_LEADS_NOTE_RE", "FIRST_LEADS_RE", "peel_first_leads", "says_same_below"]

# One part of an annotation that states the rule: ``列第一的为牵头单位``.
FIRST_LEADS_RE = re.compile(
    r"^[排列在名居首]{0,3}第一(?:位|个|家)?(?:的|者)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)$"
)
# The rule said anywhere in running text: 各项任务中排在第一位的为牵头单位.
FIRST_LEADS_NOTE_RE = re.compile(
    r"[排列]在?第一(?:位|个|家)?(?:的|者)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)"
)
_SAME_BELOW = frozenset(("下同", "以下同", "下文同"))
# Commas inside a unit's own brackets (``区委（政府）办``) do not separate parts.
_BRACKETED_RE = re.compile(r"[（(〔【][^（()）〔〕【】]{0,40}[）)〕】]")
_PART_SEP_RE = re.compile(r"[，,；;]")
_EDGE = " \t\u3000。．.，,；;：:、"


def _parts(value: str) -> list[tuple[int, int]]:
    masked = _BRACKETED_RE.sub(lambda m: "＿" * len(m.group()), value)
    bounds = [0, *(i for sep in _PART_SEP_RE.finditer(masked) for i in sep.span()), len(value)]
    return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]


def peel_first_leads(value: str) -> tuple[str, bool]:
    """A role's value without its rule parts (``A、B，列第一位的为牵头单位，下同`` → ``A、B``), and
    whether they said that the unit listed first leads."""
    kept: list[str] = []
    first_leads = peeled = False
    for start, end in _parts(value):
        part = value[start:end].strip(_EDGE)
        if FIRST_LEADS_RE.match(part):
            first_leads = peeled = True
        elif part in _SAME_BELOW:
            peeled = True
        elif part:
            kept.append(part)
    return ("，".join(kept) if peeled else value), first_leads


def says_same_below(rest: str) -> bool:
    """Whether ``rest``, the annotation's text after the rule, carries it on with ``下同``."""
    return any(rest[start:end].strip(_EDGE) in _SAME_BELOW for start, end in _parts(rest))
