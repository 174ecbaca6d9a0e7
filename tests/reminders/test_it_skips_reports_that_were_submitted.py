"""A submitted or accepted report is not chased; a draft or a returned one is."""

from __future__ import annotations

import datetime as dt

import pytest

from reformtrack.reminders.selectors import reminders_due
from reformtrack.reporting.models import ProgressReport

from .conftest import DUE, Programme

pytestmark = pytest.mark.django_db


def _report(programme: Programme, status: str) -> ProgressReport:
    return ProgressReport.objects.create(
        cycle=programme.cycle,
        period_start=dt.date(2014, 7, 1),
        period_end=dt.date(2014, 9, 30),
        project=programme.project,
        unit=programme.unit,
        status=status,
    )


@pytest.mark.parametrize("status", ["submitted", "accepted"])
def test_it_skips_a_report_that_was_sent(programme: Programme, status: str) -> None:
    _report(programme, status)
    assert reminders_due(DUE + dt.timedelta(days=1)) == []


def test_it_chases_a_returned_report_with_a_link_to_it(programme: Programme) -> None:
    report = _report(programme, "returned")

    [item] = reminders_due(DUE + dt.timedelta(days=1))

    assert item.url == f"/reports/{report.pk}/"
    assert item.body.endswith("进展报告应于2014年10月5日前报送，已被退回，目前尚未重新报送。")
    assert item.title == "【催办】2014年第3季度进展报告：《（1）项目1-1》"
