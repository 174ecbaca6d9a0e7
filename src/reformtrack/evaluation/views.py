"""The evaluation pages: the list, a reviewer's assignments, one evaluation with the form of each
step for whoever may act on it, opening one from a project, and the report as .docx.

Anonymous → login; an evaluation the user may not see → 404; visible but not theirs to act on → 403.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from reformtrack.core.http import signed_in_user
from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.models import Project
from reformtrack.ledger.permissions import can_view_project

from . import services
from .choices import AMENDING, AssignmentStatus, Conclusion, EvaluationStatus
from .errors import EvaluationRefused
from .forms import (
    ConcludeForm,
    CriterionForm,
    DueForm,
    ExpertForm,
    InviteForm,
    OfficeForm,
    RespondForm,
    SelfForm,
)
from .models import Evaluation
from .permissions import (
    assignment_of,
    can_manage_evaluations,
    can_score,
    can_self_evaluate,
    can_view_evaluation,
)
from .report_docx import ReportData, evaluation_docx
from .selectors import assignments_of, evaluation_list, figures_of, my_assignments, panel_summary

PAGE_SIZE = 25
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def evaluation_or_404(request: HttpRequest, evaluation_pk: int) -> Evaluation:
    """The evaluation, if the user may see it; else 404."""
    evaluation = get_object_or_404(
        Evaluation.objects.select_related("project", "project__plan", "amendment"), pk=evaluation_pk
    )
    if not can_view_evaluation(request.user, evaluation):
        raise Http404
    return evaluation


@login_required
@require_GET
def evaluation_index(request: HttpRequest) -> HttpResponse:
    """The evaluations the user sees, filtered by status, conclusion and words of the title, paged."""
    filters = {key: request.GET.get(key, "").strip() for key in ("status", "conclusion", "q")}
    evaluations = evaluation_list(
        request.user, status=filters["status"], conclusion=filters["conclusion"], query=filters["q"]
    )
    page = Paginator(evaluations, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "statuses": EvaluationStatus.choices,
        "conclusions": Conclusion.choices,
        "query": urlencode({key: value for key, value in filters.items() if value}),
    }
    return render(request, "evaluation/evaluation_list.html", context)


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The user's assignments to score evaluations: an external expert's landing page."""
    return render(request, "evaluation/mine.html", {"assignments": list(my_assignments(request.user))})


def _forms(evaluation: Evaluation) -> dict[str, Any]:
    version = {"version": evaluation.version}
    return {
        "due_form": DueForm(initial={**version, "due": evaluation.due}),
        "self_form": SelfForm(initial=version),
        "office_form": OfficeForm(initial=version),
        "conclude_form": ConcludeForm(initial=version),
        "criterion_form": CriterionForm(),
        "invite_form": InviteForm(),
        "expert_form": ExpertForm(),
        "respond_form": RespondForm(),
    }


def render_detail(
    request: HttpRequest, evaluation: Evaluation, *, status: int = 200, **bound: Any
) -> HttpResponse:
    """The evaluation's page; ``bound`` forms (refused input) replace the blank ones, with ``status``."""
    user = request.user
    manage = can_manage_evaluations(user)
    state = evaluation.status
    mine = assignment_of(user, evaluation)
    context = {
        "evaluation": evaluation,
        "figures": figures_of(evaluation, timezone.localdate()),
        "panel": panel_summary(evaluation, user),
        "assignments": assignments_of(evaluation, user),
        "my_assignment": mine,
        "can_see_project": can_view_project(user, evaluation.project),
        "is_office": manage,
        "can_manage": manage and state != EvaluationStatus.CONCLUDED,
        "can_self": state == EvaluationStatus.SELF and can_self_evaluate(user, evaluation),
        "can_office": manage and state == EvaluationStatus.OFFICE and evaluation.office_at is None,
        "can_conclude": manage
        and evaluation.office_at is not None
        and state in (EvaluationStatus.OFFICE, EvaluationStatus.PANEL),
        "can_amend": manage
        and state == EvaluationStatus.CONCLUDED
        and evaluation.conclusion in AMENDING
        and evaluation.amendment_id is None,
        "can_respond": mine is not None and mine.status == AssignmentStatus.INVITED,
        "can_score": can_score(user, evaluation),
        **_forms(evaluation),
        **bound,
    }
    return render(request, "evaluation/evaluation_detail.html", context, status=status)


@login_required
@require_GET
def evaluation_detail(request: HttpRequest, evaluation_pk: int) -> HttpResponse:
    """One evaluation: the achievement figures, each step, the panel's scores, the conclusion."""
    return render_detail(request, evaluation_or_404(request, evaluation_pk))


@login_required
@require_POST
def evaluation_open(request: HttpRequest, evaluation_project_pk: int) -> HttpResponse:
    """Open the project's evaluation (the office) and go to it."""
    project = get_object_or_404(Project.objects.select_related("plan"), pk=evaluation_project_pk)
    if not can_view_project(request.user, project):
        raise Http404
    if not can_manage_evaluations(request.user):
        raise PermissionDenied
    try:
        evaluation = services.evaluation_open(project=project, by=signed_in_user(request))
    except EvaluationRefused as exc:
        messages.error(request, str(exc))
        found = Evaluation.objects.filter(project=project).first()
        return (
            redirect("evaluation:detail", found.pk) if found else redirect("web:project_detail", project.pk)
        )
    messages.success(request, _("The post-implementation evaluation is open."))
    return redirect("evaluation:detail", evaluation.pk)


@login_required
@require_GET
def evaluation_report(request: HttpRequest, evaluation_pk: int) -> HttpResponse:
    """The evaluation report as .docx (a draft until signed off)."""
    evaluation = evaluation_or_404(request, evaluation_pk)
    leads = (
        evaluation.project.project_units.filter(role=UnitRole.LEAD)
        .select_related("unit")
        .order_by("position")
    )
    data = ReportData(
        evaluation=evaluation,
        figures=figures_of(evaluation, timezone.localdate()),
        panel=panel_summary(evaluation, request.user),
        lead_units=[link.unit.name for link in leads],
    )
    response = HttpResponse(evaluation_docx(data), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="evaluation-{evaluation.pk}.docx"'
    return response
