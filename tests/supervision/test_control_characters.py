"""Bulletin titles and headings are one line; order texts keep their line breaks, not other controls."""

from __future__ import annotations

import datetime as dt

import pytest

from reformtrack.ledger.models import Project, Unit

from .conftest import IssueOrder, MakeBulletin

pytestmark = pytest.mark.django_db


def test_a_bulletin_title_with_line_breaks_is_stored_on_one_line(make_bulletin: MakeBulletin) -> None:
    bulletin = make_bulletin(title="督查\r\n通报\x1b", end=dt.date(2014, 6, 30))

    assert bulletin.title == "督查 通报"


def test_an_orders_requirements_keep_their_lines_without_other_controls(
    issue: IssueOrder, project: Project, own_unit: Unit
) -> None:
    order = issue(unit=own_unit, project=project, requirements="一、整改\r\n二、报告\x00")

    assert order.requirements == "一、整改\n二、报告"
