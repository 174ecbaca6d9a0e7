"""The public vote's rules (its page comes with the portal): open window, one vote per key per
call, the key kept hashed, a rate guard per source."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from reformtrack.award import services
from reformtrack.award.errors import VoteRefused
from reformtrack.award.models import AwardCall, Nomination, PublicVote
from reformtrack.award.services_scores import VOTES_PER_SOURCE

from .conftest import AwardWorld, checked


@pytest.fixture
def voting(award_world: AwardWorld) -> tuple[AwardCall, Nomination]:
    own, _other = checked(award_world)
    today = timezone.localdate()
    AwardCall.objects.filter(pk=award_world.call.pk).update(
        public_vote=True, vote_weight=10, vote_opens=today, vote_closes=today
    )
    award_world.call.refresh_from_db()
    return award_world.call, own


def test_one_vote_per_key_and_call_and_the_key_is_not_stored(voting: tuple[AwardCall, Nomination]) -> None:
    call, nomination = voting

    vote = services.vote_cast(call=call, nomination=nomination, voter_key="13800000001")
    with pytest.raises(VoteRefused):
        services.vote_cast(call=call, nomination=nomination, voter_key=" 13800000001 ")

    assert PublicVote.objects.count() == 1
    assert "13800000001" not in vote.voter_hash and len(vote.voter_hash) == 64


def test_votes_are_taken_only_in_the_window(voting: tuple[AwardCall, Nomination]) -> None:
    call, nomination = voting
    tomorrow = timezone.now() + dt.timedelta(days=1)

    with pytest.raises(VoteRefused):
        services.vote_cast(call=call, nomination=nomination, voter_key="1", now=tomorrow)
    AwardCall.objects.filter(pk=call.pk).update(public_vote=False)
    call.refresh_from_db()
    with pytest.raises(VoteRefused):
        services.vote_cast(call=call, nomination=nomination, voter_key="1")


def test_one_source_is_slowed_down(voting: tuple[AwardCall, Nomination]) -> None:
    call, nomination = voting
    for index in range(VOTES_PER_SOURCE):
        services.vote_cast(call=call, nomination=nomination, voter_key=f"key{index}", source="10.0.0.1")

    with pytest.raises(VoteRefused):
        services.vote_cast(call=call, nomination=nomination, voter_key="another", source="10.0.0.1")
    services.vote_cast(call=call, nomination=nomination, voter_key="another", source="10.0.0.2")
    later = timezone.now() + dt.timedelta(minutes=11)
    services.vote_cast(call=call, nomination=nomination, voter_key="third", source="10.0.0.1", now=later)


def test_a_nomination_not_checked_eligible_takes_no_votes(
    voting: tuple[AwardCall, Nomination], award_world: AwardWorld
) -> None:
    call, _nomination = voting
    draft = services.nomination_create(
        by=award_world.clerk, call=call, title="草稿", statement="", projects=[award_world.own_project]
    )

    with pytest.raises(VoteRefused):
        services.vote_cast(call=call, nomination=draft, voter_key="13800000009")
