"""The totals of the small programme equal the figures worked out by hand."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User

from reformtrack.appraisal.explain import score_of
from reformtrack.appraisal.services import appraisal_compute

from .conftest import AS_OF, STREET, UNIT_A, UNIT_B, Small, by_unit


def test_the_totals_equal_the_figures_worked_out_by_hand(small: Small, office_user: User) -> None:
    run = appraisal_compute(scheme=small.scheme, by=office_user, as_of=AS_OF)
    results = by_unit(run)

    a, b, street = results[UNIT_A], results[UNIT_B], results[STREET]
    # A: reports 1 of 2 on time (50), 1 of 2 accepted (50), projects 1 of 2 done (50), targets
    # (100 + 50) / 2 = 75, orders 1 of 2 on time (50):
    # 30×0.5 + 10×0.5 + 20×0.5 + 20×0.75 + 20×0.5 = 15 + 5 + 10 + 15 + 10 = 55; bonus 3 + 4 = 7 capped at 5.
    assert [score_of(a, key) for key in small.scheme.weights] == [
        Decimal(50),
        Decimal(50),
        Decimal(50),
        Decimal(75),
        Decimal(50),
    ]
    assert (a.bonus_claimed, a.bonus, a.total) == (Decimal(7), Decimal(5), Decimal(60))
    # B: the report missing (0), none reviewed (100), P3 overdue (0), no target value (100), the order
    # not answered (0): 0 + 10 + 0 + 20 + 0 = 30, no bonus.
    assert [score_of(b, key) for key in small.scheme.weights] == [
        Decimal(0),
        Decimal(100),
        Decimal(0),
        Decimal(100),
        Decimal(0),
    ]
    assert b.total == Decimal(30)
    # The street: everything full (P4 falls due in 2015), 100, plus 1 bonus point.
    assert street.total == Decimal(101)
    assert (a.rank, b.rank, street.rank) == (1, 2, 1)
    assert (a.group, street.group) == ("department", "street")


def test_only_units_that_lead_work_are_appraised(small: Small, office_user: User, counit_user: User) -> None:
    run = appraisal_compute(scheme=small.scheme, by=office_user, as_of=AS_OF)

    assert sorted(by_unit(run)) == sorted([UNIT_A, UNIT_B, STREET])


def test_a_turned_off_component_does_not_count(small: Small, office_user: User) -> None:
    small.scheme.weights = {**small.scheme.weights, "reports_on_time": 0, "review_outcomes": 40}
    small.scheme.save()

    results = by_unit(appraisal_compute(scheme=small.scheme, by=office_user, as_of=AS_OF))

    # A: 40×0.5 + 10 + 15 + 10 = 55, bonus 5
    assert score_of(results[UNIT_A], "reports_on_time") is None
    assert results[UNIT_A].total == Decimal(60)
    # B: 40 + 0 + 20 + 0 = 60
    assert results[UNIT_B].total == Decimal(60)
    assert (results[UNIT_A].rank, results[UNIT_B].rank) == (1, 1)
