"""satisfaction(project) and satisfaction_by_unit(year): hand-counted figures, in a fixed number of
queries whatever the number of units."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from reformtrack.ledger.models import Plan, Project, Unit
from reformtrack.ledger.services_publish import plan_publish
from reformtrack.ratings.selectors import satisfaction, satisfaction_by_unit

from .conftest import LEAD, Submit


def test_a_projects_mean_count_and_distribution(public_project: Project, submit: Submit) -> None:
    for number, score in enumerate((5, 4, 4, 1)):
        submit(public_project, cookie=str(number), score=score)

    found = satisfaction(public_project)

    assert (found.count, found.mean) == (4, Decimal("3.50"))
    assert found.distribution == {1: 1, 2: 0, 3: 0, 4: 2, 5: 1}
    assert found.bars()[0] == (5, 1, 25) and found.bars()[1] == (4, 2, 50)


def test_no_rating_has_no_mean(public_project: Project) -> None:
    assert (satisfaction(public_project).count, satisfaction(public_project).mean) == (0, None)


def test_each_lead_unit_gets_the_years_ratings_of_its_projects(
    public_project: Project, store_plan: Callable[..., Plan], office_user: User, submit: Submit
) -> None:
    other_plan = store_plan(
        b"second", chapters=1, projects=2, children=0, measures=0, lead_units=("区财政局",)
    )
    plan_publish(by=office_user, plan=other_plan, all_projects=True)
    first, second = other_plan.projects.order_by("position")
    with freeze_time("2025-05-01"):
        submit(public_project, cookie="last year", score=1)
    with freeze_time("2026-05-01"):
        submit(public_project, cookie="a", score=5)
        submit(public_project, cookie="b", score=4)
        submit(first, cookie="a", score=2)
        submit(second, cookie="a", score=3)
        submit(second, cookie="b", score=3)

    with CaptureQueriesContext(connection) as queries:
        found = satisfaction_by_unit(2026)

    lead = Unit.objects.get(name=LEAD).pk
    finance = Unit.objects.get(name="区财政局").pk
    assert len(queries) == 2
    assert (found[lead].count, found[lead].mean) == (2, Decimal("4.50"))
    assert (found[finance].count, found[finance].mean) == (3, Decimal("2.67"))
    assert [row[3:] for row in found[finance].projects] == [(1, 2), (2, 6)]
    assert satisfaction_by_unit(2026, as_of=dt.date(2026, 4, 30)) == {}
