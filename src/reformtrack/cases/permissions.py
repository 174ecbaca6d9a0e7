"""Who may see and do what in the case library (改革案例库).

=================  ================================  ===============================================
role               view a case                       act on a case
=================  ================================  ===============================================
office             all, archived ones too            edit before approval, return, approve, mark
                                                     for publication, archive
leader             approved ones                     none
supervision        approved ones                     none
unit_lead, clerk   approved ones; their unit's [1]_  draft for a project their unit leads; edit and
                                                     submit their unit's drafts and returned cases
counit             approved ones; their unit's [1]_  none
no role/anonymous  none                              none
=================  ================================  ===============================================

.. [1] a unit's cases are those it drafted (``Case.unit``), in any state but archived; "their unit"
   includes the collective units it is a member of, as in the ledger's rules.

An archived case is taken out of the library: only the office sees it. Only an approved case can be
marked for publication; the public portal of a later issue reads :func:`~.selectors.published_cases`.

Lists take the rules through ``restrict``: ``Case.objects.restrict(user, "view")`` is the first
column, ``"change"`` the cases the user may edit now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from reformtrack.accounts.choices import UNIT_ROLES, Role
from reformtrack.accounts.permissions import role_of
from reformtrack.core.restrict import restriction
from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.permissions import acting_units

from .choices import OFFICE_EDITABLE, UNIT_EDITABLE, CaseStatus
from .models import Case

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser
    from reformtrack.ledger.models import Project, Unit

__all__ = [
    "can_archive_case",
    "can_draft_case",
    "can_edit_case",
    "can_review_case",
    "can_submit_case",
    "can_view_case",
    "drafting_unit",
]

_DRAFTERS = (Role.UNIT_LEAD, Role.CLERK)
_READERS = (Role.OFFICE, Role.LEADER, Role.SUPERVISION, *UNIT_ROLES)


def _approved() -> Q:
    return Q(status=CaseStatus.APPROVED, archived_at__isnull=True)


@restriction(Case, "view")
def _view_cases(cases: QuerySet[Case], user: AnyUser) -> QuerySet[Case]:
    """``Case.objects.restrict(user, "view")``: the cases the user may read."""
    role = role_of(user)
    if role == Role.OFFICE:
        return cases.all()
    if role in (Role.LEADER, Role.SUPERVISION):
        return cases.filter(_approved())
    if role in UNIT_ROLES:
        own = Q(unit__in=acting_units(user), archived_at__isnull=True)
        return cases.filter(_approved() | own)
    return cases.none()


@restriction(Case, "change")
def _change_cases(cases: QuerySet[Case], user: AnyUser) -> QuerySet[Case]:
    """``Case.objects.restrict(user, "change")``: the cases of :func:`can_edit_case`, as a list."""
    role = role_of(user)
    live = cases.filter(archived_at__isnull=True)
    if role == Role.OFFICE:
        return live.filter(status__in=OFFICE_EDITABLE)
    if role in _DRAFTERS:
        return live.filter(unit__in=acting_units(user), status__in=UNIT_EDITABLE)
    return cases.none()


def _own(user: AnyUser, case: Case) -> bool:
    return acting_units(user).filter(pk=case.unit_id).exists()


def can_view_case(user: AnyUser, case: Case) -> bool:
    """May the user read the case at all? When not, views answer 404."""
    role = role_of(user)
    if role == Role.OFFICE:
        return True
    if role not in _READERS or case.archived_at is not None:
        return False
    if case.status == CaseStatus.APPROVED:
        return True
    return role in UNIT_ROLES and _own(user, case)


def drafting_unit(user: AnyUser, project: Project) -> Unit | None:
    """The unit the user drafts a case of ``project`` for: their own unit (or a collective it is a
    member of) where it leads the project; ``None`` when they may not draft one."""
    if role_of(user) not in _DRAFTERS:
        return None
    links = project.project_units.filter(role=UnitRole.LEAD, unit__in=acting_units(user))
    link = links.select_related("unit").order_by("position").first()
    return None if link is None else link.unit


def can_draft_case(user: AnyUser, project: Project) -> bool:
    """May the user write a case about the project? Its lead unit's reform lead and clerk."""
    return drafting_unit(user, project) is not None


def can_edit_case(user: AnyUser, case: Case) -> bool:
    """May the user change the case's texts now? Its unit before submission or after a return;
    the office until it approves the case."""
    if case.archived_at is not None:
        return False
    role = role_of(user)
    if role == Role.OFFICE:
        return case.status in OFFICE_EDITABLE
    return role in _DRAFTERS and case.status in UNIT_EDITABLE and _own(user, case)


def can_submit_case(user: AnyUser, case: Case) -> bool:
    """May the user submit the case to the office? Its unit's reform lead or clerk, from a draft or
    a returned case."""
    if case.archived_at is not None or case.status not in UNIT_EDITABLE:
        return False
    return role_of(user) in _DRAFTERS and _own(user, case)


def can_review_case(user: AnyUser) -> bool:
    """May the user return, approve and mark cases for publication? The coordinating office."""
    return role_of(user) == Role.OFFICE


def can_archive_case(user: AnyUser) -> bool:
    """May the user archive a case? The coordinating office."""
    return role_of(user) == Role.OFFICE
