"""Orders are numbered per year, 督办〔2014〕12号, uniquely even when issued at the same moment."""

from __future__ import annotations

import datetime as dt
import threading
from typing import TYPE_CHECKING
from unittest import mock

import pytest
from django.db import connection

from reformtrack.ledger.models import Project, Unit
from reformtrack.supervision.models import SupervisionOrder

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .conftest import IssueOrder


def _on(day: dt.date) -> mock._patch[mock.MagicMock]:
    return mock.patch("reformtrack.supervision.services.timezone.localdate", return_value=day)


@pytest.mark.django_db
def test_it_numbers_orders_per_year(issue: IssueOrder, project: Project, own_unit: Unit) -> None:
    with _on(dt.date(2014, 3, 1)):
        first = issue(unit=own_unit, project=project)
        second = issue(unit=own_unit, project=project)
    with _on(dt.date(2015, 1, 2)):
        next_year = issue(unit=own_unit, project=project)

    assert [first.number, second.number] == ["督办〔2014〕1号", "督办〔2014〕2号"]
    assert next_year.number == "督办〔2015〕1号"


@pytest.mark.django_db(transaction=True)
def test_it_gives_simultaneous_orders_different_numbers(
    project: Project, own_unit: Unit, office_user: User, supervision_user: User
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL's row locks")
    from reformtrack.supervision.services import order_issue

    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def issue(by: User) -> None:
        start.wait()
        try:
            for _ in range(5):
                order_issue(
                    by=by,
                    unit=own_unit,
                    project=project,
                    reason="进度滞后",
                    requirements="限期整改",
                    response_due=dt.date(2014, 7, 1),
                    grade="blue",
                )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(by,)) for by in (office_user, supervision_user) * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = sorted(SupervisionOrder.objects.values_list("sequence", flat=True))
    assert numbers == list(range(1, 21))
