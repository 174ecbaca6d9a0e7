"""Who may see and do what in the innovation award (罗湖创新奖).

================  ==============================  =============================================
role              reads                           acts
================  ==============================  =============================================
office            every call and nomination,      opens and edits calls, checks eligibility,
                  every score, the ranking        appoints the panel, decides, announces
leader,           every call and nomination,      —
supervision       the ranking
unit_lead, clerk  calls; their unit's             draft, edit and submit their unit's
                  nominations                     nominations, add evidence
counit            calls; their unit's nominations —
panel member      the nominations of their call   score them, except those of their own unit
(any user)        past the draft, their scores    (refused in the service, left off their list)
================  ==============================  =============================================

The announcement, its .docx and the certificates are read by everyone with a role once the call is
announced, and by the office before. A nomination the user may not read answers 404; one they may
read but not act on, 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet

from reformtrack.accounts.choices import UNIT_ROLES, Role
from reformtrack.accounts.permissions import role_of
from reformtrack.core.restrict import restriction
from reformtrack.ledger.models import Unit
from reformtrack.ledger.permissions import acting_units

from .choices import NominationStatus
from .models import AwardCall, Nomination, PanelMember, Score

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser

_READ_ALL = (Role.OFFICE, Role.LEADER, Role.SUPERVISION)
_WRITERS = (Role.UNIT_LEAD, Role.CLERK)


def _panel_of(user: AnyUser) -> QuerySet[PanelMember]:
    return PanelMember.objects.filter(user_id=user.pk or 0)


@restriction(AwardCall, "view")
def _view_calls(calls: QuerySet[AwardCall], user: AnyUser) -> QuerySet[AwardCall]:
    """Every call for a user with a role; a panel member without one sees their calls."""
    if role_of(user) is not None:
        return calls.all()
    return calls.filter(Exists(_panel_of(user).filter(call=OuterRef("pk"))))


@restriction(Nomination, "view")
def _view_nominations(nominations: QuerySet[Nomination], user: AnyUser) -> QuerySet[Nomination]:
    """The offices' and leaders' all; a unit's own; a panel member's call's, once submitted."""
    role = role_of(user)
    if role in _READ_ALL:
        return nominations.all()
    panel = Q(Exists(_panel_of(user).filter(call=OuterRef("call")))) & ~Q(status=NominationStatus.DRAFT)
    if role in UNIT_ROLES:
        return nominations.filter(Q(unit__in=acting_units(user)) | panel)
    return nominations.filter(panel)


@restriction(Nomination, "change")
def _change_nominations(nominations: QuerySet[Nomination], user: AnyUser) -> QuerySet[Nomination]:
    """A unit's reform lead and clerk: their unit's nominations."""
    if role_of(user) not in _WRITERS:
        return nominations.none()
    return nominations.filter(unit__in=acting_units(user))


@restriction(Score, "view")
def _view_scores(scores: QuerySet[Score], user: AnyUser) -> QuerySet[Score]:
    """The office reads every score; a panel member their own."""
    if role_of(user) == Role.OFFICE:
        return scores.all()
    return scores.filter(member__user_id=user.pk or 0)


def can_manage_award(user: AnyUser) -> bool:
    """Open and edit calls, check eligibility, appoint the panel, decide, announce: the office."""
    return role_of(user) == Role.OFFICE


def can_read_ranking(user: AnyUser) -> bool:
    """The ranking: the office, the district leaders and the supervision office."""
    return role_of(user) in _READ_ALL


def can_nominate(user: AnyUser) -> bool:
    """Draft a nomination for one's unit: its reform lead and clerk."""
    return role_of(user) in _WRITERS and own_unit_id(user) is not None


def own_unit_id(user: AnyUser) -> int | None:
    profile = getattr(user, "profile", None) if user.is_authenticated else None
    return None if profile is None else profile.unit_id


def can_view_nomination(user: AnyUser, nomination: Nomination) -> bool:
    return Nomination.objects.restrict(user, "view").filter(pk=nomination.pk).exists()


def can_edit_nomination(user: AnyUser, nomination: Nomination) -> bool:
    """Draft, edit, add evidence, submit: the nominating unit's reform lead and clerk."""
    return Nomination.objects.restrict(user, "change").filter(pk=nomination.pk).exists()


def own_units(user: AnyUser) -> QuerySet[Unit]:
    """The units a user answers for: their unit and the collectives it belongs to (none without one)."""
    return acting_units(user)


def is_panel_member(user: AnyUser, call: AwardCall) -> bool:
    return user.is_authenticated and _panel_of(user).filter(call=call).exists()


def is_own_unit(user: AnyUser, nomination: Nomination) -> bool:
    """Is the nomination one of the user's own unit (which they may never score)?"""
    return own_units(user).filter(pk=nomination.unit_id).exists()


def can_score(user: AnyUser, nomination: Nomination) -> bool:
    """A panel member of the nomination's call, and not of the nominating unit."""
    return is_panel_member(user, nomination.call) and not is_own_unit(user, nomination)


def can_read_announcement(user: AnyUser, call: AwardCall) -> bool:
    """The announcement and the certificates: everyone with a role once announced; the office before."""
    if can_manage_award(user):
        return True
    return call.announced_on is not None and role_of(user) is not None
