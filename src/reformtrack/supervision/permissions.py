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

Decisions (表扬与问责决定: 通报表扬, 约谈, 通报批评, 责令整改, 移送纪委): the two offices record them,
follow rectifications up, close and revoke them; they and the district leader read every decision;
the reform lead and clerk of the unit decided about read and answer their unit's own, its other
staff read them; nobody else sees them (404).

Bulletins (通报): the two offices create, edit, issue and publish them; they and the district leader
read every bulletin, drafts included; every other role reads the published ones only. A user
without a role (no profile, inactive) reads none, as the roles table of the architecture says.

"Their unit's" counts the collective units the user's unit belongs to, as the ledger's rules do.

Lists take the rules through ``restrict`` (:mod:`reformtrack.core.restrict`), registered here:
``"view"`` for orders, extension requests and bulletins (the "see" columns), ``"change"`` for
bulletins (the offices that write them). Orders and extension requests have no ``"change"``: what
is done to them is several actions for several roles (answer, close, escalate; ask, decide), each
judged on the one object by its predicate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from reformtrack.accounts.choices import UNIT_ROLES, Role
from reformtrack.accounts.permissions import role_of
from reformtrack.core.restrict import restriction
from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.models import Project, ProjectUnit, Unit
from reformtrack.ledger.permissions import acting_units, can_view_project

from .choices import BulletinStatus
from .models import Bulletin, Decision, ExtensionRequest, SupervisionOrder

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser

_READ_ALL = (Role.OFFICE, Role.LEADER, Role.SUPERVISION)
_ISSUERS = (Role.OFFICE, Role.SUPERVISION)


@restriction(SupervisionOrder, "view")
def _view_orders(orders: QuerySet[SupervisionOrder], user: AnyUser) -> QuerySet[SupervisionOrder]:
    """``SupervisionOrder.objects.restrict(user, "view")``: all for the offices and leaders, else
    those addressed to the user's unit."""
    role = role_of(user)
    if role in _READ_ALL:
        return orders.all()
    if role in UNIT_ROLES:
        return orders.filter(unit__in=acting_units(user))
    return orders.none()


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


@restriction(ExtensionRequest, "view")
def _view_extensions(requests: QuerySet[ExtensionRequest], user: AnyUser) -> QuerySet[ExtensionRequest]:
    """``ExtensionRequest.objects.restrict(user, "view")``: all for the offices and leaders, else
    the requests about their unit's projects."""
    role = role_of(user)
    if role in _READ_ALL:
        return requests.all()
    if role in UNIT_ROLES:
        return requests.filter(project__in=_unit_projects(user))
    return requests.none()


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


@restriction(Bulletin, "view")
def _view_bulletins(bulletins: QuerySet[Bulletin], user: AnyUser) -> QuerySet[Bulletin]:
    """``Bulletin.objects.restrict(user, "view")``: every bulletin for the offices and the district
    leader; the published ones for the unit roles; none for a user without a role (anonymous,
    inactive or without a profile)."""
    role = role_of(user)
    if role in _READ_ALL:
        return bulletins.all()
    if role in UNIT_ROLES:
        return bulletins.filter(status=BulletinStatus.PUBLISHED)
    return bulletins.none()


@restriction(Bulletin, "change")
def _change_bulletins(bulletins: QuerySet[Bulletin], user: AnyUser) -> QuerySet[Bulletin]:
    """``Bulletin.objects.restrict(user, "change")``: every bulletin for the two offices
    (:func:`can_write_bulletins`), none for anybody else."""
    return bulletins.all() if can_write_bulletins(user) else bulletins.none()


@restriction(Decision, "view")
def _view_decisions(decisions: QuerySet[Decision], user: AnyUser) -> QuerySet[Decision]:
    """``Decision.objects.restrict(user, "view")``: all for the offices and the district leader,
    else the decisions about the user's unit."""
    role = role_of(user)
    if role in _READ_ALL:
        return decisions.all()
    if role in UNIT_ROLES:
        return decisions.filter(unit__in=acting_units(user))
    return decisions.none()


def can_record_decisions(user: AnyUser) -> bool:
    """The supervision office and the coordinating office record, follow up, close and revoke
    decisions."""
    return role_of(user) in _ISSUERS


def can_answer_decision(user: AnyUser, decision: Decision) -> bool:
    """The reform lead or clerk of the unit the decision is about answers it."""
    return (
        role_of(user) in (Role.UNIT_LEAD, Role.CLERK)
        and acting_units(user).filter(pk=decision.unit_id).exists()
    )
