"""The rules page: everyone with a role reads a plan's rules; the coordinating office changes them."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.choices import Light
from reformtrack.status.models import StatusRules

from .conftest import TODAY, BuildPlan

FORM = {
    "near_days": "30",
    "yellow_behind_points": "10",
    "red_behind_points": "25",
    "yellow_report_problems": "1",
    "red_report_problems": "3",
    "overdue_milestone_yellow": "on",
    "report_periods": "3",
    "target_behind_points": "10",
}


def test_a_unit_reads_the_defaults_without_anything_being_saved(
    lights_plan: BuildPlan, client: Client, clerk_user: User
) -> None:
    plan = lights_plan(1)
    client.force_login(clerk_user)

    page = client.get(reverse("status:rules", args=[plan.pk])).content.decode()

    assert 'data-testid="rules-defaults"' in page
    assert "<fieldset disabled>" in page
    assert not StatusRules.objects.exists()


def test_the_office_changes_the_rules_and_the_lights_follow(
    lights_plan: BuildPlan, client: Client, office_user: User
) -> None:
    plan = lights_plan(1, progress=45)  # 5 points behind at mid-year: green by default
    client.force_login(office_user)

    response = client.post(reverse("status:rules", args=[plan.pk]), {**FORM, "yellow_behind_points": "5"})

    assert response.status_code == 302
    rules = StatusRules.objects.get(plan=plan)
    assert rules.yellow_behind_points == 5
    assert rules.history.first().history_user == office_user
    assert rules.history.first().history_change_reason == "changed yellow_behind_points"
    # the lights are computed as of the real today: the plan of 2014 is long overdue
    assert plan.projects.get().light == Light.RED
    assert TODAY.year == 2014


def test_thresholds_out_of_order_are_refused(
    lights_plan: BuildPlan, client: Client, office_user: User
) -> None:
    plan = lights_plan(1)
    client.force_login(office_user)

    response = client.post(reverse("status:rules", args=[plan.pk]), {**FORM, "red_behind_points": "5"})

    assert response.status_code == 400
    assert "红灯的落后百分点不能少于黄灯。" in response.content.decode()
    assert not StatusRules.objects.filter(plan=plan, red_behind_points=5).exists()


def test_a_unit_cannot_change_the_rules(lights_plan: BuildPlan, client: Client, clerk_user: User) -> None:
    plan = lights_plan(1)
    client.force_login(clerk_user)

    response = client.post(reverse("status:rules", args=[plan.pk]), FORM)

    assert response.status_code == 403
    assert not StatusRules.objects.exists()
