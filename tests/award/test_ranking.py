"""The ranking: the weighted mean of the criteria's mean scores, plus the public vote's share when
it counts, against totals worked out by hand; ties placed and explained."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from reformtrack.award import services
from reformtrack.award.models import AwardCall
from reformtrack.award.ranking import Entry, TieBreak, rank
from reformtrack.award.selectors import ranking

from .conftest import AwardWorld, checked

if TYPE_CHECKING:
    from django.contrib.auth.models import User

D = Decimal


def _scores(world: AwardWorld, a: int, b: int) -> dict[int, tuple[Decimal, str]]:
    first, second = world.call.criteria.order_by("position")
    return {first.pk: (D(a), ""), second.pk: (D(b), "")}


def test_the_totals_are_the_ones_worked_out_by_hand(
    award_world: AwardWorld, leader_user: User, supervision_user: User
) -> None:
    # criteria 创新性 (weight 3) and 实效性 (weight 2); two experts; the public vote counts 20 %
    own, other = checked(award_world)
    call = award_world.call
    for expert in (leader_user, supervision_user):
        services.panel_appoint(by=award_world.office, call=call, user=expert)
    services.score_save(by=leader_user, nomination=own, values=_scores(award_world, 90, 80))
    services.score_save(by=supervision_user, nomination=own, values=_scores(award_world, 80, 70))
    services.score_save(by=leader_user, nomination=other, values=_scores(award_world, 70, 90))
    services.score_save(by=supervision_user, nomination=other, values=_scores(award_world, 76, 88))
    today = timezone.localdate()
    AwardCall.objects.filter(pk=call.pk).update(
        public_vote=True, vote_weight=20, vote_opens=today, vote_closes=today + dt.timedelta(days=1)
    )
    call.refresh_from_db()
    services.vote_cast(call=call, nomination=own, voter_key="13800000001")
    for key in ("13800000002", "13800000003", "13800000004"):
        services.vote_cast(call=call, nomination=other, voter_key=key)

    rows = ranking(call)

    # own:   创新性 (90+80)/2 = 85, 实效性 (80+70)/2 = 75 → (3·85 + 2·75)/5 = 81.00; votes 1 of 4 = 25 %
    #        total 81 × 0.8 + 25 × 0.2 = 69.80
    # other: 创新性 (70+76)/2 = 73, 实效性 (90+88)/2 = 89 → (3·73 + 2·89)/5 = 79.40; votes 3 of 4 = 75 %
    #        total 79.4 × 0.8 + 75 × 0.2 = 78.52
    assert [(row.nomination.pk, row.ranked.rank) for row in rows] == [(other.pk, 1), (own.pk, 2)]
    assert [(row.ranked.panel, row.ranked.vote_share, row.ranked.total) for row in rows] == [
        (D("79.40"), D("75.00"), D("78.52")),
        (D("81.00"), D("25.00"), D("69.80")),
    ]
    assert rows[1].criteria_values == [D("85.00"), D("75.00")]


def test_without_the_vote_the_total_is_the_panel_score(award_world: AwardWorld, leader_user: User) -> None:
    own, other = checked(award_world)
    services.panel_appoint(by=award_world.office, call=award_world.call, user=leader_user)
    services.score_save(by=leader_user, nomination=own, values=_scores(award_world, 90, 80))
    services.score_save(by=leader_user, nomination=other, values=_scores(award_world, 60, 100))

    rows = ranking(award_world.call)

    # own (3·90 + 2·80)/5 = 86.00; other (3·60 + 2·100)/5 = 76.00
    assert [(row.nomination.pk, row.ranked.total) for row in rows] == [
        (own.pk, D("86.00")),
        (other.pk, D("76.00")),
    ]


def test_an_equal_total_is_placed_by_the_panel_score_and_said_so() -> None:
    weights = {1: D(1)}
    entries = [
        Entry(10, None, {1: [D(60)]}, votes=2),  # 60 × 0.5 + 40 × 0.5 = 50
        Entry(11, None, {1: [D(80)]}, votes=1),  # 80 × 0.5 + 20 × 0.5 = 50
        Entry(12, None, {1: [D(0)]}, votes=2),  # 0 × 0.5 + 40 × 0.5 = 20
    ]

    rows = rank(entries, weights, vote_weight=D(50))

    assert [(row.nomination_id, row.total, row.tie) for row in rows] == [
        (11, D("50.00"), None),
        (10, D("50.00"), TieBreak.PANEL),
        (12, D("20.00"), None),
    ]
    assert rows[1].tied_with == 11


def test_equal_totals_and_panel_scores_go_by_the_earlier_submission() -> None:
    early = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
    late = dt.datetime(2026, 3, 9, tzinfo=dt.UTC)
    entries = [Entry(20, late, {1: [D(70)]}), Entry(21, early, {1: [D(70)]})]

    rows = rank(entries, {1: D(1)})

    assert [(row.nomination_id, row.rank, row.tie) for row in rows] == [
        (21, 1, None),
        (20, 2, TieBreak.SUBMITTED),
    ]
