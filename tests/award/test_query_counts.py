"""The award's list pages cost the same number of queries for two nominations and for ten."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reformtrack.award import services
from reformtrack.award.models import AwardCall, Nomination, NominationProject, PanelMember, Score
from reformtrack.award.selectors import award_bonus_points
from reformtrack.ledger.models import Unit

from .conftest import AwardWorld, checked

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client

PAGES = ("call_detail", "nomination_list", "scoring", "ranking_page", "decision", "announcement")


def _more(world: AwardWorld, count: int, member: PanelMember) -> None:
    """``count`` more eligible nominations of new units, each linked and scored."""
    criteria = list(world.call.criteria.all())
    start = Nomination.objects.count()
    for index in range(start, start + count):
        unit = Unit.objects.create(name=f"区第{index}局")
        nomination = Nomination.objects.create(
            call=world.call, unit=unit, title=f"成果{index}", status="eligible", created_by=world.office
        )
        NominationProject.objects.create(nomination=nomination, project=world.own_project)
        for criterion in criteria:
            Score.objects.create(nomination=nomination, member=member, criterion=criterion, value=60 + index)


def _counts(client: Client, users: dict[str, User], call: AwardCall) -> dict[str, int]:
    found = {}
    for page in PAGES:
        who = "expert" if page == "scoring" else "office"
        client.force_login(users[who])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(f"award:{page}", args=[call.pk]))
        assert response.status_code == 200, page
        found[page] = len(queries)
    client.force_login(users["office"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("award:call_list")).status_code == 200
    found["call_list"] = len(queries)
    return found


@pytest.mark.django_db
def test_the_pages_cost_the_same_for_a_small_and_a_large_call(
    award_world: AwardWorld, leader_user: User, client: Client
) -> None:
    _own, other = checked(award_world)
    member = services.panel_appoint(by=award_world.office, call=award_world.call, user=leader_user)
    values = {c.pk: (Decimal(80), "") for c in award_world.call.criteria.all()}
    services.score_save(by=leader_user, nomination=other, values=values)
    users = {"office": award_world.office, "expert": leader_user}
    _more(award_world, 1, member)

    small = _counts(client, users, award_world.call)
    _more(award_world, 8, member)
    large = _counts(client, users, award_world.call)

    assert small == large
    assert max(small.values()) <= 12  # sign-in, profile, bell and the page: 5 to 11 today


def test_the_bonus_points_are_two_queries(award_world: AwardWorld, django_assert_num_queries: object) -> None:
    with django_assert_num_queries(2):  # type: ignore[operator]
        award_bonus_points(award_world.call.year)
