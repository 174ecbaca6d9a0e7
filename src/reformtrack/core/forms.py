"""The form renderer of the site: Django's own, with ``<select>`` written in Python.

Django renders every ``<option>`` of a select through two template includes. The project library's
filters offer every plan, chapter, unit and leader of the programme -- about 900 options at city
scale -- and those includes were most of the page's server time. :class:`FormRenderer` writes the
same HTML, byte for byte (``tests/core/test_forms.py`` compares the two), from the widget's own
context, so choices, attributes, optgroups and selection keep Django's meaning.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

__all__ = ["FormRenderer", "render_select"]

_SELECT = "django/forms/widgets/select.html"
_OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``: `` name="value"``, a bare name for True, nothing for False."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {conditional_escape(name)}")
        else:
            out.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(out)


def _option(option: dict[str, Any]) -> str:
    return (
        f'<option value="{conditional_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
        f"{conditional_escape(option['label'])}</option>\n"  # the template file's last newline
    )


def render_select(widget: dict[str, Any]) -> SafeString:
    """``django/forms/widgets/select.html`` for the ``widget`` of a select's context."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        parts.extend(f"\n  {_option(option)}" for option in group_choices)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # every value above is escaped


class FormRenderer(DjangoTemplates):
    """Django's template renderer, but selects whose options use Django's own template are written
    by :func:`render_select` (settings.FORM_RENDERER)."""

    def render(self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None) -> str:
        widget = context.get("widget")
        if template_name == _SELECT and isinstance(widget, dict) and _plain_options(widget):
            return render_select(widget)
        return super().render(template_name, context, request=request)


def _plain_options(widget: dict[str, Any]) -> bool:
    """Every option is rendered by Django's own option template (a widget may name another)."""
    return all(
        option.get("template_name") == _OPTION
        for _name, choices, _i in widget["optgroups"]
        for option in choices
    )
