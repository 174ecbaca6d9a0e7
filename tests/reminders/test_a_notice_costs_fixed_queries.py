"""Recording and delivering an event's notices costs the same queries for 3 people as for 13."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reformtrack.accounts.choices import Role
from reformtrack.reminders.notice_services import notice_deliver
from reformtrack.reminders.notices import order_event
from reformtrack.supervision.models import SupervisionOrder

from .conftest import Programme
from .notices_helpers import choose, unread

pytestmark = pytest.mark.django_db


def _order(programme: Programme, office: User) -> SupervisionOrder:
    return SupervisionOrder.objects.create(
        year=2014,
        sequence=1,
        issued_by=office,
        issuing_office="coordinating",
        unit=programme.unit,
        project=programme.project,
        reason="进度滞后",
        requirements="限期整改",
        response_due=dt.date(2014, 7, 1),
        grade="blue",
    )


def _queries(order: SupervisionOrder, office: User) -> int:
    event = order_event(order=order, event="issued", by=office)  # made by the receiver, from the order
    with CaptureQueriesContext(connection) as captured:
        notice_deliver(event=event)
    return len(captured.captured_queries)


def test_the_queries_do_not_grow_with_the_people(
    programme: Programme, office_user: User, make_user: Callable[..., User]
) -> None:
    choose(programme.clerk, order_issued="email")  # both runs queue a mail for the worker
    order = _order(programme, office_user)
    few = _queries(order, office_user)

    more = [make_user(Role.CLERK, programme.unit, username=f"clerk{n}") for n in range(10)]
    choose(more[0], order_issued="digest")
    choose(more[1], order_issued="none")
    SupervisionOrder.objects.filter(pk=order.pk).update(sequence=2)
    order.refresh_from_db()
    order.pk, order.sequence = None, 3
    order.save()
    many = _queries(order, office_user)

    assert few == many
    assert few <= 18
    assert len(unread(more[9])) == 1
