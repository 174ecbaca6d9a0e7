"""The site's form renderer writes selects exactly as Django's templates do, only faster."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from reformtrack.core.forms import BoundField, FormRenderer

CHOICES: list[Any] = [
    ("", "全部"),
    ("a", "甲 & <乙>"),
    ("已完成", [("x", "组内“一”"), ("y", "quote \" and ' apostrophe")]),
    (3, "三"),
]


class Sample(forms.Form):
    single = forms.ChoiceField(choices=CHOICES, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES, required=False)
    flag = forms.NullBooleanField(required=False)


@pytest.mark.parametrize(
    "data",
    [None, {"single": "x", "many": ["a", "3"], "flag": "true"}, {"single": "<script>", "many": ["y"]}],
)
@pytest.mark.parametrize(
    "attrs", [{}, {"class": "form-select", "data-testid": "f-1", "disabled": True, "hidden": False}]
)
def test_selects_come_out_as_djangos_templates_write_them(data: Any, attrs: dict[str, Any]) -> None:
    # Django's own templates, with the site's bound field (its Bootstrap class) on both sides
    django_form = Sample(data, renderer=DjangoTemplates(), bound_field_class=BoundField)
    our_form = Sample(data, renderer=FormRenderer())
    for name in ("single", "many", "flag"):
        for form in (django_form, our_form):
            form.fields[name].widget.attrs.update(attrs)
        ours = str(our_form[name])

        assert ours == str(django_form[name])
        assert "<select" in ours


def test_a_widget_with_its_own_option_template_is_left_to_the_template(monkeypatch: Any) -> None:
    renderer = FormRenderer()
    calls: list[str] = []
    original = DjangoTemplates.render

    def spy(self: Any, template_name: str, context: Any, request: Any = None) -> str:
        calls.append(template_name)
        return original(self, template_name, context, request)

    monkeypatch.setattr(DjangoTemplates, "render", spy)
    widget = forms.Select(choices=CHOICES)
    widget.option_template_name = "django/forms/widgets/radio_option.html"

    html = widget.render("x", "a", renderer=renderer)

    assert calls == ["django/forms/widgets/select.html"]
    assert "<label><input" in html  # the other template's markup


def test_the_site_uses_it(settings: Any) -> None:
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), FormRenderer)
