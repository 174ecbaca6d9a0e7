"""An import that fails anywhere stores nothing at all."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reformtrack.ingest.model import ParsedPlan, Target
from reformtrack.ledger.errors import PlanImportError
from reformtrack.ledger.models import (
    Chapter,
    Measure,
    MeasureUnit,
    Plan,
    Project,
    ProjectUnit,
    SourceDocument,
    Unit,
)
from reformtrack.ledger.models import (
    Target as StoredTarget,
)
from reformtrack.ledger.services import plan_import

MakePlan = Callable[..., ParsedPlan]

pytestmark = pytest.mark.django_db

LEDGER_MODELS = [
    Plan,
    SourceDocument,
    Chapter,
    Project,
    Measure,
    StoredTarget,
    Unit,
    ProjectUnit,
    MeasureUnit,
]


def assert_nothing_stored() -> None:
    assert {model.__name__: model._default_manager.count() for model in LEDGER_MODELS} == {
        model.__name__: 0 for model in LEDGER_MODELS
    }


def test_it_stores_nothing_when_the_database_refuses_a_late_row(make_plan: MakePlan) -> None:
    parsed = make_plan(chapters=2, projects=3)
    # the last project's target runs from 9 down to 1: the CHECK constraint on targets fails only
    # after the plan, chapters, projects and units have been written
    parsed.chapters[-1].items[-1].targets.append(Target(text="9至1个", subject="x", min=9, max=1, unit="个"))

    with pytest.raises(PlanImportError, match="target_range_in_order"):
        plan_import(parsed=parsed, source_bytes=b"bad", filename="bad.txt")

    assert_nothing_stored()


def test_a_failed_replace_keeps_the_old_plan(make_plan: MakePlan) -> None:
    old = plan_import(parsed=make_plan(), source_bytes=b"same", filename="a.txt")
    parsed = make_plan()
    parsed.chapters[0].items[0].targets.append(Target(text="bad", subject="x", min=9, max=1, unit="个"))

    with pytest.raises(PlanImportError, match="target_range_in_order"):
        plan_import(parsed=parsed, source_bytes=b"same", filename="a.txt", replace=True)

    assert list(Plan.objects.all()) == [old]
    assert Project.objects.filter(plan=old).count() == 2 * 2 * 2


def test_it_refuses_values_too_long_for_the_database_before_writing(make_plan: MakePlan) -> None:
    parsed = make_plan(lead_units=("区" * 300,))

    with pytest.raises(PlanImportError, match="unit name"):
        plan_import(parsed=parsed, source_bytes=b"x", filename="x.txt")

    assert_nothing_stored()


def test_it_refuses_an_overlong_document_number(make_plan: MakePlan) -> None:
    parsed = make_plan()
    parsed.doc_number = "号" * 101

    with pytest.raises(PlanImportError, match="document number"):
        plan_import(parsed=parsed, source_bytes=b"x", filename="x.txt")

    assert_nothing_stored()


def test_it_refuses_nul_characters_on_every_database(make_plan: MakePlan) -> None:
    parsed = make_plan()
    parsed.chapters[0].items[0].measures[0].text = "举措\x00"

    with pytest.raises(PlanImportError, match="NUL"):
        plan_import(parsed=parsed, source_bytes=b"x", filename="x.txt")

    assert_nothing_stored()
