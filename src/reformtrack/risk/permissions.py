"""Who may see and do what with social stability risk assessments: the app's access rules.

=================  ====================  ========================  =============================
role               see an assessment     draft and submit          review, sign off, decide, rule
=================  ====================  ========================  =============================
office             all                   yes                       yes
leader             all                   no                        no
supervision        all                   no                        no
unit_lead, clerk   their unit's projects those their unit leads    no
counit             their unit's projects no                        no
no role/anonymous  none                  no                        no
=================  ====================  ========================  =============================

An assessment is seen by whoever sees its project (:func:`~reformtrack.ledger.permissions.
can_view_project`); ``Assessment.objects.restrict(user, "view")`` is that column. The rule page
(thresholds) is the office's alone; everybody who sees an assessment sees its level.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.db.models.query import EmptyQuerySet

from reformtrack.accounts.choices import Role
from reformtrack.accounts.permissions import can_manage_programme, role_of
from reformtrack.core.restrict import restriction
from reformtrack.ledger.models import Project
from reformtrack.ledger.permissions import can_edit_project, can_view_project

from .models import Assessment

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser

__all__ = ["can_draft_assessment", "can_sign_off", "can_view_assessment"]

_DRAFTERS = (Role.UNIT_LEAD, Role.CLERK)


@restriction(Assessment, "view")
def _view_assessments(assessments: QuerySet[Assessment], user: AnyUser) -> QuerySet[Assessment]:
    """``Assessment.objects.restrict(user, "view")``: the assessments of the projects the user sees."""
    projects = Project.objects.restrict(user, "view")
    if isinstance(projects, EmptyQuerySet):  # no role: no rows, and no query
        return assessments.none()
    return assessments.filter(project__in=projects)


def can_view_assessment(user: AnyUser, assessment: Assessment) -> bool:
    """Whoever sees the project sees its assessments."""
    return can_view_project(user, assessment.project)


def can_draft_assessment(user: AnyUser, project: Project) -> bool:
    """The office, and the reform lead and clerk of a unit that leads the project, draft and submit."""
    if can_manage_programme(user):
        return True
    return role_of(user) in _DRAFTERS and can_edit_project(user, project)


def can_sign_off(user: AnyUser) -> bool:
    """The coordinating office reviews, signs off, decides and sets the rule."""
    return can_manage_programme(user)
