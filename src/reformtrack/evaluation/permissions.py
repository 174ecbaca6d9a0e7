"""Who may see and do what with post-implementation evaluations: the app's one place for its rules.

=================  ====================  ==================  ===============  ====================
role               see evaluations       open, evaluate,     self-evaluate    score
                                         assign, conclude
=================  ====================  ==================  ===============  ====================
office             all                   yes                 no               if assigned
leader,            all                   no                  no               if assigned
supervision
unit_lead, clerk   their projects'       no                  lead unit's      if assigned
counit             their projects'       no                  no               if assigned
no role (expert)   their assignments'    no                  no               if assigned
=================  ====================  ==================  ===============  ====================

Expert reviewers are an assignment, not a role: the office invites any user, or creates an external
expert account (a user without a profile, so :func:`~reformtrack.accounts.permissions.role_of` gives
``None`` and the ledger shows it nothing). An assigned reviewer sees the evaluations they are
assigned to (unless they declined), read-only except their own scores, which they give while the
panel sits. Nobody is invited to score a project their own unit takes part in. A signed-in user
without a role reaches nothing else of the site (:mod:`.middleware`).

Lists take the rules through ``restrict`` (``"view"`` for all four models).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.query import EmptyQuerySet

from reformtrack.accounts.choices import Role
from reformtrack.accounts.permissions import can_manage_programme, role_of
from reformtrack.core.restrict import restriction
from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.models import Project, ProjectUnit
from reformtrack.ledger.permissions import acting_units, can_view_project

from .choices import AssignmentStatus, EvaluationStatus
from .models import Criterion, Evaluation, ReviewerAssignment, Score

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser

_READ_ALL = (Role.OFFICE, Role.LEADER, Role.SUPERVISION)


def _assigned(user: AnyUser) -> QuerySet[ReviewerAssignment]:
    return ReviewerAssignment.objects.filter(reviewer_id=user.pk).exclude(status=AssignmentStatus.DECLINED)


@restriction(Evaluation, "view")
def _view_evaluations(evaluations: QuerySet[Evaluation], user: AnyUser) -> QuerySet[Evaluation]:
    """``Evaluation.objects.restrict(user, "view")``: all for the offices and leaders; a unit's
    people those of the projects they see; everybody those they are assigned to score."""
    if role_of(user) in _READ_ALL:
        return evaluations.all()
    assigned = Exists(_assigned(user).filter(evaluation=OuterRef("pk")))
    if not user.is_authenticated or not user.is_active:
        return evaluations.none()
    visible = Project.objects.restrict(user, "view")
    return evaluations.filter(Q(project__in=visible) | assigned)


@restriction(Criterion, "view")
def _view_criteria(criteria: QuerySet[Criterion], user: AnyUser) -> QuerySet[Criterion]:
    """The criteria of the evaluations the user sees (they are published)."""
    visible = Evaluation.objects.restrict(user, "view")
    if isinstance(visible, EmptyQuerySet):
        return criteria.none()
    return criteria.filter(evaluation__in=visible)


@restriction(ReviewerAssignment, "view")
def _view_assignments(
    assignments: QuerySet[ReviewerAssignment], user: AnyUser
) -> QuerySet[ReviewerAssignment]:
    """The offices and leaders see every assignment; anybody else their own."""
    if role_of(user) in _READ_ALL:
        return assignments.all()
    return assignments.filter(reviewer_id=user.pk)


@restriction(Score, "view")
def _view_scores(scores: QuerySet[Score], user: AnyUser) -> QuerySet[Score]:
    """The offices and leaders see every reviewer's scores; a reviewer their own."""
    if role_of(user) in _READ_ALL:
        return scores.all()
    return scores.filter(assignment__reviewer_id=user.pk)


def can_view_evaluation(user: AnyUser, evaluation: Evaluation) -> bool:
    """May the user see the evaluation at all? When not, views answer 404."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        can_view_project(user, evaluation.project) or _assigned(user).filter(evaluation=evaluation).exists()
    )


def can_manage_evaluations(user: AnyUser) -> bool:
    """The coordinating office opens evaluations, sets their due date, evaluates, publishes the
    criteria, assigns reviewers, concludes, signs off and opens the amendment that follows."""
    return can_manage_programme(user)


def can_self_evaluate(user: AnyUser, evaluation: Evaluation) -> bool:
    """The reform lead or clerk of the project's lead unit writes the self-evaluation."""
    return (
        role_of(user) in (Role.UNIT_LEAD, Role.CLERK)
        and ProjectUnit.objects.filter(
            project_id=evaluation.project_id, role=UnitRole.LEAD, unit__in=acting_units(user)
        ).exists()
    )


def assignment_of(user: AnyUser, evaluation: Evaluation) -> ReviewerAssignment | None:
    """The user's live assignment (invited or accepted or done) to the evaluation, if any."""
    if not user.is_authenticated or not user.is_active:
        return None
    return _assigned(user).filter(evaluation=evaluation).first()


def can_score(user: AnyUser, evaluation: Evaluation) -> bool:
    """An assigned reviewer (not declined) scores while the panel sits."""
    return evaluation.status == EvaluationStatus.PANEL and assignment_of(user, evaluation) is not None


def may_be_reviewer(user: AnyUser, evaluation: Evaluation) -> bool:
    """Nobody scores their own unit: a user whose unit takes part in the project is not invited."""
    return not ProjectUnit.objects.filter(
        project_id=evaluation.project_id, unit__in=acting_units(user)
    ).exists()
