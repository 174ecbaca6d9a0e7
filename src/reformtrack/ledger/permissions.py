"""Who may see and edit plans, projects and units: the ledger's access rules.

=================  ===================  ========================  ==================
role               view a project       edit a project            manage programme
=================  ===================  ========================  ==================
office             all                  all                       yes
leader             all                  those they are leader of  no
supervision        all                  none                      no
unit_lead, clerk   their unit's [1]_    those their unit leads    no
counit             their unit's [1]_    none                      no
no role/anonymous  none                 none                      no
=================  ===================  ========================  ==================

"Edit a project" is its title and text. Its progress, status (completion) and deadline move only
by the coordinating office, or by a report of the lead unit that the office accepts: a lead unit
never marks its own project done unreviewed (:func:`can_move_progress`).

.. [1] a unit's projects are those where the unit is a lead unit or a co-unit, directly or through a
   collective unit it belongs to (各相关街道办事处 names every street office that is its member).

Units: office, leader and supervision see every unit; the unit roles see their own unit, the
collectives it belongs to, and the units taking part in the projects they see. Roles come from
:func:`reformtrack.accounts.permissions.role_of`.

Lists take the rules through ``restrict`` (:mod:`reformtrack.core.restrict`), registered here:
``Project.objects.restrict(user, "view")`` is the "view a project" column, ``"change"`` the "edit a
project" column, ``Unit.objects.restrict(user, "view")`` the units.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet

from reformtrack.accounts.choices import UNIT_ROLES, Role
from reformtrack.accounts.permissions import can_manage_programme, role_of
from reformtrack.core.restrict import restriction

from .choices import UnitRole
from .models import Project, ProjectUnit, Unit

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser

__all__ = [
    "acting_units",
    "can_comment_project",
    "can_edit_project",
    "can_move_progress",
    "can_view_project",
    "can_view_unit",
]

# Roles that read every project and every unit.
_READ_ALL = (Role.OFFICE, Role.LEADER, Role.SUPERVISION)


def _unit_id(user: AnyUser) -> int | None:
    profile = getattr(user, "profile", None)
    return None if profile is None else profile.unit_id


def acting_units(user: AnyUser) -> QuerySet[Unit]:
    """The user's unit and the collective units it is a member of, as a subquery (no query of its own)."""
    unit_id = _unit_id(user)
    if unit_id is None:
        return Unit.objects.none()
    return Unit.objects.filter(Q(pk=unit_id) | Q(members=unit_id))


def _links(user: AnyUser, role: UnitRole | None = None) -> QuerySet[ProjectUnit]:
    links = ProjectUnit.objects.filter(project=OuterRef("pk"), unit__in=acting_units(user))
    return links if role is None else links.filter(role=role)


@restriction(Project, "view")
def _view_projects(projects: QuerySet[Project], user: AnyUser) -> QuerySet[Project]:
    """``Project.objects.restrict(user, "view")``: the projects the user may see."""
    role = role_of(user)
    if role in _READ_ALL:
        return projects.all()
    if role in UNIT_ROLES:
        return projects.filter(Exists(_links(user)))
    return projects.none()


@restriction(Project, "change")
def _change_projects(projects: QuerySet[Project], user: AnyUser) -> QuerySet[Project]:
    """``Project.objects.restrict(user, "change")``: the projects of :func:`can_edit_project`, as a list."""
    role = role_of(user)
    if role == Role.OFFICE:
        return projects.all()
    if role == Role.LEADER:
        return projects.filter(leader_id=user.pk)
    if role in (Role.UNIT_LEAD, Role.CLERK):
        return projects.filter(Exists(_links(user, UnitRole.LEAD)))
    return projects.none()


def _takes_part(user: AnyUser, project: Project, role: UnitRole | None = None) -> bool:
    links = ProjectUnit.objects.filter(project=project, unit__in=acting_units(user))
    if role is not None:
        links = links.filter(role=role)
    return links.exists()


def can_view_project(user: AnyUser, project: Project) -> bool:
    """May the user see the project at all? When not, views answer 404."""
    role = role_of(user)
    if role in _READ_ALL:
        return True
    return role in UNIT_ROLES and _takes_part(user, project)


def can_edit_project(user: AnyUser, project: Project) -> bool:
    """May the user change the project's progress, status and texts (not its assignment: see manage)?"""
    role = role_of(user)
    if role == Role.OFFICE:
        return True
    if role == Role.LEADER:
        return project.leader_id is not None and project.leader_id == user.pk
    if role in (Role.UNIT_LEAD, Role.CLERK):
        return _takes_part(user, project, UnitRole.LEAD)
    return False


def can_move_progress(user: AnyUser, project: Project) -> bool:
    """May the user set the project's (or a measure's) progress, status or deadline directly?

    The coordinating office only; the lead unit's progress reaches the project when the office
    accepts its report (``reporting.services.report_accept``, which acts as the office).
    """
    return can_manage_programme(user)


def can_comment_project(user: AnyUser, project: Project) -> bool:
    """May the user add a comment to the project?"""
    role = role_of(user)
    if role in (Role.OFFICE, Role.SUPERVISION):
        return True
    if role == Role.LEADER:
        return can_edit_project(user, project)
    return role in UNIT_ROLES and _takes_part(user, project)


@restriction(Unit, "view")
def _view_units(units: QuerySet[Unit], user: AnyUser) -> QuerySet[Unit]:
    """``Unit.objects.restrict(user, "view")``: the units the user may see."""
    role = role_of(user)
    if role in _READ_ALL:
        return units.all()
    if role in UNIT_ROLES:
        shared = ProjectUnit.objects.filter(
            unit=OuterRef("pk"), project__in=Project.objects.restrict(user, "view")
        )
        return units.filter(Q(pk__in=acting_units(user)) | Exists(shared))
    return units.none()


def can_view_unit(user: AnyUser, unit: Unit) -> bool:
    """May the user see the unit's page? When not, views answer 404."""
    role = role_of(user)
    if role in _READ_ALL:
        return True
    if role not in UNIT_ROLES:
        return False
    return unit.pk == _unit_id(user) or Unit.objects.restrict(user, "view").filter(pk=unit.pk).exists()
