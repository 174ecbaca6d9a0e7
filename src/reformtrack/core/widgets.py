"""Widgets of the site's forms: a date typed as people write it, and selects that can be searched.

Both are plain HTML that works without JavaScript; ``static/reformtrack/forms.js`` enhances them (a
native date picker beside the typed date, a filter box above a long select). Their words for the
script travel in ``data-`` attributes, so the script needs no catalogue of its own.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

__all__ = ["DATE_PATTERN", "DateTextInput", "SearchableSelect", "SearchableSelectMultiple", "searchable"]

# A hint for the browser only (the field reads the formats of reformtrack.formats): four digits, a
# separator (- / . or 年), the month, a separator, the day, perhaps 日. Written without character
# classes so that it means the same under the pattern attribute's `v` flag.
DATE_PATTERN = r"\s*\d{4}\s*(-|/|\.|年)\s*\d{1,2}\s*(-|/|\.|月)\s*\d{1,2}\s*(日)?\s*"


class DateTextInput(forms.DateInput):
    """A date typed as text: 2025-06-30, 2025/6/30 or 2025年6月30日 (the field's input formats).

    The value is written as 2025-06-30, which every language's input formats read back, so the
    form's initial dates always validate. With JavaScript a native date picker sits beside it.
    """

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults: dict[str, Any] = {
            "inputmode": "numeric",
            "autocomplete": "off",
            "pattern": DATE_PATTERN,
            "placeholder": "2025-06-30",
            "title": _("A date such as 2025-06-30, 2025/6/30 or 2025年6月30日"),
            "data-date-picker": _("Pick a date"),
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%Y-%m-%d")


def searchable(widget: forms.Widget) -> forms.Widget:
    """Mark a select as one that may hold hundreds of options: the script puts a filter box above it."""
    widget.attrs.setdefault("data-searchable", _("Type to filter the list"))
    return widget


class SearchableSelect(forms.Select):
    """A select of many options (units, projects, leaders) that can be filtered by typing."""

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        super().__init__(attrs, choices)
        searchable(self)


class SearchableSelectMultiple(forms.SelectMultiple):
    """A multiple select of many options that can be filtered by typing."""

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        super().__init__(attrs, choices)
        searchable(self)
