"""The project library shows each project's light as a word and filters and sorts by it."""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.models import Project
from reformtrack.status.services import lights_recompute

from .conftest import TODAY, BuildPlan


def _lit(lights_plan: BuildPlan) -> list[Project]:
    plan = lights_plan(3)
    projects = list(plan.projects.order_by("position"))
    Project.objects.filter(pk=projects[1].pk).update(progress=0)  # red: 50 points behind
    Project.objects.filter(pk=projects[2].pk).update(progress=38)  # yellow: 12 behind
    lights_recompute(plans=[plan], today=TODAY)
    return projects


def _row_ids(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-testid="project-row" data-project-id="(\d+)"', html)]


def test_it_filters_the_library_by_light(lights_plan: BuildPlan, client: Client, clerk_user: User) -> None:
    _green, red, _yellow = _lit(lights_plan)
    client.force_login(clerk_user)

    page = client.get(reverse("ledger:project_list"), {"light": "red"}).content.decode()

    assert _row_ids(page) == [red.pk]
    assert 'data-light="red"' in page and "严重滞后" in page
    assert 'aria-label="状态灯: 严重滞后"' in page


def test_it_sorts_the_library_worst_light_first(
    lights_plan: BuildPlan, client: Client, office_user: User
) -> None:
    green, red, yellow = _lit(lights_plan)
    client.force_login(office_user)

    worst_first = client.get(reverse("ledger:project_list"), {"sort": "light"}).content.decode()
    best_first = client.get(reverse("ledger:project_list"), {"sort": "-light"}).content.decode()

    assert _row_ids(worst_first) == [red.pk, yellow.pk, green.pk]
    assert _row_ids(best_first) == [green.pk, yellow.pk, red.pk]


def test_every_row_carries_its_light_in_words(
    lights_plan: BuildPlan, client: Client, office_user: User
) -> None:
    _lit(lights_plan)
    client.force_login(office_user)

    page = client.get(reverse("ledger:project_list")).content.decode()

    assert page.count('data-testid="light-badge"') == 3
    for word in ("正常", "预警", "严重滞后"):
        assert word in page
