"""The innovation award's prizes, the supervision decisions and the post-implementation evaluations
count in the appraisal: totals of the small programme worked out by hand, and the queries of each
source do not grow with the number of units."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from reformtrack.appraisal.components import BONUS_SOURCES
from reformtrack.appraisal.explain import score_of, shown_components
from reformtrack.appraisal.selectors import appraised_units
from reformtrack.appraisal.services import appraisal_compute
from reformtrack.appraisal.sources import award_prizes, decisions, evaluation_results
from reformtrack.award.models import AwardCall, Nomination, PrizeRule
from reformtrack.evaluation.models import Evaluation
from reformtrack.ledger.models import Plan, Project, Unit
from reformtrack.supervision.models import Decision

from .conftest import AS_OF, STREET, UNIT_A, UNIT_B, WEIGHTS, Small, by_unit
from .test_query_counts import MORE_UNITS, _grow

pytestmark = pytest.mark.django_db


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def _call(office: User, *, announced: bool = True) -> AwardCall:
    call = AwardCall.objects.create(
        year=2014,
        title="2014年度罗湖创新奖",
        nomination_opens=dt.date(2014, 3, 1),
        nomination_closes=dt.date(2014, 4, 1),
        scoring_opens=dt.date(2014, 4, 2),
        scoring_closes=dt.date(2014, 5, 1),
        announced_on=dt.date(2014, 6, 1) if announced else None,
        created_by=office,
    )
    PrizeRule.objects.create(call=call, level="first", count=1, bonus_points=Decimal(3))
    PrizeRule.objects.create(call=call, level="merit", count=2, bonus_points=Decimal(0))
    return call


def _nominate(call: AwardCall, unit: Unit, title: str, prize: str, office: User) -> None:
    Nomination.objects.create(
        call=call, unit=unit, title=title, status="awarded", prize=prize, created_by=office
    )


def _decide(
    office: User,
    unit: Unit,
    sequence: int,
    kind: str,
    points: str,
    *,
    year: int = 2014,
    status: str = "issued",
) -> None:
    Decision.objects.create(
        year=year,
        sequence=sequence,
        kind=kind,
        unit=unit,
        issuing_office="supervision",
        reason="依据督查结果",
        points=Decimal(points),
        deadline=dt.date(year, 12, 1) if kind == "rectification" else None,
        decided_by=office,
        decided_on=dt.date(year, 5, 1),
        status=status,
    )


def _evaluate(project: Project, conclusion: str, signed: dt.date | None) -> None:
    Evaluation.objects.create(
        project=project,
        status="concluded" if signed else "office",
        conclusion=conclusion if signed else "",
        signed_at=signed and _at(signed),
    )


def _wire(small: Small) -> None:
    """Everything the sources read, with the figures each unit gets in the comments."""
    a, b, street = (small.units[name] for name in (UNIT_A, UNIT_B, STREET))
    office = small.office
    call = _call(office)
    _nominate(call, b, "财政资金直达", "first", office)  # B: +3
    _nominate(call, street, "社区议事会", "merit", office)  # the merit award carries no points: nothing
    _decide(office, a, 1, "criticism", "-2")  # A: −2
    _decide(office, a, 2, "commendation", "1", status="revoked")  # revoked: nothing
    _decide(office, b, 3, "commendation", "1.5", status="answered")  # B: +1.5
    _decide(office, street, 1, "interview", "-1", year=2013)  # another year: nothing
    _evaluate(small.projects["P1"], "extend", dt.date(2014, 3, 1))  # A: 100
    _evaluate(small.projects["P2"], "adjust", dt.date(2014, 11, 1))  # A: 60
    _evaluate(small.projects["P3"], "stop", dt.date(2015, 1, 5))  # signed off after the year: nothing
    _evaluate(small.projects["P4"], "", None)  # not signed off: nothing


def test_the_totals_with_prizes_decisions_and_evaluations_equal_the_hand_worked_figures(
    small: Small, office_user: User
) -> None:
    _wire(small)
    small.scheme.weights = {**WEIGHTS, "evaluation_results": 10}
    small.scheme.save()

    results = by_unit(appraisal_compute(scheme=small.scheme, by=office_user, as_of=AS_OF))

    a, b, street = results[UNIT_A], results[UNIT_B], results[STREET]
    # A: the five components give 55 (test_appraisal_totals.py); evaluations (100 + 60) / 2 = 80,
    # 10 × 0.8 = 8; claims 3 + 4 = 7 capped at 5, the criticism −2 counted in full: bonus 3.
    assert score_of(a, "evaluation_results") == Decimal(80)
    assert (a.bonus_claimed, a.bonus, a.total) == (Decimal(7), Decimal(3), Decimal(66))
    # B: 30, no evaluation signed off in 2014 (full marks, 10), first prize 3 + commendation 1.5.
    assert score_of(b, "evaluation_results") == Decimal(100)
    assert (b.bonus_claimed, b.bonus, b.total) == (Decimal("4.5"), Decimal("4.5"), Decimal("44.5"))
    # The street: 100 + 10, its claim of 1; the merit award and the decision of 2013 add nothing.
    assert (street.bonus, street.total) == (Decimal(1), Decimal(111))
    assert [points for _description, points in b.bonus_items] == ["3.00", "1.5"]
    assert b.bonus_items[0][0].endswith("财政资金直达")
    assert b.bonus_items[1][0].startswith("罗督决〔2014〕3号")


def test_the_evaluation_score_explains_each_point(small: Small, office_user: User) -> None:
    _wire(small)
    small.scheme.weights = {**WEIGHTS, "evaluation_results": 10}
    small.scheme.save()
    result = by_unit(appraisal_compute(scheme=small.scheme, by=office_user, as_of=AS_OF))[UNIT_A]

    with translation.override("en"):
        shown = {component.key: component for component in shown_components(result)}["evaluation_results"]

    assert shown.rule.startswith("2 post-implementation evaluations")
    assert "1 to extend (100 points each)" in shown.rule
    assert "1 to adjust (60)" in shown.rule
    assert [row[1:] for row in shown.rows] == [
        ["2014-03-01", "Extend", "100"],
        ["2014-11-01", "Adjust and improve", "60"],
    ]
    assert shown.weighted == Decimal(8)


def test_an_unannounced_call_adds_no_points(small: Small) -> None:
    call = _call(small.office, announced=False)
    _nominate(call, small.units[UNIT_B], "财政资金直达", "first", small.office)

    assert award_prizes(2014, [unit.pk for unit in small.units.values()]) == {}


def test_the_sources_are_registered() -> None:
    assert award_prizes in BONUS_SOURCES
    assert decisions in BONUS_SOURCES


def _queries(read: Callable[[list[int]], object], unit_ids: list[int]) -> int:
    with CaptureQueriesContext(connection) as captured:
        read(unit_ids)
    return len(captured)


def _wire_more(office: User) -> None:
    """A prize, a decision and an evaluation for each unit the growth added."""
    call = AwardCall.objects.get(year=2014)
    added = Project.objects.filter(project_units__unit__name__in=MORE_UNITS).order_by("pk")
    for sequence, project in enumerate(added, start=10):
        unit = project.project_units.get().unit
        _nominate(call, unit, f"创新{sequence}", "first", office)
        _decide(office, unit, sequence, "commendation", "1")
        _evaluate(project, "keep", dt.date(2014, 6, 1))


def test_the_sources_cost_the_same_queries_for_more_units(
    small: Small, store_plan: Callable[..., Plan]
) -> None:
    _wire(small)
    reads: list[Callable[[list[int]], object]] = [
        lambda ids: award_prizes(2014, ids),
        lambda ids: decisions(2014, ids),
        lambda ids: evaluation_results(2014, AS_OF, ids),
    ]
    few_ids = [pk for pk, _group in appraised_units()]
    few = [_queries(read, few_ids) for read in reads]

    _grow(store_plan)
    _wire_more(small.office)
    many_ids = [pk for pk, _group in appraised_units()]
    many = [_queries(read, many_ids) for read in reads]

    assert len(many_ids) > len(few_ids)
    assert len(decisions(2014, many_ids)) > len(decisions(2014, few_ids))
    assert few == many == [2, 1, 1]
