"""Who may see and do what in supervision: the app's one place for its access rules.

===========================  ==============  =============  ================  ===================
role                         see orders      issue/close/   answer an order   extension requests
                                             escalate
===========================  ==============  =============  ================  ===================
office                       all             yes            no                decide
supervision                  all             yes            no                see
leader                       all             no             no                see
unit_lead, clerk             their unit's    no             their unit's      ask (lead unit)
counit                       their unit's    no             no                see their unit's
===========================  ==============  =============  ================  ===================

Bulletins (通报): the two offices create, edit, issue and publish them; they and the district leader
read every bulletin, drafts included; every other role reads the published ones only. A user
without a role (no profile, inactive) reads none, as the roles table of the architecture says.

"Their unit's" counts the collective units the user's unit belongs to, as the ledger's rules do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from reformtrack.accounts.choices import UNIT_ROLES, Role
from reformtrack.accounts.permissions import role_of
from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.models import Project, ProjectUnit, Unit
from reformtrack.ledger.permissions import acting_units, can_view_project

from .choices import BulletinStatus
from .models import Bulletin, ExtensionRequest, SupervisionOrder

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser

_READ_ALL = (Role.OFFICE, Role.LEADER, Role.SUPERVISION)
_ISSUERS = (Role.OFFICE, Role.SUPERVISION)


def visible_orders(user: AnyUser) -> QuerySet[SupervisionOrder]:
    """The orders the user may read: all for the offices and leaders, else those addressed to their unit."""
    role = role_of(user)
    if role in _READ_ALL:
        return SupervisionOrder.objects.all()
    if role in UNIT_ROLES:
        return SupervisionOrder.objects.filter(unit__in=acting_units(user))
    return SupervisionOrder.objects.none()


def can_issue_orders(user: AnyUser) -> bool:
    """The coordinating office and the supervision office issue, close out and escalate orders."""
    return role_of(user) in _ISSUERS


def unit_takes_part(unit: Unit, project: Project) -> bool:
    """Is ``unit`` on the project, as lead or co-unit, itself or through a collective it belongs to?

    An order goes only to such a unit: its people see the project (``can_view_project``) and can
    act on the order, where a unit outside the project would see an order about a project that
    answers them 404.
    """
    return ProjectUnit.objects.filter(Q(unit=unit) | Q(unit__members=unit), project=project).exists()


def units_taking_part(project: Project) -> QuerySet[Unit]:
    """The units an order about ``project`` may be addressed to (see :func:`unit_takes_part`)."""
    on_project = ProjectUnit.objects.filter(project=project)
    return Unit.objects.filter(
        Q(pk__in=on_project.values("unit")) | Q(collectives__in=on_project.values("unit"))
    ).distinct()


def can_respond_order(user: AnyUser, order: SupervisionOrder) -> bool:
    """The reform lead or clerk of the addressed unit answers an order."""
    return (
        role_of(user) in (Role.UNIT_LEAD, Role.CLERK) and acting_units(user).filter(pk=order.unit_id).exists()
    )


def visible_extensions(user: AnyUser) -> QuerySet[ExtensionRequest]:
    """The extension requests the user may read: all for the offices and leaders, else their unit's."""
    role = role_of(user)
    if role in _READ_ALL:
        return ExtensionRequest.objects.all()
    if role in UNIT_ROLES:
        return ExtensionRequest.objects.filter(project__in=_unit_projects(user))
    return ExtensionRequest.objects.none()


def _unit_projects(user: AnyUser) -> QuerySet[Project]:
    return Project.objects.filter(project_units__unit__in=acting_units(user))


def lead_unit_of(user: AnyUser, project: Project) -> Unit | None:
    """The unit for which the user, a reform lead or clerk, may ask to extend the project; else ``None``."""
    if role_of(user) not in (Role.UNIT_LEAD, Role.CLERK):
        return None
    link = (
        ProjectUnit.objects.filter(project=project, role=UnitRole.LEAD, unit__in=acting_units(user))
        .select_related("unit")
        .first()
    )
    return None if link is None else link.unit


def can_decide_extensions(user: AnyUser) -> bool:
    """The coordinating office approves or rejects extension requests."""
    return role_of(user) == Role.OFFICE


def can_view_extension(user: AnyUser, request: ExtensionRequest) -> bool:
    """May the user see the request (its project)? When not, views answer 404."""
    return can_view_project(user, request.project)


def can_see_accountability(user: AnyUser) -> bool:
    """The accountability records are for the supervision office and the coordinating office."""
    return role_of(user) in _ISSUERS


def can_write_bulletins(user: AnyUser) -> bool:
    """The coordinating office and the supervision office create, edit, issue and publish bulletins."""
    return role_of(user) in _ISSUERS


def visible_bulletins(user: AnyUser) -> QuerySet[Bulletin]:
    """Every bulletin for the offices and the district leader; the published ones for the unit roles;
    none for a user without a role (anonymous, inactive or without a profile)."""
    role = role_of(user)
    if role in _READ_ALL:
        return Bulletin.objects.all()
    if role in UNIT_ROLES:
        return Bulletin.objects.filter(status=BulletinStatus.PUBLISHED)
    return Bulletin.objects.none()
