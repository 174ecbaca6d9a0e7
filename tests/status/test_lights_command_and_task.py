"""`reformtrack lights` and the lights task compute the lights as of a day."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from reformtrack.ledger.choices import Light
from reformtrack.status.models import StatusChange
from reformtrack.status.tasks import lights_recompute_task

from .conftest import BuildPlan

IMMEDIATE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}
}


def test_the_command_judges_a_plan_as_of_a_date(lights_plan: BuildPlan) -> None:
    plan = lights_plan(2)
    out = io.StringIO()

    call_command("lights", "--plan", str(plan.pk), "--date", "2015-01-10", stdout=out)

    assert set(plan.projects.values_list("light", flat=True)) == {Light.RED}  # past the deadline
    assert "2015-01-10: 2 projects, 4 measures" in out.getvalue()
    assert "0 green, 0 yellow, 2 red" in out.getvalue()


def test_the_command_refuses_a_bad_date_or_plan(lights_plan: BuildPlan) -> None:
    plan = lights_plan(1)
    with pytest.raises(CommandError, match="not a date"):
        call_command("lights", "--date", "2015-13-01")
    with pytest.raises(CommandError, match="no plan"):
        call_command("lights", "--plan", str(plan.pk + 99))
    assert StatusChange.objects.count() == 0


@override_settings(TASKS=IMMEDIATE)
def test_the_task_runs_the_recomputation(lights_plan: BuildPlan) -> None:
    plan = lights_plan(3)

    result = lights_recompute_task.enqueue(plan_ids=[plan.pk], date="2014-07-02")

    assert result.return_value == {
        "projects": 3,
        "measures": 6,
        "changed_projects": 3,
        "changed_measures": 6,
        "lights": {"green": 3},
    }
    assert set(plan.projects.values_list("light", flat=True)) == {Light.GREEN}
