"""Template helpers for the status lights: a badge readable without colour, reasons as sentences."""

from __future__ import annotations

from typing import Any

from django import template

from reformtrack.ledger.choices import Light

from ..reasons import describe

register = template.Library()

# Bootstrap colour of each light; the badge also carries the word, so colour is never the only sign.
LIGHT_COLOURS = {
    Light.GREEN: "success",
    Light.YELLOW: "warning",
    Light.RED: "danger",
    Light.NONE: "secondary",
}
LIGHT_SYMBOLS = {Light.GREEN: "●", Light.YELLOW: "▲", Light.RED: "■", Light.NONE: "○"}


@register.inclusion_tag("status/includes/light_badge.html")
def light_badge(light: str, reasons: Any = None) -> dict[str, Any]:
    """The light as a coloured badge with a symbol and its word (正常 / 预警 / 逾期 / 未评估)."""
    value = light if light in Light.values else Light.NONE
    label = str(Light(value).label)
    title = "；".join(describe(reason) for reason in reasons or [] if isinstance(reason, dict))
    return {
        "light": value,
        "label": label,
        "colour": LIGHT_COLOURS[Light(value)],
        "symbol": LIGHT_SYMBOLS[Light(value)],
        "title": title,
    }


@register.filter
def light_reason(reason: Any) -> str:
    """A reason of a light as a sentence in the user's language."""
    return describe(reason) if isinstance(reason, dict) else str(reason)


@register.filter
def light_label(light: str) -> str:
    """The word of a light."""
    return str(Light(light).label) if light in Light.values else str(Light.NONE.label)
