"""The bulletin lists the targets behind their expected path (the status rule's), furthest first,
by their values as of the period's end."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from reformtrack.ledger.models import Project, Target
from reformtrack.ledger.services import target_value_record
from reformtrack.status.models import StatusRules
from reformtrack.supervision.bulletin import bulletin_sections

pytestmark = pytest.mark.django_db

START, END = dt.date(2014, 1, 1), dt.date(2014, 6, 30)
HEADING = "指标进度滞后事项"


@pytest.fixture
def lagging_target(project: Project, office_user: User) -> Target:
    """10 个 by the end of 2015 (the plan runs 2013–2015); 2 by mid-2014, when about half is due."""
    target = project.targets.get()
    Target.objects.filter(pk=target.pk).update(min_value=10, max_value=None, form="at_least")
    target.refresh_from_db()
    target_value_record(target=target, date=dt.date(2014, 6, 1), value=Decimal(2), by=office_user)
    return target


def _section(today: dt.date = END) -> tuple[list[str], list[list[str]]]:
    found = next(s for s in bulletin_sections(start=START, end=END, today=today) if s.heading == HEADING)
    return found.paragraphs, found.rows


def test_a_target_behind_its_path_is_listed_with_its_figures(lagging_target: Target) -> None:
    paragraphs, rows = _section()

    assert paragraphs == ["截至2014年6月30日，1项指标完成度低于按期应达进度。"]
    assert len(rows) == 1
    number, project, text, units, latest, achieved, expected = rows[0]
    assert project == f"{lagging_target.project.label}{lagging_target.project.title}"
    assert (number, text, units) == ("1", lagging_target.text, "区经济促进局")
    assert latest == "2个（2014年6月1日）"
    assert (achieved, expected) == ("20.0%", "49.8%")


def test_a_value_after_the_period_does_not_count(lagging_target: Target, office_user: User) -> None:
    target_value_record(target=lagging_target, date=dt.date(2014, 7, 15), value=Decimal(9), by=office_user)

    assert len(_section()[1]) == 1  # as of 30 June the target still lagged
    paragraphs, rows = next(
        (s.paragraphs, s.rows)
        for s in bulletin_sections(start=START, end=dt.date(2014, 7, 31), today=dt.date(2014, 7, 31))
        if s.heading == HEADING
    )
    assert paragraphs == ["无。"] and rows == []


def test_the_plans_tolerance_decides(lagging_target: Target) -> None:
    StatusRules.objects.update_or_create(
        plan=lagging_target.project.plan, defaults={"target_behind_points": 40}
    )

    assert _section() == (["无。"], [])
