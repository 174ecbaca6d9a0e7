"""Reads of the award, each in a fixed number of queries whatever the number of rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from reformtrack.ledger.models import Project

from .choices import SCORED, NominationStatus, PrizeLevel
from .models import (
    AwardCall,
    Criterion,
    Nomination,
    NominationProject,
    PanelMember,
    PrizeRule,
    PublicVote,
    Score,
)
from .permissions import own_unit_id, own_units
from .ranking import Entry, Ranked, rank

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser

PRIZE_ORDER = {level: index for index, level in enumerate(PrizeLevel.values)}


def call_list(user: AnyUser) -> QuerySet[AwardCall]:
    """The calls the user sees, newest first, with how many nominations were submitted to each."""
    return (
        AwardCall.objects.restrict(user, "view")
        .annotate(submitted=Count("nominations", filter=~Q(nominations__status=NominationStatus.DRAFT)))
        .order_by("-year")
    )


def call_of(user: AnyUser, pk: int) -> AwardCall | None:
    return AwardCall.objects.restrict(user, "view").filter(pk=pk).first()


def call_parts(call: AwardCall) -> tuple[list[Criterion], list[PrizeRule]]:
    return list(call.criteria.all()), sorted(call.prizes.all(), key=lambda rule: PRIZE_ORDER[rule.level])


def _links() -> Prefetch[Any]:
    return Prefetch(
        "links", queryset=NominationProject.objects.select_related("project").order_by("project__position")
    )


def nominations_of_call(user: AnyUser, call: AwardCall) -> QuerySet[Nomination]:
    """The call's nominations the user sees, with unit and projects (three queries)."""
    return (
        Nomination.objects.restrict(user, "view")
        .filter(call=call)
        .select_related("unit")
        .prefetch_related(_links())
        .order_by("unit__name", "pk")
    )


def nomination_of(user: AnyUser, pk: int) -> Nomination | None:
    return (
        Nomination.objects.restrict(user, "view")
        .select_related("call", "unit", "created_by")
        .prefetch_related(_links(), "evidence")
        .filter(pk=pk)
        .first()
    )


def unit_projects(user: AnyUser) -> QuerySet[Project]:
    """The projects a nomination of the user's unit may link: those the unit takes part in."""
    unit = own_unit_id(user)
    return (
        Project.objects.restrict(user, "view")
        .filter(project_units__unit=unit)
        .distinct()
        .select_related("plan")
        .order_by("plan", "position")
    )


def panel_of(call: AwardCall) -> list[PanelMember]:
    return list(call.panel.select_related("user", "user__profile__unit").annotate(scored=Count("scores")))


@dataclass
class ScoringRow:
    nomination: Nomination
    scored: int  # criteria the member has scored


def scoring_list(user: AnyUser, call: AwardCall) -> list[ScoringRow]:
    """What a panel member scores: the call's checked nominations, except their own unit's (three
    queries)."""
    member = PanelMember.objects.filter(call=call, user_id=user.pk or 0).first()
    if member is None:
        return []
    nominations = (
        call.nominations.filter(status__in=SCORED)
        .exclude(unit__in=own_units(user))
        .select_related("unit")
        .annotate(scored=Count("scores", filter=Q(scores__member=member)))
        .order_by("unit__name", "pk")
    )
    return [ScoringRow(nomination, nomination.scored) for nomination in nominations]


def member_scores(user: AnyUser, nomination: Nomination) -> dict[int, Score]:
    """The user's own scores of a nomination, by criterion id."""
    scores = Score.objects.restrict(user, "view").filter(nomination=nomination, member__user_id=user.pk or 0)
    return {score.criterion_id: score for score in scores}


@dataclass
class RankingRow:
    nomination: Nomination
    ranked: Ranked
    criteria_values: list[Decimal | None]  # each criterion's mean, in the criteria's order


