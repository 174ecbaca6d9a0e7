"""The form renderer of the site: Django's own, with the site's form templates, Bootstrap classes on
every control and ``<select>`` written in Python.

Every form rendered whole (``{{ form }}``) comes out the same way (``templates/forms/div.html`` and
``field.html``): the label above its control with a red mark on required fields, the error beside the
control (``is-invalid`` + ``invalid-feedback``), the help under it. :class:`BoundField` gives every
control its Bootstrap class where the form did not set one.

Django renders every ``<option>`` of a select through two template includes. The project library's
filters offer every plan, chapter, unit and leader of the programme -- about 900 options at city
scale -- and those includes were most of the page's server time. :class:`FormRenderer` writes the
same HTML, byte for byte (``tests/core/test_forms.py`` compares the two), from the widget's own
context, so choices, attributes, optgroups and selection keep Django's meaning.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.template.backends.base import BaseEngine
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

__all__ = ["BoundField", "FormRenderer", "render_select"]

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


def bootstrap_class(widget: forms.Widget) -> str:
    """The Bootstrap 5 class of a control: check inputs, selects, or the plain form control."""
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "form-check-input"
    if isinstance(widget, forms.Select):  # SelectMultiple and NullBooleanSelect too
        return "form-select"
    return "form-control"


class BoundField(forms.BoundField):
    """A field whose control carries its Bootstrap class (the form's own, if it set one) and, once
    the field has an error, ``is-invalid``: the red frame the error beside it explains."""

    def build_widget_attrs(self, attrs: dict[str, Any], widget: forms.Widget | None = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if widget.is_hidden:
            return attrs
        css = str(attrs.get("class") or widget.attrs.get("class") or bootstrap_class(widget))
        if self.errors and "is-invalid" not in css.split():
            css += " is-invalid"
        attrs["class"] = css
        return attrs


# src/reformtrack/templates: the site's form templates live with its other templates
_SITE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# django/forms/templates, which Django's own form renderer reads
_DJANGO_FORM_TEMPLATES = Path(forms.__file__).parent / "templates"


class FormRenderer(DjangoTemplates):
    """Django's template renderer with the site's form and field templates and :class:`BoundField`;
    selects whose options use Django's own template are written by :func:`render_select`
    (settings.FORM_RENDERER)."""

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"
    bound_field_class = BoundField

    @cached_property
    def engine(self) -> BaseEngine:
        # Django's own engine for the form renderer, which finds the site's templates too
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [_SITE_TEMPLATES, _DJANGO_FORM_TEMPLATES],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )

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
