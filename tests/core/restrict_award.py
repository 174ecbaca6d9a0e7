"""The award's rules written out plainly (tests/core/test_restrict.py compares restrict() with them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from reformtrack.accounts.choices import UNIT_ROLES, Role
from reformtrack.accounts.permissions import role_of
from reformtrack.award.models import AwardCall, Nomination, PanelMember, Score

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser


def _panel_calls(user: AnyUser) -> set[int]:
    return set(PanelMember.objects.filter(user_id=user.pk or 0).values_list("call", flat=True))


def old_award_calls(user: AnyUser) -> QuerySet[AwardCall]:
    if role_of(user) is not None:
        return AwardCall.objects.all()
    return AwardCall.objects.filter(pk__in=_panel_calls(user))


def old_award_nominations(user: AnyUser) -> QuerySet[Nomination]:
    role = role_of(user)
    if role in (Role.OFFICE, Role.LEADER, Role.SUPERVISION):
        return Nomination.objects.all()
    calls = _panel_calls(user)
    keep = {n.pk for n in Nomination.objects.all() if n.call_id in calls and n.status != "draft"}
    profile = getattr(user, "profile", None)
    if role in UNIT_ROLES and profile is not None:
        units = {profile.unit_id, *profile.unit.collectives.values_list("pk", flat=True)}
        keep |= set(Nomination.objects.filter(unit__in=units).values_list("pk", flat=True))
    return Nomination.objects.filter(pk__in=keep)


def old_award_scores(user: AnyUser) -> QuerySet[Score]:
    if role_of(user) == Role.OFFICE:
        return Score.objects.all()
    return Score.objects.filter(member__user_id=user.pk or 0)


AWARD_SCOPED: list[type[Any]] = [AwardCall, Nomination, Score]
AWARD_OLD_VIEW_RULES: dict[type[Any], Callable[[AnyUser], QuerySet[Any]]] = {
    AwardCall: old_award_calls,
    Nomination: old_award_nominations,
    Score: old_award_scores,
}


def build_award_world(users: dict[str, Any], tag: str) -> None:
    """A call with nominations of the clerk's unit (a draft, a submitted one) and of 区财政局
    (eligible), a panel of a user without a role and the co-unit staff, and a score."""
    import datetime as dt

    from reformtrack.ledger.models import Unit

    day = dt.date(2014, 1, 1)
    office = users["office"]
    call = AwardCall.objects.create(
        year=2014 if not tag else 2015,
        title=f"罗湖创新奖{tag}",
        nomination_opens=day,
        nomination_closes=day,
        scoring_opens=day,
        scoring_closes=day,
        created_by=office,
    )
    criterion = call.criteria.create(name="创新性", weight=1)
    nominations = [
        Nomination.objects.create(
            call=call, unit=Unit.objects.get(name=unit), title=f"申报{tag}", status=status, created_by=office
        )
        for unit, status in (
            ("区经济促进局", "draft"),
            ("区经济促进局", "submitted"),
            ("区财政局", "eligible"),
        )
    ]
    members = [
        PanelMember.objects.create(call=call, user=users[name], appointed_by=office)
        for name in ("no_profile", "counit")
    ]
    Score.objects.create(nomination=nominations[2], member=members[0], criterion=criterion, value=80)
    Score.objects.create(nomination=nominations[1], member=members[1], criterion=criterion, value=70)