def ranking(call: AwardCall) -> list[RankingRow]:
    """The checked nominations of the call by total (ranking.py), four queries."""
    nominations = {
        n.pk: n
        for n in call.nominations.exclude(
            status__in=(NominationStatus.DRAFT, NominationStatus.SUBMITTED, NominationStatus.INELIGIBLE)
        ).select_related("unit")
    }
    weights = dict(Criterion.objects.filter(call=call).order_by("position", "pk").values_list("pk", "weight"))
    scores: dict[int, dict[int, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
    for nomination_id, criterion_id, value in Score.objects.filter(nomination__in=nominations).values_list(
        "nomination", "criterion", "value"
    ):
        scores[nomination_id][criterion_id].append(value)
    votes = dict(
        PublicVote.objects.filter(call=call, nomination__in=nominations)
        .values("nomination")
        .annotate(count=Count("pk"))
        .values_list("nomination", "count")
    )
    entries = [
        Entry(pk, n.submitted_at, {c: list(v) for c, v in scores[pk].items()}, votes.get(pk, 0))
        for pk, n in nominations.items()
    ]
    ranked = rank(entries, weights, vote_weight=call.vote_weight if call.public_vote else None)
    return [
        RankingRow(nominations[row.nomination_id], row, [row.criteria.get(c) for c in weights])
        for row in ranked
    ]


def winners(call: AwardCall) -> list[Nomination]:
    """The awarded nominations, highest prize first, then by unit."""
    found = list(call.nominations.filter(status=NominationStatus.AWARDED).select_related("unit"))
    return sorted(found, key=lambda n: (PRIZE_ORDER.get(n.prize, 99), n.unit.name, n.pk))


def award_bonus_points(year: int) -> dict[int, Decimal]:
    """Unit id → the appraisal bonus points its prizes of ``year`` add, from announced calls only
    (the appraisal reads this; two queries)."""
    bonus = {
        (call_id, level): points
        for call_id, level, points in PrizeRule.objects.filter(
            call__year=year, call__announced_on__isnull=False
        ).values_list("call", "level", "bonus_points")
    }
    points: dict[int, Decimal] = defaultdict(Decimal)
    awarded = Nomination.objects.filter(
        call__year=year, call__announced_on__isnull=False, status=NominationStatus.AWARDED
    ).values_list("call", "prize", "unit")
    for call_id, prize, unit_id in awarded:
        points[unit_id] += bonus.get((call_id, prize), Decimal(0))
    return dict(points)


def announced_winners() -> list[Nomination]:
    """The prize winners of every announced call, newest year first, highest prize first (one query):
    what the public portal shows; nothing here depends on who asks."""
    found = Nomination.objects.filter(
        call__announced_on__isnull=False, status=NominationStatus.AWARDED
    ).select_related("unit", "call")
    return sorted(found, key=lambda n: (-n.call.year, PRIZE_ORDER.get(n.prize, 99), n.unit.name, n.pk))


def open_public_votes(today: dt.date | None = None) -> list[AwardCall]:
    """The calls whose public vote is open today (on, in its window, not announced): what the public
    portal offers to vote on; nothing here depends on who asks."""
    today = today or timezone.localdate()
    return list(
        AwardCall.objects.filter(
            public_vote=True, vote_opens__lte=today, vote_closes__gte=today, announced_on__isnull=True
        ).order_by("-year")
    )


def open_vote(pk: int, today: dt.date | None = None) -> AwardCall | None:
    """The call ``pk`` if its public vote is open today, else None (the page answers 404)."""
    return next((call for call in open_public_votes(today) if call.pk == pk), None)


def vote_candidates(call: AwardCall) -> list[Nomination]:
    """The nominations of ``call`` in the running, in a fixed order (title), with their units (one
    query): the public sees the title, the unit and the statement the unit wrote to be read."""
    return list(call.nominations.filter(status__in=SCORED).select_related("unit").order_by("title", "pk"))
