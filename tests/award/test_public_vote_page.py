"""The award's public vote page (/public/award/calls/<id>/vote/): anonymous, 404 unless the vote is
open today; a vote through the form counts once per browser; the honeypot and a wrong answer to the
challenge count nothing; the portal's home links to an open vote."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reformtrack.award.models import AwardCall, Nomination, PublicVote
from reformtrack.ratings import challenge

from .conftest import AwardWorld, checked


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()  # the spent challenges live in the cache


@pytest.fixture
def voting(award_world: AwardWorld) -> tuple[AwardCall, Nomination]:
    own, _other = checked(award_world)
    today = timezone.localdate()
    AwardCall.objects.filter(pk=award_world.call.pk).update(
        public_vote=True, vote_weight=10, vote_opens=today, vote_closes=today
    )
    award_world.call.refresh_from_db()
    return award_world.call, own


def _vote(nomination: Nomination, **changes: Any) -> dict[str, Any]:
    found = challenge.challenge_new()
    first, second = found.question.split("（")[1].rstrip("）").split(" + ")
    data = {
        "nomination": str(nomination.pk),
        "challenge_token": found.token,
        "challenge_answer": str(int(first) + int(second)),
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


def _url(call: AwardCall) -> str:
    return reverse("award_public:vote", args=[call.pk])


def test_the_open_vote_lists_the_nominations_in_the_running(voting: tuple[AwardCall, Nomination]) -> None:
    call, _own = voting

    page = Client().get(_url(call))

    assert page.status_code == 200
    body = page.content.decode()
    assert "商事登记制度改革" in body and "预算公开改革" in body and "公众投票" in body


def test_a_vote_not_open_is_404(voting: tuple[AwardCall, Nomination]) -> None:
    call, _own = voting
    client = Client()
    for opens, closes in ((1, 3), (-3, -1)):
        today = timezone.localdate()
        AwardCall.objects.filter(pk=call.pk).update(
            vote_opens=today + dt.timedelta(days=opens), vote_closes=today + dt.timedelta(days=closes)
        )
        assert client.get(_url(call)).status_code == 404
    AwardCall.objects.filter(pk=call.pk).update(public_vote=False, vote_opens=today, vote_closes=today)
    assert client.get(_url(call)).status_code == 404


def test_a_browser_votes_once(voting: tuple[AwardCall, Nomination]) -> None:
    call, own = voting
    client = Client()

    first = client.post(_url(call), _vote(own))
    thanked = client.get(first["Location"]).content.decode()
    second = client.post(_url(call), _vote(own))

    assert first.status_code == 302 and "感谢参与" in thanked
    assert second.status_code == 409 and "已" in second.content.decode()
    assert PublicVote.objects.filter(call=call, nomination=own).count() == 1


@pytest.mark.parametrize(
    "changes", [{"website": "http://spam.example"}, {"challenge_answer": "99"}, {"consent": ""}]
)
def test_a_bot_or_a_wrong_answer_counts_nothing(
    voting: tuple[AwardCall, Nomination], changes: dict[str, str]
) -> None:
    call, own = voting

    refused = Client().post(_url(call), _vote(own, **changes))

    assert refused.status_code == 400
    assert not PublicVote.objects.exists()


def test_a_spent_challenge_is_refused(voting: tuple[AwardCall, Nomination]) -> None:
    call, own = voting
    data = _vote(own)

    assert Client().post(_url(call), data).status_code == 302
    assert Client().post(_url(call), data).status_code == 400  # another browser, the same token
    assert PublicVote.objects.count() == 1


def test_the_portal_home_links_to_the_open_vote(voting: tuple[AwardCall, Nomination]) -> None:
    call, _own = voting

    home = Client().get(reverse("portal:home")).content.decode()

    assert _url(call) in home
