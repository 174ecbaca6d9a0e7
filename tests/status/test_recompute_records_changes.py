"""lights_recompute stores each light and records a change only when the light changes."""

from __future__ import annotations

from reformtrack.ledger.choices import Light
from reformtrack.ledger.models import Measure, Project
from reformtrack.status.choices import LightCause
from reformtrack.status.models import StatusChange, StatusRules
from reformtrack.status.services import lights_recompute

from .conftest import TODAY, BuildPlan


def test_the_first_run_stores_the_lights_and_records_every_change(lights_plan: BuildPlan) -> None:
    plan = lights_plan(3)

    summary = lights_recompute(plans=[plan], today=TODAY)

    assert summary.projects == 3 and summary.measures == 6
    assert summary.changed_projects == 3 and summary.changed_measures == 6
    assert set(Project.objects.values_list("light", flat=True)) == {Light.GREEN}
    assert set(Measure.objects.values_list("light", flat=True)) == {Light.GREEN}
    change = StatusChange.objects.filter(measure=None).first()
    assert change is not None
    assert (change.old, change.new, change.cause, change.on) == ("none", "green", LightCause.RECOMPUTE, TODAY)
    assert change.reasons == [{"code": "on_track", "light": "green"}]
    assert StatusRules.objects.filter(plan=plan).count() == 1  # created with the defaults


def test_a_second_run_writes_nothing(lights_plan: BuildPlan) -> None:
    plan = lights_plan(3)
    lights_recompute(plans=[plan], today=TODAY)
    changes = StatusChange.objects.count()

    summary = lights_recompute(plans=[plan], today=TODAY)

    assert summary.changed_projects == summary.changed_measures == 0
    assert StatusChange.objects.count() == changes


def test_a_later_run_records_the_light_that_changed(lights_plan: BuildPlan) -> None:
    plan = lights_plan(2)
    lights_recompute(plans=[plan], today=TODAY)
    first = plan.projects.order_by("position")[0]
    Project.objects.filter(pk=first.pk).update(progress=10)  # a stand-in for an edit made elsewhere

    summary = lights_recompute(plans=[plan], today=TODAY)

    assert summary.changed_projects == 1
    change = StatusChange.objects.filter(project=first, measure=None).order_by("-id")[0]
    assert (change.old, change.new) == ("green", "red")
    assert change.reasons[0]["code"] == "behind_red"
    first.refresh_from_db()
    assert first.light == Light.RED
    assert first.light_reasons[0]["code"] == "behind_red"


def test_only_the_plans_named_are_judged(lights_plan: BuildPlan) -> None:
    plan = lights_plan(1, title="甲")
    other = lights_plan(1, title="乙")

    lights_recompute(plans=[plan.pk], today=TODAY)

    assert other.projects.get().light == Light.NONE
    assert plan.projects.get().light == Light.GREEN
