"""The selectors cost the same queries for 10 projects as for 1,000 (no N+1)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reformtrack.ledger.models import Plan, Project, Unit
from reformtrack.ledger.selectors import plan_progress_report, project_list, units_expanded

pytestmark = pytest.mark.django_db


def queries(run: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)


def costs(user_id: int) -> dict[str, int]:
    plan = Plan.objects.get()
    user = User.objects.get(pk=user_id)  # fresh: its profile is one query of each selector

    def list_page() -> None:
        for project in project_list(user):
            [(link.unit.name, link.role) for link in project.project_units.all()]
            _ = (project.plan.title, project.chapter.title, project.leader)

    def progress() -> None:
        plan_progress_report(plan.pk, within=Project.objects.restrict(user, "view"))

    return {
        "project_list": queries(list_page),
        "plan_progress_report": queries(progress),
        "units_expanded": queries(lambda: units_expanded(list(Unit.objects.all()))),
    }


@pytest.mark.parametrize("role_fixture", ["office_user", "clerk_user"])
def test_it_costs_the_same_for_10_and_1000_projects(
    role_fixture: str, request: pytest.FixtureRequest, store_plan: Callable[..., Plan]
) -> None:
    user = request.getfixturevalue(role_fixture)
    lead = ("区经济促进局", "区财政局")
    store_plan(chapters=2, projects=5, measures=1, children=0, lead_units=lead)
    small = costs(user.pk)
    Plan.objects.all().delete()
    store_plan(chapters=10, projects=100, measures=1, children=0, lead_units=lead)
    large = costs(user.pk)

    assert large == small
    # the user's profile, projects with plan, chapter and leader, their units; plan, projects, chapters
    assert small["project_list"] == 3
    assert small["plan_progress_report"] == 3
    assert small["units_expanded"] == 2
