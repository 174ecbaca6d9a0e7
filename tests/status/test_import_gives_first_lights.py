"""An imported plan has its lights at once: no page shows it as not assessed until the next run."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reformtrack.ledger.choices import Light
from reformtrack.ledger.models import Measure, Plan, Project
from reformtrack.status.choices import LightCause
from reformtrack.status.models import StatusChange

pytestmark = pytest.mark.django_db


def test_every_project_and_measure_of_an_imported_plan_has_a_light(store_plan: Callable[..., Plan]) -> None:
    plan = store_plan(chapters=2, projects=2, measures=2)

    projects = Project.objects.filter(plan=plan)
    assert projects.exists() and not projects.filter(light=Light.NONE).exists()
    assert not Measure.objects.filter(project__plan=plan, light=Light.NONE).exists()
    # the fixture plan's projects were due in 2013: red, with the reason stored
    top = projects.filter(level=1)
    assert set(top.values_list("light", flat=True)) == {Light.RED}
    assert all(reasons for reasons in top.values_list("light_reasons", flat=True))
    changes = StatusChange.objects.filter(project__plan=plan)
    assert changes.count() == projects.count() + Measure.objects.filter(project__plan=plan).count()
    assert set(changes.values_list("cause", flat=True)) == {LightCause.IMPORT}


def test_another_plan_keeps_its_lights(store_plan: Callable[..., Plan]) -> None:
    first = store_plan(b"first")
    Project.objects.filter(plan=first).update(light=Light.YELLOW)

    store_plan(b"second")

    assert set(Project.objects.filter(plan=first).values_list("light", flat=True)) == {Light.YELLOW}
