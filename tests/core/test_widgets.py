"""The typed date and the searchable select (core/widgets.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django import forms
from django.utils import translation

from reformtrack.core.widgets import DATE_PATTERN, DateTextInput, SearchableSelect, SearchableSelectMultiple

DAY = dt.date(2025, 6, 30)


class Dated(forms.Form):
    day = forms.DateField(widget=DateTextInput())


def test_a_date_is_a_numeric_text_input_with_a_pattern_and_a_picker() -> None:
    with translation.override("zh-hans"):
        html = str(Dated(initial={"day": DAY})["day"])
    assert 'type="text"' in html and 'type="date"' not in html
    assert 'inputmode="numeric"' in html
    assert 'pattern="' in html
    assert 'data-date-picker="选择日期"' in html
    assert 'value="2025-06-30"' in html


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("typed", ["2025-06-30", "2025/6/30", "2025年6月30日", " 2025 年 6 月 30 日 "])
def test_what_people_type_is_read_and_fits_the_pattern(language: str, typed: str) -> None:
    # the browser anchors the pattern to the whole value
    assert re.fullmatch(DATE_PATTERN, typed)
    with translation.override(language):
        form = Dated({"day": typed.replace(" ", "")})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == DAY


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_initial_date_posts_back_valid(language: str) -> None:
    with translation.override(language):
        html = str(Dated(initial={"day": DAY})["day"])
        value = re.search(r'value="([^"]*)"', html)
        assert value is not None
        form = Dated({"day": value.group(1)})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == DAY


def test_the_pattern_refuses_what_is_no_date() -> None:
    assert not re.fullmatch(DATE_PATTERN, "6月30日")
    assert not re.fullmatch(DATE_PATTERN, "下周一")


def test_searchable_selects_say_so_in_the_readers_language() -> None:
    with translation.override("zh-hans"):
        single = SearchableSelect(choices=[("1", "区发改局")]).render("unit", "1")
        many = SearchableSelectMultiple(choices=[("1", "区发改局")]).render("units", ["1"])
    assert 'data-searchable="输入文字筛选列表"' in single
    assert "multiple" in many and "data-searchable" in many
