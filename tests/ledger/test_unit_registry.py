"""Imports reuse units already in the registry, by name or alias, and add the others."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reformtrack.ingest.model import ParsedPlan
from reformtrack.ledger.choices import UnitKind, UnitRole
from reformtrack.ledger.models import ProjectUnit, Unit, UnitAlias
from reformtrack.ledger.services import plan_import, units_resolve

MakePlan = Callable[..., ParsedPlan]

pytestmark = pytest.mark.django_db


def test_it_reuses_a_unit_with_the_same_name(make_plan: MakePlan) -> None:
    known = Unit.objects.create(name="区发改局", kind=UnitKind.GOVERNMENT)

    plan_import(parsed=make_plan(lead_units=("区 发改局",)), source_bytes=b"x", filename="x")

    assert Unit.objects.filter(name__contains="发改局").count() == 1
    assert ProjectUnit.objects.filter(unit=known, role=UnitRole.LEAD).exists()


def test_it_reuses_a_unit_through_an_alias(make_plan: MakePlan) -> None:
    known = Unit.objects.create(name="区发改局", kind=UnitKind.GOVERNMENT)
    UnitAlias.objects.create(unit=known, name="区发展和改革局")

    plan_import(parsed=make_plan(lead_units=("区发展和改革局",)), source_bytes=b"x", filename="x")

    assert not Unit.objects.filter(name="区发展和改革局").exists()
    assert ProjectUnit.objects.filter(unit=known, role=UnitRole.LEAD).exists()


def test_it_adds_new_units_with_a_guessed_kind(make_plan: MakePlan) -> None:
    plan_import(
        parsed=make_plan(lead_units=("团区委",), co_units=("区法院",)), source_bytes=b"x", filename="x"
    )

    assert Unit.objects.get(name="团区委").kind == UnitKind.MASS_ORGANISATION
    assert Unit.objects.get(name="区法院").kind == UnitKind.JUDICIAL


def test_it_keeps_the_kind_of_a_known_unit(make_plan: MakePlan) -> None:
    Unit.objects.create(name="区发改局", kind=UnitKind.OTHER)

    plan_import(parsed=make_plan(lead_units=("区发改局",)), source_bytes=b"x", filename="x")

    assert Unit.objects.get(name="区发改局").kind == UnitKind.OTHER


def test_resolving_skips_names_that_are_only_punctuation() -> None:
    units = units_resolve(["、", " ", "区财政局"])

    assert list(units) == ["区财政局"]
    assert Unit.objects.count() == 1
