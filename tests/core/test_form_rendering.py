"""Every form rendered whole comes out one way: label above, required mark, error beside the control."""

from __future__ import annotations

import re

from django import forms
from django.utils import translation


class Sample(forms.Form):
    title = forms.CharField(label="标题", help_text="一句话")
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea)
    unit = forms.ChoiceField(label="单位", choices=[("", "—"), ("1", "区发改局")])
    urgent = forms.BooleanField(label="紧急", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, initial=1)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("title") == "冲突":
            raise forms.ValidationError("已被他人修改")
        return data


def block(html: str, name: str) -> str:
    """The field group of ``name``: from its label to its next group."""
    start = html.index(f'for="id_{name}"')
    following = re.search(r'<div class="(mb-3|form-check)', html[start:])
    return html[start : start + following.start()] if following else html[start:]


def test_the_label_comes_before_its_control() -> None:
    html = str(Sample())
    for name in ("title", "note", "unit"):
        assert html.index(f'<label class="form-label" for="id_{name}"') < html.index(f'id="id_{name}"'), name


def test_required_fields_carry_a_red_mark_with_words_for_screen_readers() -> None:
    with translation.override("zh-hans"):
        html = str(Sample())
    assert '<span class="text-danger ms-1" aria-hidden="true">*</span>' in block(html, "title")
    assert "（必填）" in block(html, "title")
    assert "*" not in block(html, "note")


def test_controls_get_their_bootstrap_class() -> None:
    html = str(Sample())
    assert re.search(r'<input type="text" name="title"[^>]* class="form-control"', html)
    assert re.search(r'<textarea name="note"[^>]* class="form-control"', html)
    assert re.search(r'<select name="unit"[^>]* class="form-select"', html)
    assert re.search(r'<input type="checkbox" name="urgent"[^>]* class="form-check-input"', html)
    # a checkbox's label follows it
    assert html.index('id="id_urgent"') < html.index('<label class="form-check-label" for="id_urgent"')


def test_an_error_stands_beside_its_field_and_marks_it_invalid() -> None:
    with translation.override("zh-hans"):
        html = str(Sample({"title": "", "unit": "1", "version": "1"}))
    title = block(html, "title")
    assert re.search(r'name="title"[^>]* class="form-control is-invalid"', title)
    assert 'aria-invalid="true"' in title
    assert re.search(
        r'<div class="invalid-feedback d-block" id="id_title_error"[^>]*>这个字段是必填项。</div>', title
    )
    assert title.index("is-invalid") < title.index("invalid-feedback") < title.index("一句话")
    assert "is-invalid" not in block(html, "unit")


def test_form_errors_come_first_and_typed_text_survives() -> None:
    with translation.override("zh-hans"):
        html = str(Sample({"title": "冲突", "note": "我写的备注", "unit": "1", "version": "1"}))
    assert html.index('data-testid="form-errors"') < html.index('for="id_title"')
    assert "已被他人修改" in html
    assert "我写的备注" in html
    assert '<input type="hidden" name="version" value="1"' in html
