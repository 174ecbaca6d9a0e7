"""Bulletins are numbered per year apart from orders (督查通报〔2014〕3号), uniquely at the same moment."""

from __future__ import annotations

import datetime as dt
import threading
from typing import TYPE_CHECKING

import pytest
from django.db import connection
from django.utils import timezone

from reformtrack.supervision.models import Bulletin, SupervisionSequence
from reformtrack.supervision.services import bulletin_issue

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def draft(by: User, n: int = 0) -> Bulletin:
    return Bulletin.objects.create(
        title=f"通报{n}",
        period_start=dt.date(2014, 1, 1),
        period_end=dt.date(2014, 3, 31),
        status="draft",
        created_by=by,
    )


@pytest.mark.django_db
def test_it_counts_bulletins_per_year_apart_from_orders(office_user: User) -> None:
    year = timezone.localdate().year
    SupervisionSequence.objects.create(kind="order", year=year, last=12)
    SupervisionSequence.objects.create(kind="bulletin", year=year - 1, last=7)

    first = bulletin_issue(by=office_user, bulletin=draft(office_user), version=1)
    second = bulletin_issue(by=office_user, bulletin=draft(office_user), version=1)

    assert [first.number, second.number] == [f"督查通报〔{year}〕1号", f"督查通报〔{year}〕2号"]
    assert SupervisionSequence.objects.get(kind="order", year=year).last == 12
    assert SupervisionSequence.objects.get(kind="bulletin", year=year - 1).last == 7


@pytest.mark.django_db
def test_an_issued_bulletin_is_not_issued_again(office_user: User) -> None:
    from reformtrack.supervision.errors import SupervisionError

    issued = bulletin_issue(by=office_user, bulletin=draft(office_user), version=1)

    with pytest.raises(SupervisionError):
        bulletin_issue(by=office_user, bulletin=issued, version=issued.version)
    assert Bulletin.objects.get(pk=issued.pk).sequence == 1


@pytest.mark.django_db(transaction=True)
def test_it_gives_simultaneous_bulletins_different_numbers(office_user: User, supervision_user: User) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL's row locks")
    drafts = [draft(office_user, n) for n in range(20)]
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def issue(by: User, mine: list[Bulletin]) -> None:
        start.wait()
        try:
            for bulletin in mine:
                bulletin_issue(by=by, bulletin=bulletin, version=1)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=issue, args=(by, drafts[i::4]))
        for i, by in enumerate((office_user, supervision_user) * 2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = sorted(n or 0 for n in Bulletin.objects.values_list("sequence", flat=True))
    assert numbers == list(range(1, 21))
