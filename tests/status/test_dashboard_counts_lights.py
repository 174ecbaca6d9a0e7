"""The dashboard counts the projects of each light per chapter and for the plan, with a chart's data."""

from __future__ import annotations

import json
import re

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.models import Project
from reformtrack.status.selectors import plan_lights
from reformtrack.status.services import lights_recompute

from .conftest import TODAY, BuildPlan


def test_the_roll_up_counts_lights_and_reuses_the_weighted_progress(lights_plan: BuildPlan) -> None:
    plan = lights_plan(4)
    Project.objects.filter(pk=plan.projects.order_by("position")[0].pk).update(progress=0)
    lights_recompute(plans=[plan], today=TODAY)

    rollup = plan_lights(plan)

    assert (rollup.lights.of("red"), rollup.lights.of("green"), rollup.lights.total) == (1, 3, 4)
    assert rollup.progress.progress == 37.5
    assert rollup.chapters[0].lights.of("red") == 1


def test_the_dashboard_shows_the_counts(lights_plan: BuildPlan, client: Client, office_user: User) -> None:
    plan = lights_plan(4)
    Project.objects.filter(pk=plan.projects.order_by("position")[0].pk).update(progress=0)
    lights_recompute(plans=[plan], today=TODAY)
    client.force_login(office_user)

    page = client.get(reverse("web:dashboard"), {"plan": plan.pk}).content.decode()

    assert 'data-testid="dashboard-lights"' in page
    total = page.split('data-testid="lights-total"')[1].split("</tr>")[0]
    assert re.findall(r">(\d+)</a>", total) == ["1", "0", "3", "0"]  # red, yellow, green, not assessed
    data = json.loads(page.split('id="dashboard-data" type="application/json">')[1].split("</script>")[0])
    assert data["lights"]["keys"] == ["red", "yellow", "green", "none"]
    assert data["lights"]["values"] == [[1], [0], [3], [0]]
