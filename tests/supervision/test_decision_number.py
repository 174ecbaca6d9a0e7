"""Decisions are numbered per year on their own sequence, 罗督决〔2014〕3号, uniquely even when
recorded at the same moment, and apart from the orders' and bulletins' numbers."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal
from typing import TYPE_CHECKING
from unittest import mock

import pytest
from django.db import connection

from reformtrack.ledger.models import Project, Unit
from reformtrack.supervision.decision_services import decision_record
from reformtrack.supervision.models import Decision

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .conftest import IssueOrder


def _record(by: User, unit: Unit) -> Decision:
    return decision_record(by=by, kind="interview", unit=unit, reason="工作滞后", points=Decimal("-1"))


def _on(day: dt.date) -> mock._patch[mock.MagicMock]:
    return mock.patch("reformtrack.supervision.decision_services.timezone.localdate", return_value=day)


@pytest.mark.django_db
def test_it_numbers_decisions_per_year_apart_from_the_orders(
    issue: IssueOrder, project: Project, own_unit: Unit, office_user: User
) -> None:
    issue(unit=own_unit, project=project)
    with _on(dt.date(2014, 3, 1)):
        first, second = _record(office_user, own_unit), _record(office_user, own_unit)
    with _on(dt.date(2015, 1, 2)):
        next_year = _record(office_user, own_unit)

    assert [first.number, second.number, next_year.number] == [
        "罗督决〔2014〕1号",
        "罗督决〔2014〕2号",
        "罗督决〔2015〕1号",
    ]
    assert first.decided_on == dt.date(2014, 3, 1)


@pytest.mark.django_db(transaction=True)
def test_it_gives_simultaneous_decisions_different_numbers(
    project: Project, own_unit: Unit, office_user: User, supervision_user: User
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL's row locks")
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def record(by: User) -> None:
        start.wait()
        try:
            for _ in range(5):
                _record(by, own_unit)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=record, args=(by,)) for by in (office_user, supervision_user) * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(Decision.objects.values_list("sequence", flat=True)) == list(range(1, 21))
