"""A frozen result as the pages and the exports show it: each component's name, weight, score, rule
with the unit's counts, and its data rows in words (no query: everything is in the result)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from .components import REGISTRY, Component
from .models import Result


@dataclass
class ShownComponent:
    """One component of one result, ready to show."""

    key: str
    name: str
    weight: int
    score: Decimal
    weighted: Decimal
    rule: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def _cell(component: Component, value: Any) -> str:
    if value is None or value == "":
        return "—"
    text = str(value)
    state = component.states.get(text)
    return str(state) if state is not None else text


def shown_components(result: Result) -> list[ShownComponent]:
    """The result's components in the registry's order, rows in words."""
    shown = []
    for entry in result.components:
        component = REGISTRY.get(entry["key"])
        if component is None:  # a component removed since: show what was frozen, by its key
            component = Component(key=entry["key"], name=entry["key"], rule=_("(no rule recorded)"))  # type: ignore[arg-type]
        shown.append(
            ShownComponent(
                key=component.key,
                name=str(component.name),
                weight=int(entry["weight"]),
                score=Decimal(entry["score"]),
                weighted=Decimal(entry["weighted"]),
                rule=component.explain(entry["raw"]),
                columns=[str(column) for column in component.columns],
                rows=[[_cell(component, value) for value in row] for row in entry["rows"]],
            )
        )
    return shown


def score_of(result: Result, key: str) -> Decimal | None:
    """The result's score (0–100) in one component, ``None`` when it was not counted."""
    for entry in result.components:
        if entry["key"] == key:
            return Decimal(entry["score"])
    return None
