"""Writes of the expert panel: the published criteria, reviewers invited (any user, or an external
expert account made here, which has no role and so sees nothing but its assignments), their answer
to the invitation, and their scores.

Each service checks its caller (:mod:`.permissions`) and runs in one transaction with history.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.core.text import multi_line, single_line

from .choices import AssignmentStatus, EvaluationStatus
from .errors import EvaluationRefused
from .models import Criterion, Evaluation, ReviewerAssignment, Score
from .permissions import assignment_of, can_manage_evaluations, can_score, may_be_reviewer

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = ["assignment_respond", "criterion_add", "expert_create", "reviewer_invite", "scores_submit"]

_OPEN = (EvaluationStatus.SELF, EvaluationStatus.OFFICE, EvaluationStatus.PANEL)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _save(obj: Model, by: User) -> None:
    obj._history_user = by  # type: ignore[attr-defined]
    obj.save()


def _open(evaluation: Evaluation) -> Evaluation:
    locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if locked.status not in _OPEN:
        raise EvaluationRefused(_("The evaluation is signed off."))
    return locked


@transaction.atomic
def criterion_add(
    *, evaluation: Evaluation, by: User, name: str, weight: Decimal, description: str = ""
) -> Criterion:
    """Publish a criterion the panel scores (the office), before the panel has scored."""
    _require(can_manage_evaluations(by))
    locked = _open(evaluation)
    name = single_line(name)[:100]
    if not name:
        raise EvaluationRefused(_("A criterion needs a name."))
    if weight is None or weight <= 0:
        raise EvaluationRefused(_("A criterion's weight is more than zero."))
    if ReviewerAssignment.objects.filter(evaluation=locked, status=AssignmentStatus.DONE).exists():
        raise EvaluationRefused(_("A reviewer has scored already: the criteria stay as published."))
    last = Criterion.objects.filter(evaluation=locked).aggregate(last=Max("position"))["last"]
    criterion = Criterion(
        evaluation=locked,
        name=name,
        weight=weight,
        description=multi_line(description).strip(),
        position=(last or 0) + 1,
    )
    _save(criterion, by)
    return criterion


@transaction.atomic
def reviewer_invite(*, evaluation: Evaluation, by: User, reviewer: User) -> ReviewerAssignment:
    """Assign a reviewer to score the evaluation (the office). Nobody scores their own unit: a user
    whose unit takes part in the project is refused, as is an inactive account or a second invitation."""
    _require(can_manage_evaluations(by))
    locked = _open(evaluation)
    if not reviewer.is_active:
        raise EvaluationRefused(_("This account is inactive."))
    if not may_be_reviewer(reviewer, locked):
        raise EvaluationRefused(_("Nobody scores a project their own unit takes part in."))
    if ReviewerAssignment.objects.filter(evaluation=locked, reviewer=reviewer).exists():
        raise EvaluationRefused(_("This reviewer is invited already."))
    assignment = ReviewerAssignment(evaluation=locked, reviewer=reviewer, invited_by=by)
    _save(assignment, by)
    return assignment


@transaction.atomic
def expert_create(*, by: User, username: str, name: str, password: str) -> User:
    """Create an external expert's account (the office): a user with no profile and so no role,
    who sees nothing of the ledger, only the evaluations they are assigned to."""
    _require(can_manage_evaluations(by))
    username = single_line(username)
    if not username:
        raise EvaluationRefused(_("An account needs a username."))
    user_model = get_user_model()
    if user_model._default_manager.filter(username__iexact=username).exists():
        raise EvaluationRefused(_("The username %(username)s is taken.") % {"username": username})
    user = user_model(username=username, first_name=single_line(name)[:150])
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise EvaluationRefused(" ".join(exc.messages)) from exc
    user.set_password(password)
    user.save()
    return user


@transaction.atomic
def assignment_respond(*, evaluation: Evaluation, by: User, accept: bool) -> ReviewerAssignment:
    """The invited reviewer accepts or declines; a declined assignment no longer shows them the evaluation."""
    assignment = assignment_of(by, evaluation)
    _require(assignment is not None)
    assert assignment is not None
    if assignment.status != AssignmentStatus.INVITED:
        raise EvaluationRefused(_("You have answered this invitation already."))
    assignment.status = AssignmentStatus.ACCEPTED if accept else AssignmentStatus.DECLINED
    _save(assignment, by)
    return assignment


@transaction.atomic
def scores_submit(
    *, evaluation: Evaluation, by: User, scores: dict[int, tuple[Decimal, str]], comments: str
) -> ReviewerAssignment:
    """The reviewer's scores (0–100) of every published criterion, by criterion id, with a comment
    each and their comments overall; given again, they replace the reviewer's earlier ones while
    the panel sits."""
    _require(can_score(by, evaluation))
    assignment = assignment_of(by, evaluation)
    assert assignment is not None
    criteria = {criterion.pk: criterion for criterion in Criterion.objects.filter(evaluation=evaluation)}
    if not criteria:
        raise EvaluationRefused(_("No criteria are published yet."))
    if set(scores) != set(criteria):
        raise EvaluationRefused(_("Score every criterion."))
    for value, _comment in scores.values():
        if value is None or not Decimal(0) <= value <= Decimal(100):
            raise EvaluationRefused(_("A score is between 0 and 100."))
    existing = {score.criterion_id: score for score in Score.objects.filter(assignment=assignment)}
    for pk, (value, comment) in scores.items():
        score = existing.get(pk) or Score(assignment=assignment, criterion=criteria[pk])
        score.score, score.comment = value, multi_line(comment).strip()
        _save(score, by)
    assignment.status, assignment.done_at = AssignmentStatus.DONE, timezone.now()
    assignment.comments = multi_line(comments).strip()
    _save(assignment, by)
    return assignment
