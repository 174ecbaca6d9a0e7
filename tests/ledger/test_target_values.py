"""A target's actual values: one per date, recorded by whoever may edit the project."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from reformtrack.ledger.models import Plan, Target
from reformtrack.ledger.services import target_value_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def target(store_plan: Callable[..., Plan]) -> Target:
    store_plan(chapters=1, projects=1, children=0, lead_units=("区经济促进局",), co_units=("区科技创新局",))
    return Target.objects.get()


def test_it_keeps_one_value_per_date(target: Target, clerk_user: User) -> None:
    target_value_record(target=target, by=clerk_user, date=dt.date(2013, 6, 30), value=Decimal(1))
    target_value_record(target=target, by=clerk_user, date=dt.date(2013, 12, 31), value=Decimal(2))
    target_value_record(
        target=target, by=clerk_user, date=dt.date(2013, 12, 31), value=Decimal(3), note="复核"
    )

    assert [(v.date.month, v.value, v.note) for v in target.values.all()] == [
        (6, Decimal(1), ""),
        (12, Decimal(3), "复核"),
    ]
    assert target.values.last().history.first().history_user == clerk_user  # type: ignore[union-attr]


def test_a_co_unit_cannot_record_values(target: Target, counit_user: User) -> None:
    with pytest.raises(PermissionDenied):
        target_value_record(target=target, by=counit_user, date=dt.date(2013, 6, 30), value=Decimal(1))
