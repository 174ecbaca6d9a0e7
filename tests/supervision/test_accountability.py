"""Accountability records (行政无为): units with repeated overdue projects or unanswered orders."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pytest_django import DjangoAssertNumQueries

from reformtrack.ledger.models import Plan, Project, Unit
from reformtrack.supervision.selectors import accountability_records
from reformtrack.supervision.services import order_respond

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .conftest import IssueOrder

pytestmark = pytest.mark.django_db

TODAY = dt.date(2014, 9, 1)


@pytest.fixture
def overdue(store_plan: Callable[..., Plan]) -> list[Project]:
    """Two projects of 区发改局 due 2013-12-31, one of them completed; and two of 区民政局, both open."""
    plan = store_plan(b"late", chapters=1, projects=2, children=0, measures=0, lead_units=("区发改局",))
    first, second = plan.projects.order_by("position")
    Project.objects.filter(pk=second.pk).update(status="completed")
    other = store_plan(b"late2", chapters=1, projects=2, children=0, measures=0, lead_units=("区民政局",))
    return [first, *other.projects.order_by("position")]


def test_it_lists_units_with_repeated_overdue_projects_and_unanswered_orders(
    overdue: list[Project],
    issue: IssueOrder,
    project: Project,
    own_unit: Unit,
    other_project: Project,
    other_unit: Unit,
    clerk_user: User,
) -> None:
    late = issue(unit=other_unit, project=other_project, response_due=dt.date(2014, 8, 1))
    answered = issue(unit=own_unit, project=project, response_due=dt.date(2014, 8, 1))
    order_respond(by=clerk_user, order=answered, text="已整改")
    issue(unit=own_unit, project=project, response_due=dt.date(2014, 10, 1))  # not due yet

    records = {record.unit.name: record for record in accountability_records(today=TODAY)}

    # 区发改局 has one overdue open project (below the threshold); 区经济促进局 answered in time
    assert set(records) == {"区民政局", "区财政局"}
    assert records["区民政局"].overdue_projects == overdue[1:]
    assert records["区财政局"].unanswered_orders == [late]
    assert records["区财政局"].overdue_projects == [other_project]


def test_it_shows_and_exports_the_evidence(
    overdue: list[Project],
    client: Client,
    supervision_user: User,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    client.force_login(supervision_user)
    with django_assert_num_queries(6):  # session, user, profile, overdue projects, unanswered orders, bell
        page = client.get(reverse("supervision:accountability")).content.decode()
    assert "区民政局" in page and overdue[1].title in page

    response = client.get(reverse("supervision:accountability_export"))

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[3]) for row in rows] == [("区民政局", p.title) for p in overdue[1:]]


def test_its_export_keeps_formula_like_text_as_text_and_dates_as_dates(
    store_plan: Callable[..., Plan], client: Client, supervision_user: User
) -> None:
    plan = store_plan(b"formula", chapters=1, projects=2, children=0, measures=0, lead_units=("=1+1局",))
    Project.objects.filter(plan=plan).update(title='=HYPERLINK("http://x","y")')
    client.force_login(supervision_user)

    response = client.get(reverse("supervision:accountability_export"))

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[3], row[4]) for row in rows] == [
        ("=1+1局", '=HYPERLINK("http://x","y")', dt.datetime(2013, 12, 31))
    ] * 2
