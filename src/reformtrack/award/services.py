"""Writes of the award: the call, the panel, the decision and the announcement (the office's).

The nominations' writes are in :mod:`.services_nominations`, the scores' and votes' in
:mod:`.services_scores`; all are importable from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.core.text import multi_line, single_line
from reformtrack.core.versioned import versioned_update

from .choices import DECIDABLE, NominationStatus, PrizeLevel
from .errors import AwardRefused
from .models import AwardCall, Criterion, Nomination, PanelMember, PrizeRule, Score
from .permissions import can_manage_award
from .services_nominations import (
    eligibility_check,
    evidence_add,
    nomination_create,
    nomination_submit,
    nomination_update,
)
from .services_scores import score_save, vote_cast, voter_hash

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = [
    "CallData",
    "call_announce",
    "call_save",
    "decision_set",
    "eligibility_check",
    "evidence_add",
    "nomination_create",
    "nomination_shortlist",
    "nomination_submit",
    "nomination_update",
    "panel_appoint",
    "panel_remove",
    "score_save",
    "vote_cast",
    "voter_hash",
]


@dataclass
class CallData:
    """What the office sets on a call: its dates, quota, public vote, criteria and prizes."""

    year: int
    title: str
    nomination_opens: dt.date
    nomination_closes: dt.date
    scoring_opens: dt.date
    scoring_closes: dt.date
    max_nominations_per_unit: int = 2
    public_vote: bool = False
    vote_weight: Decimal = Decimal(0)
    vote_opens: dt.date | None = None
    vote_closes: dt.date | None = None
    criteria: list[tuple[str, Decimal, str]] = field(default_factory=list)  # name, weight, description
    prizes: dict[str, tuple[int, Decimal]] = field(default_factory=dict)  # level → count, bonus points


def _check_office(by: User) -> None:
    if not can_manage_award(by):
        raise PermissionDenied


_M = TypeVar("_M", bound=Model)


def _saved(obj: _M, by: User) -> _M:
    obj._history_user = by  # type: ignore[attr-defined]
    obj.save()
    return obj


def _validate(data: CallData) -> None:
    if data.nomination_opens > data.nomination_closes or data.scoring_opens > data.scoring_closes:
        raise AwardRefused(_("A window closes before it opens."))
    if data.public_vote and (
        data.vote_opens is None or data.vote_closes is None or data.vote_opens > data.vote_closes
    ):
        raise AwardRefused(_("A public vote needs its window."))
    if not data.criteria:
        raise AwardRefused(_("A call needs at least one criterion."))
    if len({name for name, _weight, _text in data.criteria}) != len(data.criteria):
        raise AwardRefused(_("Two criteria have the same name."))


def _store_parts(call: AwardCall, data: CallData, by: User) -> None:
    wanted = [(single_line(name), weight, multi_line(text)) for name, weight, text in data.criteria]
    current = [(c.name, c.weight, c.description) for c in call.criteria.order_by("position", "pk")]
    if wanted != current:
        if Score.objects.filter(criterion__call=call).exists():
            raise AwardRefused(_("The panel has scored: the criteria no longer change."))
        call.criteria.all().delete()
        for position, (name, weight, text) in enumerate(wanted):
            _saved(Criterion(call=call, name=name, weight=weight, description=text, position=position), by)
    for level in PrizeLevel.values:
        count, bonus = data.prizes.get(level, (0, Decimal(0)))
        rule = PrizeRule.objects.filter(call=call, level=level).first() or PrizeRule(call=call, level=level)
        if rule.pk is None or (rule.count, rule.bonus_points) != (count, bonus):
            rule.count, rule.bonus_points = count, bonus
            _saved(rule, by)


@transaction.atomic
def call_save(
    *, by: User, data: CallData, call: AwardCall | None = None, version: int | None = None
) -> AwardCall:
    """Open a call (``call`` None) or change one at the ``version`` its form showed; refused once
    announced, and the criteria once the panel has scored."""
    _check_office(by)
    _validate(data)
    fields = {
        "year": data.year,
        "title": single_line(data.title),
        "nomination_opens": data.nomination_opens,
        "nomination_closes": data.nomination_closes,
        "scoring_opens": data.scoring_opens,
        "scoring_closes": data.scoring_closes,
        "max_nominations_per_unit": data.max_nominations_per_unit,
        "public_vote": data.public_vote,
        "vote_weight": data.vote_weight if data.public_vote else Decimal(0),
        "vote_opens": data.vote_opens if data.public_vote else None,
        "vote_closes": data.vote_closes if data.public_vote else None,
    }
    clash = AwardCall.objects.filter(year=data.year).exclude(pk=call.pk if call else 0)
    if clash.exists():
        raise AwardRefused(_("There is a call for %(year)d already.") % {"year": data.year})
    if call is None:
        call = _saved(AwardCall(created_by=by, **fields), by)
    else:
        if call.announced_on is not None:
            raise AwardRefused(_("The call is announced; it no longer changes."))
        if not versioned_update(AwardCall.objects.all(), pk=call.pk, version=version or 0, **fields):
            raise AwardRefused(_("Someone saved the call in the meantime; open it again."))
        call = AwardCall.objects.get(pk=call.pk)
        AwardCall.history.bulk_history_create([call], default_user=by, update=True)
    _store_parts(call, data, by)
    return call


@transaction.atomic
def panel_appoint(*, by: User, call: AwardCall, user: User) -> PanelMember:
    """Appoint a user to the call's panel (any user; one with a unit will not score its nominations)."""
    _check_office(by)
    if call.announced_on is not None:
        raise AwardRefused(_("The call is announced; the panel no longer changes."))
    found = PanelMember.objects.filter(call=call, user=user).first()
    return found or _saved(PanelMember(call=call, user=user, appointed_by=by), by)


