"""The appraisal reads every unit at once: its queries do not grow with the number of units."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reformtrack.appraisal.models import Run
from reformtrack.appraisal.selectors import score_units
from reformtrack.appraisal.services import appraisal_compute, appraisal_publish
from reformtrack.ledger.models import Plan, ProjectUnit, Unit
from reformtrack.ledger.units import guess_unit_kind

from .conftest import AS_OF, WEIGHTS, Small

MORE_UNITS = ("区教育局", "区民政局", "区卫生局", "翠竹街道办事处", "黄贝街道办事处")


def _queries(work: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        work()
    return len(captured)


def _grow(store_plan: Callable[..., Plan]) -> None:
    plan = store_plan(b"more", chapters=1, projects=len(MORE_UNITS), children=0, measures=0, co_units=())
    for project, name in zip(plan.projects.order_by("position"), MORE_UNITS, strict=True):
        unit = Unit.objects.get_or_create(name=name, defaults={"kind": guess_unit_kind(name)})[0]
        ProjectUnit.objects.filter(project=project).delete()
        ProjectUnit.objects.create(project=project, unit=unit, role="lead", position=0)


def test_scoring_every_unit_costs_the_same_queries_for_more_units(
    small: Small, store_plan: Callable[..., Plan]
) -> None:
    def score() -> object:
        return score_units(year=2014, as_of=AS_OF, weights=WEIGHTS, cap=small.scheme.bonus_cap)

    few = _queries(score)
    units_before = len(score_units(year=2014, as_of=AS_OF, weights=WEIGHTS, cap=small.scheme.bonus_cap))
    _grow(store_plan)
    many = _queries(score)

    assert (
        len(score_units(year=2014, as_of=AS_OF, weights=WEIGHTS, cap=small.scheme.bonus_cap)) > units_before
    )
    assert few == many


def test_the_ranking_page_costs_the_same_queries_for_more_units(
    small: Small, store_plan: Callable[..., Plan], office_user: User, client: Client
) -> None:
    client.force_login(office_user)
    run = appraisal_publish(
        run=appraisal_compute(scheme=small.scheme, by=office_user, as_of=AS_OF), by=office_user
    )
    url = reverse("appraisal:run", args=[run.pk])
    client.get(url)
    few = _queries(lambda: client.get(url))
    rows_before = run.results.count()

    _grow(store_plan)
    Run.objects.filter(pk=run.pk).update(status="computed")
    run = appraisal_compute(scheme=small.scheme, by=office_user, as_of=AS_OF)
    many = _queries(lambda: client.get(url))

    assert run.results.count() > rows_before
    assert few == many


def test_the_bonus_list_costs_the_same_queries_for_more_claims(
    small: Small, office_user: User, client: Client
) -> None:
    from decimal import Decimal

    from reformtrack.appraisal.models import BonusClaim

    client.force_login(office_user)
    url = reverse("appraisal:bonus")
    client.get(url)
    few = _queries(lambda: client.get(url))
    for unit in small.units.values():
        BonusClaim.objects.create(
            year=2015, unit=unit, description="成果", points=Decimal(1), created_by=office_user
        )

    many = _queries(lambda: client.get(url))

    assert BonusClaim.objects.count() > 4
    assert few == many
