"""The wording of reminders: English source strings, sent in Chinese (the UI language).

A reminder before its date says 【提醒】 (reminder), one after it 【催办】 (chase).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from reformtrack.core.text import single_line
from reformtrack.reporting.choices import Frequency


def prefix(offset: int) -> str:
    """【提醒】 up to the due date, 【催办】 after it."""
    return _("[Reminder]") if offset <= 0 else _("[Overdue]")


def date(day: dt.date) -> str:
    """2014年10月5日."""
    return _("%(month)s/%(day)s/%(year)s") % {"year": day.year, "month": day.month, "day": day.day}


def period(frequency: str, start: dt.date, end: dt.date) -> str:
    """2014年3月, 2014年第3季度, or the dates of a custom period."""
    if frequency == Frequency.MONTHLY:
        return _("%(month)s/%(year)s") % {"year": start.year, "month": start.month}
    if frequency == Frequency.QUARTERLY:
        return _("Q%(quarter)s %(year)s") % {"year": start.year, "quarter": (start.month - 1) // 3 + 1}
    return _("%(start)s to %(end)s") % {"start": date(start), "end": date(end)}


def report(*, offset: int, unit: str, project: str, period_label: str, due: dt.date, returned: bool) -> str:
    """【催办】区经济促进局：《…》2014年第3季度进展报告应于2014年10月5日前报送，目前尚未报送。"""
    values = {"unit": unit, "project": project, "period": period_label, "date": date(due)}
    if returned:
        text = _(
            "%(unit)s: the progress report on “%(project)s” for %(period)s is due by %(date)s; "
            "it was returned and has not been resubmitted yet."
        )
    else:
        text = _(
            "%(unit)s: the progress report on “%(project)s” for %(period)s is due by %(date)s; "
            "it has not been submitted yet."
        )
    return prefix(offset) + text % values


def deadline(*, offset: int, units: str, project: str, measure: str, due: dt.date) -> str:
    """【提醒】区发改局：《…》的完成时限为2014年6月30日，目前尚未完成。 (a measure names itself too)"""
    values = {"units": units, "project": project, "measure": measure, "date": date(due)}
    if measure:
        text = _("%(units)s: the measure “%(measure)s” of “%(project)s” is due by %(date)s and not done yet.")
    else:
        text = _("%(units)s: the project “%(project)s” is due by %(date)s and not completed yet.")
    return prefix(offset) + text % values


def order(*, offset: int, unit: str, number: str, project: str, due: dt.date) -> str:
    """【催办】区经济促进局：督办〔2014〕12号（《…》）应于2014年7月1日前回复，目前尚未回复。"""
    values = {"unit": unit, "number": number, "project": project, "date": date(due)}
    text = _(
        "%(unit)s: supervision order %(number)s (“%(project)s”) must be answered by %(date)s; no answer yet."
    )
    return prefix(offset) + text % values


def title(*, offset: int, kind: str, subject: str) -> str:
    """The first line: 【催办】进展报告：《…》, cut to fit the title field; one line whatever the
    subject holds (it becomes an e-mail's subject)."""
    text = prefix(offset) + _("%(kind)s: “%(subject)s”") % {"kind": kind, "subject": single_line(subject)}
    return text if len(text) <= 200 else text[:199] + "…"
