"""Template helpers for the status lights: a badge readable without colour, reasons as sentences."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

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


@register.simple_tag
def light_badge(light: str, reasons: Any = None) -> SafeString:
    """The light as a coloured badge with a symbol and its word (正常 / 预警 / 严重滞后 / 未评估).

    Written in Python rather than an inclusion template: a list page shows fifty of them.
    """
    value = Light(light if light in Light.values else Light.NONE)
    label = str(value.label)
    title = "；".join(describe(reason) for reason in reasons or [] if isinstance(reason, dict))
    return format_html(
        '<span class="badge text-bg-{} light-badge" data-testid="light-badge" data-light="{}" '
        'aria-label="{}: {}"{}><span aria-hidden="true">{}</span> {}</span>',
        LIGHT_COLOURS[value],
        value.value,
        _("Status light"),
        label,
        format_html(' title="{}"', title) if title else "",
        LIGHT_SYMBOLS[value],
        label,
    )


@register.filter
def light_reason(reason: Any) -> str:
    """A reason of a light as a sentence in the user's language."""
    return describe(reason) if isinstance(reason, dict) else str(reason)


@register.filter
def light_label(light: str) -> str:
    """The word of a light."""
    return str(Light(light).label) if light in Light.values else str(Light.NONE.label)
