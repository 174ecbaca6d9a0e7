"""Template helpers of the ledger pages: progress bars, status colours, the nav's permission check."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from reformtrack.accounts import permissions
from reformtrack.core import numbers
from reformtrack.core.change_reasons import record_reason
from reformtrack.core.positions import left_class, width_class
from reformtrack.ledger.reasons import note_text, reason_text

register = template.Library()

# Bootstrap colour of each Project.status value.
STATUS_COLOURS = {
    "not_started": "secondary",
    "in_progress": "primary",
    "completed": "success",
    "suspended": "warning",
}


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, number: int, param: str = "") -> str:
    """The current page's address with page ``number`` in ``param`` (default ``page``): a page
    with two paginated tables (a unit's projects led and taken part in) pages each on its own."""
    query = context["request"].GET.copy()
    query[param or "page"] = str(number)
    return f"?{query.urlencode()}"


@register.simple_tag
def can_manage_programme(user: AbstractBaseUser | AnonymousUser | str) -> bool:
    """The coordinating office's powers, for showing links (the views check again)."""
    if isinstance(user, str):  # no user in the context (the 500 page)
        return False
    return permissions.can_manage_programme(user)


@register.simple_tag
def progress_bar(value: Any, label: str = "") -> SafeString:
    """A labelled progress bar of 0–100, with the number as text so it reads without colour or CSS.

    Written in Python rather than an inclusion template: a list page shows fifty of them.
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = 0.0
    number = max(0.0, min(100.0, number))
    shown = f"{number:.0f}" if number == int(number) else f"{number:.1f}"
    return format_html(
        '<div class="progress-labelled"><div class="progress" role="progressbar" aria-label="{}" '
        'aria-valuenow="{}" aria-valuemin="0" aria-valuemax="100"><div class="progress-bar {}"></div></div>'
        '<span class="progress-value">{}%</span></div>',
        label or _("Progress"),
        shown,
        width_class(number),
        shown,
    )


@register.filter(name="width_class")
def width_class_filter(percent: Any) -> str:
    """``{{ 37|width_class }}`` → ``wd-370``: a width as a class of positions.css (no style= under CSP)."""
    return width_class(percent)


@register.filter(name="left_class")
def left_class_filter(percent: Any) -> str:
    """``{{ "12.5%"|left_class }}`` → ``at-125``: a left offset as a class of positions.css."""
    return left_class(percent)


@register.filter
def review_reason(reason: object) -> str:
    """A review reason (stored ``{"code", "params"}`` or an importer's Reason) in the user's language."""
    return reason_text(reason)


@register.filter
def status_colour(status: str) -> str:
    """The Bootstrap colour name for a project status."""
    return STATUS_COLOURS.get(str(status), "secondary")


@register.inclusion_tag("ledger/includes/target_chart.html")
def target_chart(target: Any, series: Iterable[Any]) -> dict[str, Any]:
    """An inline SVG line of a target's actual values over time, with the aim as a dashed line.

    Drawn on the server so it shows without JavaScript and prints; the table beside it has the numbers.
    """
    values = list(series)  # a prefetched queryset
    if len(values) < 2:
        return {"points": ""}
    width, height, pad = 240.0, 60.0, 4.0
    first, last = values[0].date, values[-1].date
    span = max((last - first).days, 1)
    numbers = [float(value.value) for value in values]
    aims = [float(v) for v in (target.min_value, target.max_value) if v is not None]
    low, high = min(numbers + aims), max(numbers + aims)
    if high == low:
        high = low + 1

    def y(number: float) -> float:
        return pad + (height - 2 * pad) * (1 - (number - low) / (high - low))

    points = " ".join(
        f"{pad + (width - 2 * pad) * (value.date - first).days / span:.1f},{y(number):.1f}"
        for value, number in zip(values, numbers, strict=True)
    )
    aim = max(aims) if aims else None
    return {
        "points": points,
        "width": f"{width:.0f}",
        "height": f"{height:.0f}",
        "aim_y": f"{y(aim):.1f}" if aim is not None else "",
        "last_x": points.split(" ")[-1].split(",")[0],
        "last_y": points.split(" ")[-1].split(",")[1],
    }


@register.simple_tag
def weighted(project: Any) -> str:
    """A project's weight × progress, the term it adds to its chapter's roll-up (two decimals at most)."""
    value = project.weight * project.progress
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


@register.filter
def tag_badges(tags: Iterable[Any]) -> SafeString:
    """Tags as coloured badges (the name is the text, so colour adds nothing a reader needs)."""
    return SafeString(
        " ".join(
            format_html('<span class="badge text-bg-{}" data-testid="tag">{}</span>', tag.colour, tag.name)
            for tag in tags
        )
    )


@register.filter
def change_reason(record: Any) -> str:
    """A history record's reason in the reader's language (core/change_reasons.py)."""
    return record_reason(record)


@register.filter
def plan_note(value: object) -> str:
    """One of the importer's notes on a plan, in the reader's language."""
    return note_text(value)


@register.filter
def large_number(value: Any, unit: str = "") -> str:
    """``{{ value|large_number:unit }}``: 12345 元 → 1.23万元, 35000 万元 → 3.5亿元 (core.numbers)."""
    if value is None or value == "":
        return ""
    return numbers.large_number(value, str(unit or ""))
