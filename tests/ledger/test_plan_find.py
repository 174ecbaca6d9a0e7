"""A plan can be named by id, document number or a title fragment only it has."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reformtrack.ingest.model import ParsedPlan
from reformtrack.ledger.errors import PlanNotFound
from reformtrack.ledger.models import Plan
from reformtrack.ledger.selectors import plan_by_sha256, plan_find
from reformtrack.ledger.services import plan_import

MakePlan = Callable[..., ParsedPlan]

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(make_plan: MakePlan) -> tuple[Plan, Plan]:
    reform = plan_import(
        parsed=make_plan(title="罗湖区全面推进改革创新总体方案"), source_bytes=b"a", filename="a"
    )
    other = make_plan(title="罗湖区简政放权实施方案")
    other.doc_number = "罗发〔2014〕7号"
    return reform, plan_import(parsed=other, source_bytes=b"b", filename="b")


def test_it_finds_a_plan_by_id(plans: tuple[Plan, Plan]) -> None:
    assert plan_find(str(plans[1].pk)) == plans[1]


def test_it_finds_a_plan_by_document_number(plans: tuple[Plan, Plan]) -> None:
    assert plan_find("罗发〔2014〕7号") == plans[1]


def test_it_finds_a_plan_by_a_title_fragment(plans: tuple[Plan, Plan]) -> None:
    assert plan_find("改革创新") == plans[0]


def test_it_refuses_a_fragment_several_plans_have(plans: tuple[Plan, Plan]) -> None:
    with pytest.raises(PlanNotFound, match="several plans"):
        plan_find("罗湖区")


def test_it_refuses_an_unknown_plan(plans: tuple[Plan, Plan]) -> None:
    with pytest.raises(PlanNotFound, match="no plan '999'"):
        plan_find("999")


def test_it_refuses_an_empty_reference(plans: tuple[Plan, Plan]) -> None:
    with pytest.raises(PlanNotFound):
        plan_find(" ")


def test_it_finds_a_plan_by_its_document_hash(plans: tuple[Plan, Plan]) -> None:
    import hashlib

    assert plan_by_sha256(hashlib.sha256(b"a").hexdigest()) == plans[0]
    assert plan_by_sha256("0" * 64) is None
