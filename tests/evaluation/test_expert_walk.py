"""Every URL of the project, walked as an external expert: an account with no profile and so no
role, assigned to score the "own" evaluation of the permission walk's world (its panel sitting).

The expert reaches their assignments (the list, the evaluation, its report, the scoring form),
their account and their notifications; the site's root sends them to their assignments. Every
other page answers 404 (a page they may not see), a step of their evaluation that is not theirs
403, and the admin sends them to its login. The walk's table (tests/web/test_permission_walk.py)
gives the URLs and fills their parameters, so a page added there is walked here too.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from reformtrack.evaluation import services_panel
from reformtrack.evaluation.models import Evaluation
from web import test_permission_walk as walk

world = walk.world  # the walk's world, a fixture under its own name

LOGIN, REDIRECT = walk.LOGIN, walk.REDIRECT

# (name, variant, method) → the answer; anything not listed answers 404
OPEN_TO_THE_EXPERT: dict[tuple[str, str, str], Any] = {
    ("accounts:login", "", "GET"): REDIRECT,  # signed in already
    ("accounts:logout", "", "POST"): LOGIN,
    ("accounts:password_change", "", "GET"): 200,
    ("accounts:password_change_done", "", "GET"): 200,
    ("set_language", "", "POST"): REDIRECT,
    ("web:dashboard", "", "GET"): REDIRECT,  # to their assignments: where the login lands
    ("reminders:notifications", "", "GET"): 200,
    ("reminders:notifications_read_all", "", "POST"): REDIRECT,
    ("reminders:preferences", "", "GET"): 200,
    ("reminders:preferences", "", "POST"): 200,
    ("evaluation:list", "", "GET"): 200,
    ("evaluation:mine", "", "GET"): 200,
    ("evaluation:detail", "own", "GET"): 200,
    ("evaluation:report", "own", "GET"): 200,
    ("evaluation:score", "own", "GET"): 200,
    ("evaluation:score", "own", "POST"): 400,  # an empty form: its errors
    ("evaluation:respond", "own", "POST"): 400,  # an empty answer: its errors
    # the office's steps and the lead unit's, on the evaluation they see: refused
    **{
        (f"evaluation:{name}", "own", "POST"): 403
        for name in ("due", "self", "office", "conclude", "amend", "criterion_add", "invite", "expert")
    },
}


def _expert_on_the_own_evaluation(world: walk.World, office: User) -> User:
    expert = services_panel.expert_create(
        by=office, username="expert-zhao", name="赵专家", password="Zq8#long-enough"
    )
    walk.PARAMETERS["evaluation_pk"]("evaluation:detail", world, "own")  # opened as the walk opens it
    evaluation = Evaluation.objects.get(project=world.projects["own"])
    Evaluation.objects.filter(pk=evaluation.pk).update(
        status="panel", office_at=timezone.now(), office_by=office
    )
    services_panel.criterion_add(evaluation=evaluation, by=office, name="目标完成", weight=Decimal(100))
    services_panel.reviewer_invite(evaluation=evaluation, by=office, reviewer=expert)
    return expert


# the citizens' pages: an outside expert reads them as anyone does (evaluation/middleware.py)
PUBLIC_NAMESPACES = ("portal", "ratings_public", "award_public")


def _expected(row: walk.Row) -> Any:
    if row.name.startswith(walk.ADMIN_NAMESPACE):
        return REDIRECT  # to the admin's own login
    if row.name.split(":")[0] in PUBLIC_NAMESPACES:
        return row.answers[walk.ROLES.index("anonymous")]  # the public pages answer everyone alike
    return OPEN_TO_THE_EXPERT.get((row.name, row.variant, row.method), 404)


@pytest.mark.parametrize("row", [*walk.TABLE, *walk.ADMIN_ROWS], ids=lambda row: row.id)
def test_an_external_expert_reaches_nothing_but_their_assignments(
    row: walk.Row, world: walk.World, office_user: User, client: Client
) -> None:
    expert = _expert_on_the_own_evaluation(world, office_user)
    client.force_login(expert)
    url = walk._url(row, world)

    response = client.post(url, walk.POST_DATA.get(row.name, {})) if row.method == "POST" else client.get(url)

    assert walk._answer(response) == _expected(row), f"{row.method} {url}"


def test_the_login_lands_an_expert_on_their_assignments(
    world: walk.World, office_user: User, client: Client
) -> None:
    _expert_on_the_own_evaluation(world, office_user)

    response = client.post(
        "/accounts/login/", {"username": "expert-zhao", "password": "Zq8#long-enough"}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/evaluation/mine/"
    assert 'data-testid="assignment-link"' in response.content.decode()
