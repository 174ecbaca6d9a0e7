"""Template helpers of the ledger pages: progress bars, status colours, the nav's permission check."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

from reformtrack.accounts import permissions

register = template.Library()

# Bootstrap colour of each Project.status value.
STATUS_COLOURS = {
    "not_started": "secondary",
    "in_progress": "primary",
    "completed": "success",
    "suspended": "warning",
}


@register.simple_tag
def can_manage_programme(user: AbstractBaseUser | AnonymousUser | str) -> bool:
    """The coordinating office's powers, for showing links (the views check again)."""
    if isinstance(user, str):  # no user in the context (the 500 page)
        return False
    return permissions.can_manage_programme(user)


@register.inclusion_tag("ledger/includes/progress.html")
def progress_bar(value: Any, label: str = "") -> dict[str, Any]:
    """A labelled progress bar of 0–100, with the number as text so it reads without colour or CSS."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = 0.0
    number = max(0.0, min(100.0, number))
    shown = f"{number:.0f}" if number == int(number) else f"{number:.1f}"
    return {"value": shown, "width": f"{number:.1f}", "label": label}


@register.filter
def status_colour(status: str) -> str:
    """The Bootstrap colour name for a project status."""
    return STATUS_COLOURS.get(str(status), "secondary")
