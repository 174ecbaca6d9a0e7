"""The expert panel's pages: the office publishes criteria and invites reviewers (an existing user,
or a new external expert account); a reviewer answers the invitation and scores.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reformtrack.core.http import signed_in_user

from . import services_panel
from .errors import EvaluationRefused
from .forms import CriterionForm, ExpertForm, InviteForm, RespondForm, ScoreForm
from .models import Criterion, Evaluation, Score
from .permissions import assignment_of, can_manage_evaluations, can_score
from .views import evaluation_or_404, render_detail
from .views_steps import _step


def _office(user: Any, evaluation: Evaluation) -> bool:
    return can_manage_evaluations(user)


def _invite(evaluation: Evaluation, by: Any, data: dict[str, Any]) -> object:
    reviewer = get_user_model()._default_manager.filter(username=data["username"]).first()
    if reviewer is None:
        raise EvaluationRefused(_("No account has that username."))
    return services_panel.reviewer_invite(evaluation=evaluation, by=by, reviewer=reviewer)


def _expert(evaluation: Evaluation, by: Any, data: dict[str, Any]) -> object:
    expert = services_panel.expert_create(
        by=by, username=data["username"], name=data["name"], password=data["password"]
    )
    return services_panel.reviewer_invite(evaluation=evaluation, by=by, reviewer=expert)


@login_required
@require_POST
def criterion_add(request: HttpRequest, evaluation_pk: int) -> HttpResponse:
    """Publish a criterion the panel scores (the office)."""
    return _step(
        request,
        evaluation_pk,
        allowed=_office,
        form_class=CriterionForm,
        name="criterion_form",
        act=lambda e, by, d: services_panel.criterion_add(
            evaluation=e, by=by, name=d["name"], weight=d["weight"], description=d["description"]
        ),
        done=_("The criterion is published."),
    )


@login_required
@require_POST
def reviewer_invite(request: HttpRequest, evaluation_pk: int) -> HttpResponse:
    """Invite an existing user to score (the office)."""
    return _step(
        request,
        evaluation_pk,
        allowed=_office,
        form_class=InviteForm,
        name="invite_form",
        act=_invite,
        done=_("The reviewer is invited."),
    )


@login_required
@require_POST
def expert_create(request: HttpRequest, evaluation_pk: int) -> HttpResponse:
    """Create an external expert's account and invite it (the office)."""
    return _step(
        request,
        evaluation_pk,
        allowed=_office,
        form_class=ExpertForm,
        name="expert_form",
        act=_expert,
        done=_("The expert's account is created and invited."),
    )


@login_required
@require_POST
def assignment_respond(request: HttpRequest, evaluation_pk: int) -> HttpResponse:
    """The invited reviewer accepts or declines."""
    return _step(
        request,
        evaluation_pk,
        allowed=lambda user, e: assignment_of(user, e) is not None,
        form_class=RespondForm,
        name="respond_form",
        act=lambda e, by, d: services_panel.assignment_respond(
            evaluation=e, by=by, accept=d["answer"] == "accept"
        ),
        done=_("Your answer is recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def score(request: HttpRequest, evaluation_pk: int) -> HttpResponse:
    """The reviewer's scores of the published criteria, while the panel sits."""
    evaluation = evaluation_or_404(request, evaluation_pk)
    assignment = assignment_of(request.user, evaluation)
    if assignment is None:
        raise PermissionDenied
    if not can_score(request.user, evaluation):
        messages.error(request, _("The panel is not scoring this evaluation now."))
        return redirect("evaluation:detail", evaluation.pk)
    criteria = list(Criterion.objects.restrict(request.user, "view").filter(evaluation=evaluation))
    initial: dict[str, Any] = {"comments": assignment.comments}
    for given in Score.objects.restrict(request.user, "view").filter(assignment=assignment):
        initial[f"score_{given.criterion_id}"] = given.score
        initial[f"comment_{given.criterion_id}"] = given.comment
    data = request.POST if request.method == "POST" else None
    form = ScoreForm(data, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services_panel.scores_submit(
                evaluation=evaluation,
                by=signed_in_user(request),
                scores=form.scores(),
                comments=form.cleaned_data["comments"],
            )
        except EvaluationRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your scores are saved."))
            return redirect("evaluation:detail", evaluation.pk)
    status = 400 if form.errors else 200
    context = {"evaluation": evaluation, "form": form, "criteria": criteria}
    return render(request, "evaluation/score.html", context, status=status)


__all__ = [
    "assignment_respond",
    "criterion_add",
    "expert_create",
    "render_detail",
    "reviewer_invite",
    "score",
]
