"""The steps of an evaluation, posted from its page: the due date, the self-evaluation, the office's
evaluation, the conclusion, and the amendment it opens. A refused form renders the page again with
its errors (400); a refused step says why and goes back to the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reformtrack.core.http import signed_in_user

from . import services
from .errors import EvaluationRefused
from .forms import ConcludeForm, DueForm, OfficeForm, SelfForm
from .models import Evaluation
from .permissions import can_manage_evaluations, can_self_evaluate
from .views import evaluation_or_404, render_detail


def _step(
    request: HttpRequest,
    evaluation_pk: int,
    *,
    allowed: Callable[[Any, Evaluation], bool],
    form_class: type[forms.Form],
    name: str,
    act: Callable[[Evaluation, Any, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Check who acts (404, 403), validate the form (400 with the page), run the service."""
    evaluation = evaluation_or_404(request, evaluation_pk)
    if not allowed(request.user, evaluation):
        raise PermissionDenied
    form = form_class(request.POST)
    if not form.is_valid():
        return render_detail(request, evaluation, status=400, **{name: form})
    try:
        act(evaluation, signed_in_user(request), form.cleaned_data)
    except EvaluationRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("evaluation:detail", evaluation.pk)


def _office(user: Any, evaluation: Evaluation) -> bool:
    return can_manage_evaluations(user)


@login_required
@require_POST
def evaluation_due(request: HttpRequest, evaluation_pk: int) -> HttpResponse:
    """Set when the self-evaluation is due (the office)."""
    return _step(
        request,
        evaluation_pk,
        allowed=_office,
        form_class=DueForm,
        name="due_form",
        act=lambda e, by, d: services.evaluation_set_due(
            evaluation=e, by=by, version=d["version"], due=d["due"]
        ),
        done=_("The due date is set."),
    )


@login_required
@require_POST
def evaluation_self(request: HttpRequest, evaluation_pk: int) -> HttpResponse:
    """The lead unit's self-evaluation."""
    return _step(
        request,
        evaluation_pk,
        allowed=can_self_evaluate,
        form_class=SelfForm,
        name="self_form",
        act=lambda e, by, d: services.evaluation_self(
            evaluation=e,
            by=by,
            version=d["version"],
            goals_met=d["goals_met"],
            summary=d["summary"],
            cost=d["cost"],
            problems=d["problems"],
        ),
        done=_("The self-evaluation is sent to the office."),
    )


@login_required
@require_POST
def evaluation_office(request: HttpRequest, evaluation_pk: int) -> HttpResponse:
    """The office's evaluation, and whether an expert panel scores the project."""
    return _step(
        request,
        evaluation_pk,
        allowed=_office,
        form_class=OfficeForm,
        name="office_form",
        act=lambda e, by, d: services.evaluation_office(
            evaluation=e, by=by, version=d["version"], opinion=d["opinion"], panel=d["panel"]
        ),
        done=_("The office's evaluation is saved."),
    )


@login_required
@require_POST
def evaluation_conclude(request: HttpRequest, evaluation_pk: int) -> HttpResponse:
    """The conclusion, signed off: the achievement figures are frozen."""
    return _step(
        request,
        evaluation_pk,
        allowed=_office,
        form_class=ConcludeForm,
        name="conclude_form",
        act=lambda e, by, d: services.evaluation_conclude(
            evaluation=e, by=by, version=d["version"], conclusion=d["conclusion"], reasons=d["reasons"]
        ),
        done=_("The evaluation is concluded and signed off."),
    )


@login_required
@require_POST
def evaluation_amend(request: HttpRequest, evaluation_pk: int) -> HttpResponse:
    """Open the plan's next amendment from the conclusion, and go to it."""
    evaluation = evaluation_or_404(request, evaluation_pk)
    if not can_manage_evaluations(request.user):
        raise PermissionDenied
    try:
        amendment = services.evaluation_amend(evaluation=evaluation, by=signed_in_user(request))
    except EvaluationRefused as exc:
        messages.error(request, str(exc))
        return redirect("evaluation:detail", evaluation.pk)
    messages.success(request, _("Amendment %(number)s is open.") % {"number": amendment.number})
    return redirect("ledger:amendment_detail", amendment.pk)
