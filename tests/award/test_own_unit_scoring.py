"""No one scores a nomination of their own unit: refused in the service, on the scoring page's GET
and POST, and left off the member's list. (The app has no bulk or import path for scores.)"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from reformtrack.award import services
from reformtrack.award.errors import OwnUnitScoring
from reformtrack.award.models import Score
from reformtrack.award.selectors import scoring_list

from .conftest import AwardWorld, checked

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client


def _values(world: AwardWorld, value: str = "90") -> dict[int, tuple[Decimal, str]]:
    return {criterion.pk: (Decimal(value), "好") for criterion in world.call.criteria.all()}


def _post(world: AwardWorld, value: str = "90") -> dict[str, str]:
    data = {}
    for criterion in world.call.criteria.all():
        data[f"score_{criterion.pk}"] = value
        data[f"comment_{criterion.pk}"] = "好"
    return data


@pytest.fixture
def expert(award_world: AwardWorld, unit_lead_user: User) -> User:
    """The reform lead of 区经济促进局 sits on the panel."""
    services.panel_appoint(by=award_world.office, call=award_world.call, user=unit_lead_user)
    return unit_lead_user


def test_the_service_refuses_a_nomination_of_the_members_own_unit(
    award_world: AwardWorld, expert: User
) -> None:
    own, other = checked(award_world)

    with pytest.raises(OwnUnitScoring):
        services.score_save(by=expert, nomination=own, values=_values(award_world))

    assert not Score.objects.filter(nomination=own).exists()
    services.score_save(by=expert, nomination=other, values=_values(award_world))
    assert Score.objects.filter(nomination=other).count() == 2


def test_the_scoring_list_leaves_the_own_units_nomination_off(award_world: AwardWorld, expert: User) -> None:
    _own, other = checked(award_world)

    listed = [row.nomination.pk for row in scoring_list(expert, award_world.call)]

    assert listed == [other.pk]


def test_the_scoring_page_refuses_the_own_units_nomination(
    award_world: AwardWorld, expert: User, client: Client
) -> None:
    own, other = checked(award_world)
    client.force_login(expert)

    page = client.get(reverse("award:scoring", args=[award_world.call.pk]))
    assert reverse("award:score", args=[other.pk]) in page.content.decode()
    assert reverse("award:score", args=[own.pk]) not in page.content.decode()
    assert client.get(reverse("award:score", args=[own.pk])).status_code == 403


def test_a_forced_post_of_scores_for_the_own_unit_is_refused(
    award_world: AwardWorld, expert: User, client: Client
) -> None:
    own, other = checked(award_world)
    client.force_login(expert)

    refused = client.post(reverse("award:score", args=[own.pk]), _post(award_world))
    taken = client.post(reverse("award:score", args=[other.pk]), _post(award_world))

    assert refused.status_code == 403
    assert not Score.objects.filter(nomination=own).exists()
    assert taken.status_code == 302
    assert Score.objects.filter(nomination=other, member__user=expert).count() == 2


def test_a_collective_units_member_does_not_score_the_collectives_nomination(
    award_world: AwardWorld, make_user: object
) -> None:
    from reformtrack.ledger.models import Unit

    own, _other = checked(award_world)
    collective = Unit.objects.create(name="各街道办事处")
    street_clerk = make_user("clerk", "东门街道办事处")  # type: ignore[operator]
    collective.members.add(street_clerk.profile.unit)
    own.unit = collective
    own.save()
    services.panel_appoint(by=award_world.office, call=award_world.call, user=street_clerk)

    with pytest.raises(OwnUnitScoring):
        services.score_save(by=street_clerk, nomination=own, values=_values(award_world))


def test_a_user_off_the_panel_cannot_score(award_world: AwardWorld, leader_user: User) -> None:
    from django.core.exceptions import PermissionDenied

    _own, other = checked(award_world)

    with pytest.raises(PermissionDenied):
        services.score_save(by=leader_user, nomination=other, values=_values(award_world))


def test_an_expert_without_a_role_scores_every_nomination_of_their_call(
    award_world: AwardWorld, make_user: object, client: Client
) -> None:
    own, other = checked(award_world)
    outsider = make_user(None, username="professor")  # type: ignore[operator]
    services.panel_appoint(by=award_world.office, call=award_world.call, user=outsider)
    client.force_login(outsider)

    page = client.get(reverse("award:scoring", args=[award_world.call.pk])).content.decode()
    saved = client.post(reverse("award:score", args=[own.pk]), _post(award_world, "75"))

    assert reverse("award:score", args=[own.pk]) in page and reverse("award:score", args=[other.pk]) in page
    assert saved.status_code == 302
    assert Score.objects.filter(nomination=own, member__user=outsider).count() == 2
    # the rest of the site is fenced off for an account without a role (evaluation.middleware)
    assert client.get(reverse("award:ranking_page", args=[award_world.call.pk])).status_code == 404
