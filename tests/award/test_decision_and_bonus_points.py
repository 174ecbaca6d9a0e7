"""The office decides within the call's prize counts, announces once, and only announced prizes
add bonus points to the unit's appraisal."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reformtrack.award import services
from reformtrack.award.choices import NominationStatus
from reformtrack.award.errors import AwardRefused
from reformtrack.award.selectors import award_bonus_points, winners

from .conftest import AwardWorld, checked, nominate


def test_prizes_add_their_bonus_points_once_the_call_is_announced(award_world: AwardWorld) -> None:
    own, other = checked(award_world)
    office, year = award_world.office, award_world.call.year
    services.decision_set(by=office, nomination=own, prize="first", reason="成效显著")
    services.decision_set(by=office, nomination=other, prize="merit", reason="有推广价值")

    assert award_bonus_points(year) == {}

    services.call_announce(by=office, call=award_world.call)

    assert award_bonus_points(year) == {own.unit_id: Decimal(3), other.unit_id: Decimal("0.5")}
    assert award_bonus_points(year - 1) == {}
    assert [n.pk for n in winners(award_world.call)] == [own.pk, other.pk]


def test_a_units_prizes_add_up(award_world: AwardWorld) -> None:
    first = nominate(award_world.clerk, award_world.call, award_world.own_project, "一项")
    second = nominate(award_world.clerk, award_world.call, award_world.own_project, "二项")
    services.eligibility_check(by=award_world.office, call=award_world.call)
    services.decision_set(by=award_world.office, nomination=first, prize="second", reason="好")
    services.decision_set(by=award_world.office, nomination=second, prize="third", reason="好")
    services.call_announce(by=award_world.office, call=award_world.call)

    assert award_bonus_points(award_world.call.year) == {first.unit_id: Decimal(3)}


def test_a_prize_past_its_count_is_refused(award_world: AwardWorld) -> None:
    own, other = checked(award_world)
    services.decision_set(by=award_world.office, nomination=own, prize="first", reason="好")

    with pytest.raises(AwardRefused):
        services.decision_set(by=award_world.office, nomination=other, prize="first", reason="好")


def test_a_decision_needs_its_reason_and_the_announcement_its_decisions(award_world: AwardWorld) -> None:
    own, other = checked(award_world)

    with pytest.raises(AwardRefused):
        services.decision_set(by=award_world.office, nomination=own, prize="first", reason=" ")
    services.decision_set(by=award_world.office, nomination=own, prize="first", reason="好")
    with pytest.raises(AwardRefused):  # the other one waits for its decision
        services.call_announce(by=award_world.office, call=award_world.call)
    services.decision_set(by=award_world.office, nomination=other, prize="", reason="差距较大")
    services.call_announce(by=award_world.office, call=award_world.call)

    other.refresh_from_db()
    assert other.status == NominationStatus.NOT_AWARDED
    with pytest.raises(AwardRefused):  # announced: the decision stays
        services.decision_set(by=award_world.office, nomination=other, prize="merit", reason="改")


def test_only_the_office_decides(award_world: AwardWorld, leader_user: object) -> None:
    from django.core.exceptions import PermissionDenied

    own, _other = checked(award_world)

    with pytest.raises(PermissionDenied):
        services.decision_set(by=leader_user, nomination=own, prize="first", reason="好")  # type: ignore[arg-type]
