"""The citizen satisfaction component, by hand: the year's ratings of the projects each unit leads,
score = mean ÷ 5 × 100, a unit nobody rated at full marks, in the same queries for more units.

The small programme (conftest): 区经济促进局 leads P1 and P2, 区财政局 P3, 东门街道 P4. Ratings of 2014:
P1 5 and 4, P2 3 → 区经济促进局 3 ratings, mean 4.00, score 80.00; P3 2 and 3 → 区财政局 mean 2.50,
score 50.00; nobody rated P4 → 东门街道 100.00. A 2015 rating and one given after the appraisal's day
do not count.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reformtrack.appraisal.components import REGISTRY, offered
from reformtrack.appraisal.satisfaction import citizen_satisfaction
from reformtrack.appraisal.selectors import score_units
from reformtrack.ledger.models import Project
from reformtrack.ratings.models import Rating

from .conftest import AS_OF, STREET, UNIT_A, UNIT_B, WEIGHTS, Small


def _rate(project: Project, score: int, day: dt.date, number: int) -> None:
    rating = Rating.objects.create(
        project=project,
        period=day.year,
        score=score,
        identity=f"person-{number}",
        consented_at=timezone.now(),
    )
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    Rating.objects.filter(pk=rating.pk).update(created_at=at)


def _ratings(small: Small) -> None:
    p = small.projects
    for number, (name, score, day) in enumerate(
        (
            ("P1", 5, dt.date(2014, 3, 1)),
            ("P1", 4, dt.date(2014, 5, 1)),
            ("P2", 3, dt.date(2014, 6, 1)),
            ("P3", 2, dt.date(2014, 7, 1)),
            ("P3", 3, dt.date(2014, 8, 1)),
            ("P1", 1, dt.date(2015, 1, 10)),  # another year
        )
    ):
        _rate(p[name], score, day, number)


def test_each_unit_scores_its_mean_rating_out_of_five(small: Small) -> None:
    _ratings(small)
    ids = [small.units[name].pk for name in (UNIT_A, UNIT_B, STREET)]

    found = citizen_satisfaction(2014, AS_OF, ids)

    a, b, street = (found[pk] for pk in ids)
    assert (a.score, a.raw["ratings"], a.raw["projects"], a.raw["mean"]) == (Decimal("80.00"), 3, 2, "4.00")
    assert a.rows == [["（1） 项目1-1", 2, "4.50"], ["（2） 项目1-2", 1, "3.00"]]
    assert (b.score, b.raw["mean"]) == (Decimal("50.00"), "2.50")
    assert (street.score, street.raw["none"]) == (Decimal(100), True)


def test_the_rule_explains_the_points(small: Small) -> None:
    _ratings(small)
    component = REGISTRY["citizen_satisfaction"]
    a = citizen_satisfaction(2014, AS_OF, [small.units[UNIT_A].pk])[small.units[UNIT_A].pk]

    text = component.explain(a.raw)

    assert "3" in text and "4.00" in text and "2" in text
    assert component in offered()


def test_a_rating_after_the_appraisal_day_does_not_count(small: Small) -> None:
    _ratings(small)
    pk = small.units[UNIT_B].pk

    found = citizen_satisfaction(2014, dt.date(2014, 7, 15), [pk])[pk]

    assert (found.raw["ratings"], found.score) == (1, Decimal("40.00"))


def test_it_weighs_into_the_total_and_costs_two_queries(small: Small) -> None:
    _ratings(small)
    weights = {**WEIGHTS, "reports_on_time": 20, "citizen_satisfaction": 10}
    ids = [small.units[name].pk for name in (UNIT_A, UNIT_B, STREET)]
    with CaptureQueriesContext(connection) as queries:
        citizen_satisfaction(2014, AS_OF, ids)

    scored = {
        row.unit_id: row for row in score_units(year=2014, as_of=AS_OF, weights=weights, cap=Decimal(5))
    }

    assert len(queries) == 2
    parts = {c["key"]: c for c in scored[small.units[UNIT_A].pk].components}
    assert (parts["citizen_satisfaction"]["score"], parts["citizen_satisfaction"]["weighted"]) == (
        "80.00",
        "8.00",
    )
