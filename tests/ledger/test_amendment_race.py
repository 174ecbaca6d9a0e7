"""Two people amending one project at once on PostgreSQL: one change is stored, the other refused
(ConcurrentEdit) with nothing half stored; two amendments opened at once get different numbers."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.db import connection

from reformtrack.ledger.errors import ConcurrentEdit
from reformtrack.ledger.models import Amendment, AmendmentChange, Plan, Project, Unit
from reformtrack.ledger.services_amend import amendment_open, project_change

DAY = dt.date(2014, 3, 1)


def _race(work: Callable[[int], str]) -> list[str]:
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def run(index: int) -> None:
        start.wait()
        try:
            outcomes.append(work(index))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_one_of_two_simultaneous_amendments_of_a_project_is_stored(
    store_plan: Callable[..., Plan], office_user: User
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL's row locks")
    plan = store_plan()
    project = Project.objects.filter(plan=plan, level=1).order_by("position").first()
    assert project is not None
    amendments = [
        amendment_open(plan=plan, by=office_user, title=f"调整{i}", reason="决定", decided_on=DAY)
        for i in range(2)
    ]
    units = list(Unit.objects.order_by("pk")[:2])

    def change(index: int) -> str:
        try:
            project_change(
                amendment=amendments[index],
                by=office_user,
                project=Project.objects.get(pk=project.pk),
                expected_version=1,
                title=f"标题{index}",
                lead_units=[units[index]],
            )
        except ConcurrentEdit:
            return "refused"
        return "saved"

    assert sorted(_race(change)) == ["refused", "saved"]
    stored = Project.objects.get(pk=project.pk)
    winner = int(stored.title[-1])
    assert stored.version == 2
    assert list(stored.project_units.filter(role="lead").values_list("unit", flat=True)) == [units[winner].pk]
    assert AmendmentChange.objects.count() == 1
    assert AmendmentChange.objects.get().amendment == amendments[winner]


@pytest.mark.django_db(transaction=True)
def test_two_amendments_opened_at_once_get_two_numbers(
    store_plan: Callable[..., Plan], office_user: User
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL's row locks")
    plan = store_plan()

    def open_one(index: int) -> str:
        return str(
            amendment_open(plan=plan, by=office_user, title="调整", reason="决定", decided_on=DAY).number
        )

    assert sorted(_race(open_one)) == ["1", "2"]
    assert Amendment.objects.filter(plan=plan).count() == 2
