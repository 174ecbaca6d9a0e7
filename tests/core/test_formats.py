"""Dates typed the way Chinese offices write them are read; dates are shown that way (formats/)."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.utils import formats, translation

DAY = dt.date(2025, 6, 30)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("typed", ["2025-06-30", "2025/6/30", "2025年6月30日", "2025年06月30日", "2025.6.30"])
def test_a_date_field_reads_what_people_type(language: str, typed: str) -> None:
    with translation.override(language):
        assert forms.DateField().clean(typed) == DAY


def test_a_datetime_field_reads_a_chinese_time() -> None:
    with translation.override("zh-hans"):
        assert forms.DateTimeField().clean("2025年6月30日 14:05").replace(tzinfo=None) == dt.datetime(
            2025, 6, 30, 14, 5
        )


def test_nonsense_is_still_refused() -> None:
    with translation.override("zh-hans"), pytest.raises(forms.ValidationError):
        forms.DateField().clean("2025年13月30日")


def test_dates_are_shown_as_chinese_offices_write_them() -> None:
    with translation.override("zh-hans"):
        assert formats.date_format(DAY) == "2025年6月30日"
    with translation.override("en"):
        assert formats.date_format(DAY) == "June 30, 2025"


def test_a_date_input_shows_its_value_in_the_first_input_format() -> None:
    # the browsers' date pickers (type=date) need ISO, whatever the language
    with translation.override("zh-hans"):
        assert 'value="2025-06-30"' in forms.DateInput().render("d", DAY)
