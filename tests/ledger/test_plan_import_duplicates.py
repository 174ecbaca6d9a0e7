"""The same document is stored once; --replace swaps the plan for a new import."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reformtrack.ingest.model import ParsedPlan
from reformtrack.ledger.errors import DuplicateDocument
from reformtrack.ledger.models import Plan, Project, SourceDocument, Unit
from reformtrack.ledger.services import plan_import

MakePlan = Callable[..., ParsedPlan]

pytestmark = pytest.mark.django_db


def test_it_refuses_the_same_document_twice(make_plan: MakePlan) -> None:
    first = plan_import(parsed=make_plan(), source_bytes=b"same", filename="a.txt")

    with pytest.raises(DuplicateDocument) as caught:
        plan_import(parsed=make_plan(), source_bytes=b"same", filename="b.txt")

    assert caught.value.plan == first
    assert f"plan {first.pk}" in str(caught.value)
    assert Plan.objects.count() == 1


def test_it_accepts_a_different_document(make_plan: MakePlan) -> None:
    plan_import(parsed=make_plan(), source_bytes=b"one", filename="a.txt")
    plan_import(parsed=make_plan(), source_bytes=b"two", filename="a.txt")

    assert Plan.objects.count() == 2
    # the unit registry is shared: the second plan reuses the first one's units
    assert Unit.objects.filter(name="区发改局").count() == 1


def test_it_replaces_the_plan_when_asked(make_plan: MakePlan) -> None:
    old = plan_import(parsed=make_plan(projects=3), source_bytes=b"same", filename="a.txt")

    new = plan_import(parsed=make_plan(projects=1), source_bytes=b"same", filename="a.txt", replace=True)

    assert list(Plan.objects.all()) == [new]
    assert new.pk != old.pk
    assert SourceDocument.objects.get().plan == new
    assert Project.objects.filter(level=1).count() == 2  # 2 chapters x 1 project


def test_replacing_leaves_other_plans_alone(make_plan: MakePlan) -> None:
    other = plan_import(parsed=make_plan(), source_bytes=b"other", filename="o.txt")
    plan_import(parsed=make_plan(), source_bytes=b"same", filename="a.txt")

    plan_import(parsed=make_plan(), source_bytes=b"same", filename="a.txt", replace=True)

    assert Plan.objects.count() == 2
    assert Plan.objects.filter(pk=other.pk).exists()