@transaction.atomic
def panel_remove(*, by: User, member: PanelMember) -> None:
    """Remove a member who has not scored (scores are work: they stay with their member)."""
    _check_office(by)
    if member.scores.exists():
        raise AwardRefused(_("The member has scored; their scores stay and so do they."))
    member._history_user = by  # type: ignore[attr-defined]
    member.delete()


def _lock(nomination: Nomination) -> Nomination:
    return Nomination.objects.select_for_update().select_related("call").get(pk=nomination.pk)


@transaction.atomic
def nomination_shortlist(*, by: User, nomination: Nomination, shortlisted: bool) -> Nomination:
    """Put an eligible nomination on the shortlist (入围), or take it off again."""
    _check_office(by)
    nomination = _lock(nomination)
    before, after = (
        (NominationStatus.ELIGIBLE, NominationStatus.SHORTLISTED)
        if shortlisted
        else (NominationStatus.SHORTLISTED, NominationStatus.ELIGIBLE)
    )
    if nomination.status != before or nomination.call.announced_on is not None:
        raise AwardRefused(_("The nomination is %(status)s.") % {"status": nomination.get_status_display()})
    nomination.status = after
    nomination.version += 1
    return _saved(nomination, by)


@transaction.atomic
def decision_set(*, by: User, nomination: Nomination, prize: str, reason: str) -> Nomination:
    """The office's decision on a checked nomination: a prize (within the call's count of it) or
    none, with its reason; refused once the call is announced."""
    _check_office(by)
    nomination = _lock(nomination)
    call = nomination.call
    if call.announced_on is not None:
        raise AwardRefused(_("The call is announced; the decision no longer changes."))
    if nomination.status not in DECIDABLE:
        raise AwardRefused(_("The nomination is %(status)s.") % {"status": nomination.get_status_display()})
    if not reason.strip():
        raise AwardRefused(_("Give the reason of the decision."))
    if prize:
        rule = PrizeRule.objects.filter(call=call, level=prize).first()
        given = call.nominations.filter(prize=prize).exclude(pk=nomination.pk).count()
        if rule is None or given >= rule.count:
            label = PrizeLevel(prize).label
            raise AwardRefused(_("The call gives no more of the %(prize)s.") % {"prize": label})
    nomination.prize = prize
    nomination.status = NominationStatus.AWARDED if prize else NominationStatus.NOT_AWARDED
    nomination.decision_reason = multi_line(reason)
    nomination.version += 1
    return _saved(nomination, by)


@transaction.atomic
def call_announce(*, by: User, call: AwardCall, on: dt.date | None = None) -> AwardCall:
    """Announce the results (通报): once, when at least one prize is given and no checked
    nomination waits for its decision."""
    _check_office(by)
    call = AwardCall.objects.select_for_update().get(pk=call.pk)
    if call.announced_on is not None:
        raise AwardRefused(_("The call is announced already."))
    if not call.nominations.filter(status=NominationStatus.AWARDED).exists():
        raise AwardRefused(_("No prize is given yet."))
    waiting = call.nominations.filter(status__in=(NominationStatus.ELIGIBLE, NominationStatus.SHORTLISTED))
    if waiting.exists():
        raise AwardRefused(_("%(count)d nominations wait for a decision.") % {"count": waiting.count()})
    call.announced_on = on or timezone.localdate()
    call.version += 1
    return _saved(call, by)
