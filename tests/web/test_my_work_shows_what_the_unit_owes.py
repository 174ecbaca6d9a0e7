"""My work tells a unit's reform lead or clerk what the unit owes and by when: the progress reports
of the open periods not yet sent, and the supervision orders waiting for its answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.formats import date_format

from reformtrack.ledger.models import Plan, Unit
from reformtrack.reporting.models import ReportingCycle
from reformtrack.reporting.services import report_save_draft, report_start, report_submit
from reformtrack.supervision.services import order_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(store_plan: Callable[..., Plan]) -> Plan:
    return store_plan(
        chapters=1, projects=2, children=0, lead_units=("区经济促进局",), co_units=("区科技创新局",)
    )


def test_it_lists_the_reports_not_sent_and_the_orders_to_answer(
    plan: Plan, client: Client, clerk_user: User, office_user: User
) -> None:
    today = dt.date.today()
    cycle = ReportingCycle.objects.create(
        plan=plan, name="月度进展", start=today.replace(day=1), end=today + dt.timedelta(days=300)
    )
    first, second = plan.projects.order_by("position")
    unit = Unit.objects.get(name="区经济促进局")
    sent = report_start(
        cycle=cycle, period_start=today.replace(day=1), project=first, unit=unit, by=clerk_user
    )
    sent = report_save_draft(
        report=sent, by=clerk_user, version=sent.version, percent_complete=20, done="推进"
    )
    report_submit(report=sent, by=clerk_user, version=sent.version)
    order = order_issue(
        by=office_user,
        unit=unit,
        project=second,
        measure=None,
        reason="进度滞后",
        requirements="报送整改措施",
        response_due=today + dt.timedelta(days=5),
        grade="yellow",
    )
    client.force_login(clerk_user)

    page = client.get(reverse("web:my_work")).content.decode()

    owed = page[page.index('data-testid="my-work-reports-owed"') :].split("</ul>")[0]
    assert second.title in owed and first.title not in owed  # the first one's report is sent
    orders = page[page.index('data-testid="my-work-orders"') :].split("</ul>")[0]
    assert order.number in orders and date_format(today + dt.timedelta(days=5)) in orders


def test_other_roles_owe_nothing_there(
    plan: Plan, client: Client, office_user: User, counit_user: User
) -> None:
    for user in (office_user, counit_user):
        client.force_login(user)
        assert 'data-testid="my-work-owed"' not in client.get(reverse("web:my_work")).content.decode()
