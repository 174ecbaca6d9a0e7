"""Who may see and do what with progress reports; built on the ledger's and accounts' permissions.

================  ===================================  ========================================
role              read a report                        act on it
================  ===================================  ========================================
office            all                                  manage cycles, review (accept / return)
leader            all                                  none
supervision       all                                  none
unit_lead, clerk  their unit's reports, and those of   draft, submit, upload evidence to their
                  projects their unit is a co-unit of  unit's reports; contribute as a co-unit
counit            reports of projects their unit is    contribute
                  a co-unit of
================  ===================================  ========================================

A report the user may not read answers 404; one they may read but not act on, 403.

Lists take the rules through ``restrict`` (:mod:`reformtrack.core.restrict`), registered here:
``ProgressReport.objects.restrict(user, "view")`` is the "read a report" column, ``"change"`` the
reports the user drafts and submits (:func:`can_write_report`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet

from reformtrack.accounts.choices import UNIT_ROLES, Role
from reformtrack.accounts.permissions import role_of
from reformtrack.core.restrict import restriction
from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.models import ProjectUnit
from reformtrack.ledger.permissions import acting_units

from .models import ProgressReport

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser

_READ_ALL = (Role.OFFICE, Role.LEADER, Role.SUPERVISION)


def _co_unit_of_project(user: AnyUser) -> Exists:
    return Exists(
        ProjectUnit.objects.filter(project=OuterRef("project"), role=UnitRole.CO, unit__in=acting_units(user))
    )


@restriction(ProgressReport, "view")
def _view_reports(reports: QuerySet[ProgressReport], user: AnyUser) -> QuerySet[ProgressReport]:
    """``ProgressReport.objects.restrict(user, "view")``: the reports the user may read."""
    role = role_of(user)
    if role in _READ_ALL:
        return reports.all()
    if role in UNIT_ROLES:
        return reports.filter(Q(unit__in=acting_units(user)) | _co_unit_of_project(user))
    return reports.none()


@restriction(ProgressReport, "change")
def _change_reports(reports: QuerySet[ProgressReport], user: AnyUser) -> QuerySet[ProgressReport]:
    """``ProgressReport.objects.restrict(user, "change")``: the reports of :func:`can_write_report`."""
    if role_of(user) not in (Role.UNIT_LEAD, Role.CLERK):
        return reports.none()
    return reports.filter(unit__in=acting_units(user))


def can_view_report(user: AnyUser, report: ProgressReport) -> bool:
    """May the user read the report? When not, views answer 404."""
    return ProgressReport.objects.restrict(user, "view").filter(pk=report.pk).exists()


def can_write_report(user: AnyUser, report: ProgressReport) -> bool:
    """May the user draft, submit and add evidence? The lead unit's reform lead and clerk only."""
    if role_of(user) not in (Role.UNIT_LEAD, Role.CLERK):
        return False
    return acting_units(user).filter(pk=report.unit_id).exists()


def can_write_reports(user: AnyUser) -> bool:
    """Is the user one who writes their unit's reports (a reform lead or clerk)?"""
    return role_of(user) in (Role.UNIT_LEAD, Role.CLERK)


def can_contribute(user: AnyUser, report: ProgressReport) -> bool:
    """May the user add a co-unit's contribution? Staff of a co-unit of the report's project."""
    if role_of(user) not in UNIT_ROLES:
        return False
    return ProjectUnit.objects.filter(
        project=report.project_id, role=UnitRole.CO, unit__in=acting_units(user)
    ).exists()


def can_review(user: AnyUser) -> bool:
    """May the user accept or return reports and manage reporting cycles? The coordinating office."""
    return role_of(user) == Role.OFFICE
