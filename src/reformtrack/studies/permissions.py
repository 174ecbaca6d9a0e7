"""Who may read, write and review a project's pre-decision study (决策前研究论证).

=================  ===================  ===========================  ===============
role               read a study         draft and submit             accept / return
=================  ===================  ===========================  ===============
office             all                  all, until accepted          yes
leader             all                  none                         no
supervision        all                  none                         no
unit_lead, clerk   their unit's [1]_    their unit leads [2]_        no
counit             their unit's [1]_    none                         no
no role/anonymous  none                 none                         no
=================  ===================  ===========================  ===============

.. [1] the studies of the projects the user may see, by the ledger's project rules
   (:func:`reformtrack.ledger.permissions.can_view_project`).
.. [2] the lead unit's reform lead and clerk write while the study is a draft or came back
   (returned); once submitted it is the office's to accept or return.

Lists take the rules through ``restrict``: ``Study.objects.restrict(user, "view")`` is the first
column, ``"change"`` the second (the studies the user may write, whatever their status).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from reformtrack.accounts.choices import UNIT_ROLES, Role
from reformtrack.accounts.permissions import can_manage_programme, role_of
from reformtrack.core.restrict import restriction
from reformtrack.ledger.models import Project
from reformtrack.ledger.permissions import can_edit_project, can_view_project

from .choices import OFFICE_WRITABLE, UNIT_WRITABLE
from .models import Study

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser

__all__ = [
    "can_edit_study",
    "can_review_study",
    "can_start_study",
    "can_view_study",
    "can_write_study",
]

_DRAFTERS = (Role.UNIT_LEAD, Role.CLERK)


@restriction(Study, "view")
def _view_studies(studies: QuerySet[Study], user: AnyUser) -> QuerySet[Study]:
    """``Study.objects.restrict(user, "view")``: the studies of the projects the user may see."""
    role = role_of(user)
    if role in (Role.OFFICE, Role.LEADER, Role.SUPERVISION):
        return studies.all()
    if role in UNIT_ROLES:
        return studies.filter(project__in=Project.objects.restrict(user, "view"))
    return studies.none()


@restriction(Study, "change")
def _change_studies(studies: QuerySet[Study], user: AnyUser) -> QuerySet[Study]:
    """``Study.objects.restrict(user, "change")``: the office's all; a lead unit's drafter's those of
    the projects their unit leads."""
    role = role_of(user)
    if role == Role.OFFICE:
        return studies.all()
    if role in _DRAFTERS:
        return studies.filter(project__in=Project.objects.restrict(user, "change"))
    return studies.none()


def can_view_study(user: AnyUser, study: Study) -> bool:
    """May the user read the study? When not, views answer 404."""
    return can_view_project(user, study.project)


def can_start_study(user: AnyUser, project: Project) -> bool:
    """May the user write a study of the project at all (the office; the lead unit's reform lead
    and clerk)? Whether the study's status lets them now is :func:`can_edit_study`."""
    role = role_of(user)
    if role == Role.OFFICE:
        return True
    return role in _DRAFTERS and can_edit_project(user, project)


def can_write_study(user: AnyUser, study: Study) -> bool:
    """Is the study the user's to write, whatever its status? (When not, views answer 403.)"""
    return can_start_study(user, study.project)


def can_edit_study(user: AnyUser, study: Study) -> bool:
    """May the user change the study now: a lead unit while it is a draft or returned, the office
    until it is accepted?"""
    if not can_write_study(user, study):
        return False
    writable = OFFICE_WRITABLE if can_manage_programme(user) else UNIT_WRITABLE
    return study.status in writable


def can_review_study(user: AnyUser) -> bool:
    """May the user accept or return a submitted study? The coordinating office only."""
    return can_manage_programme(user)
