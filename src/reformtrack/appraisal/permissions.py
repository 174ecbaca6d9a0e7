"""Who may see and do what in the performance appraisal: the app's one place for its access rules.

===========================  ===================  ==================  =====================  ==========
role                         schemes, bonus list  results             appeal                 decide,
                                                                                             configure,
                                                                                             compute,
                                                                                             publish
===========================  ===================  ==================  =====================  ==========
office                       all                  all, any status     no                     yes
leader, supervision          all                  all, any status     no                     no
unit_lead, clerk             own unit's claims    own unit's, once    own unit's, in the     no
                                                  published           window
counit                       own unit's claims    own unit's, once    no                     no
                                                  published
===========================  ===================  ==================  =====================  ==========

The office and the leaders read every result as soon as it is computed; a unit reads its own result
only once the appraisal is published, and objects to it (申诉) within the appeal window. The
supervision office reads all. Appeals and adjustments are seen by whoever sees their result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from reformtrack.accounts.choices import UNIT_ROLES, Role
from reformtrack.accounts.permissions import role_of
from reformtrack.core.restrict import restriction
from reformtrack.ledger.permissions import acting_units

from .choices import AppealStatus, RunStatus
from .models import Adjustment, Appeal, BonusClaim, Result, Run, Scheme

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser

_READ_ALL = (Role.OFFICE, Role.LEADER, Role.SUPERVISION)
_APPEALERS = (Role.UNIT_LEAD, Role.CLERK)
_PUBLIC = (RunStatus.PUBLISHED, RunStatus.CLOSED)


def reads_all(user: AnyUser) -> bool:
    """The office, the district leaders and the supervision office read every appraisal."""
    return role_of(user) in _READ_ALL


def can_manage_appraisal(user: AnyUser) -> bool:
    """The coordinating office configures schemes, lists bonus points, computes, publishes, decides."""
    return role_of(user) == Role.OFFICE


@restriction(Scheme, "view")
def _view_schemes(schemes: QuerySet[Scheme], user: AnyUser) -> QuerySet[Scheme]:
    """All schemes for the offices and leaders; a unit reads a year's rules once its appraisal is out."""
    if reads_all(user):
        return schemes.all()
    if role_of(user) in UNIT_ROLES:
        return schemes.filter(run__status__in=_PUBLIC)
    return schemes.none()


@restriction(Run, "view")
def _view_runs(runs: QuerySet[Run], user: AnyUser) -> QuerySet[Run]:
    """All runs for the offices and leaders, the published and closed ones for a unit's people."""
    if reads_all(user):
        return runs.all()
    if role_of(user) in UNIT_ROLES:
        return runs.filter(status__in=_PUBLIC)
    return runs.none()


@restriction(Result, "view")
def _view_results(results: QuerySet[Result], user: AnyUser) -> QuerySet[Result]:
    """All results for the offices and leaders, the unit's own published result for its people."""
    if reads_all(user):
        return results.all()
    if role_of(user) in UNIT_ROLES:
        return results.filter(run__status__in=_PUBLIC, unit__in=acting_units(user))
    return results.none()


@restriction(Appeal, "view")
def _view_appeals(appeals: QuerySet[Appeal], user: AnyUser) -> QuerySet[Appeal]:
    """The appeals of the results the user sees."""
    return appeals.filter(result__in=Result.objects.restrict(user, "view"))


@restriction(Adjustment, "view")
def _view_adjustments(adjustments: QuerySet[Adjustment], user: AnyUser) -> QuerySet[Adjustment]:
    """The score changes of the results the user sees."""
    return adjustments.filter(result__in=Result.objects.restrict(user, "view"))


@restriction(BonusClaim, "view")
def _view_claims(claims: QuerySet[BonusClaim], user: AnyUser) -> QuerySet[BonusClaim]:
    """All claims for the offices and leaders, their own unit's for a unit's people."""
    if reads_all(user):
        return claims.all()
    if role_of(user) in UNIT_ROLES:
        return claims.filter(unit__in=acting_units(user))
    return claims.none()


def can_view_result(user: AnyUser, result: Result) -> bool:
    """Does ``user`` see ``result`` (the rule of ``Result.objects.restrict``)?"""
    return Result.objects.restrict(user, "view").filter(pk=result.pk).exists()


def appeal_open(result: Result) -> bool:
    """Is the result's appraisal published, with its appeal window still open today?"""
    run = result.run
    return (
        run.status == RunStatus.PUBLISHED
        and run.appeal_until is not None
        and timezone.localdate() <= run.appeal_until
    )


def can_appeal(user: AnyUser, result: Result) -> bool:
    """The reform lead or clerk of the result's unit appeals, in the window, one appeal at a time."""
    return (
        role_of(user) in _APPEALERS
        and acting_units(user).filter(pk=result.unit_id).exists()
        and appeal_open(result)
        and not result.appeals.filter(status=AppealStatus.PENDING).exists()
    )
