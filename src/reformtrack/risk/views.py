"""Pages of the risk app: the list, a project's assessments, one assessment (edit, review, decide),
its .docx, and the office's rule. Views read through the selectors and write through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reformtrack.core.http import signed_in_user
from reformtrack.ledger.models import Plan, Project
from reformtrack.ledger.permissions import can_view_project
from reformtrack.reporting.evidence import download_name

from . import services
from .choices import AssessmentStatus, Decision, RiskLevel
from .errors import AssessmentError
from .forms import AssessmentForm, DecisionForm, FileForm, GroupForm, ReturnForm, RiskForm, RuleForm
from .level import assessed_dimensions
from .models import Assessment, AssessmentFile
from .permissions import can_draft_assessment, can_sign_off
from .selectors import (
    assessment_level,
    assessment_list,
    assessment_of,
    open_assessment,
    plain_rule,
    project_assessments,
    rule_of,
)

PAGE_SIZE = 50


@login_required
def assessment_index(request: HttpRequest) -> HttpResponse:
    """Every assessment the user may see, filtered by level, status and plan, 50 a page."""
    user = signed_in_user(request)
    filters = {name: request.GET.get(name, "") for name in ("level", "status", "plan")}
    page = Paginator(assessment_list(user, **filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "levels": RiskLevel.choices,
        "statuses": AssessmentStatus.choices,
        "plans": Plan.objects.order_by("pk").only("id", "title"),
        "can_sign_off": can_sign_off(user),
    }
    return render(request, "risk/assessment_list.html", context)


def _project(request: HttpRequest, pk: int) -> Project:
    project = Project.objects.select_related("plan").filter(pk=pk).first()
    if project is None or not can_view_project(request.user, project):
        raise Http404("no such project")
    return project


@login_required
def project_risk(request: HttpRequest, risk_project_pk: int) -> HttpResponse:
    """A project's assessments and its hold; the lead unit or the office starts a new one here."""
    user = signed_in_user(request)
    project = _project(request, risk_project_pk)
    context = {
        "project": project,
        "assessments": project_assessments(project),
        "can_start": can_draft_assessment(user, project) and open_assessment(project) is None,
    }
    return render(request, "risk/project.html", context)


@login_required
@require_POST
def assessment_start(request: HttpRequest, risk_project_pk: int) -> HttpResponse:
    """Start a draft assessment of the project and open it."""
    user = signed_in_user(request)
    project = _project(request, risk_project_pk)
    try:
        assessment = services.assessment_create(project=project, by=user)
    except AssessmentError as exc:
        messages.error(request, str(exc))
        return redirect("risk:project", risk_project_pk=project.pk)
    return redirect("risk:assessment", risk_assessment_pk=assessment.pk)


def _assessment(request: HttpRequest, pk: int) -> Assessment:
    found = assessment_of(request.user, pk)
    if found is None:
        raise Http404("no such assessment")
    return found


def _edit_form(assessment: Assessment, data: Any = None) -> AssessmentForm:
    scores = list(assessment.scores.all())
    initial: dict[str, Any] = {"version": assessment.version, "summary": assessment.summary}
    for score in scores:
        initial[f"score_{score.dimension}"] = score.score
        initial[f"evidence_{score.dimension}"] = score.evidence
    return AssessmentForm(
        data, initial=initial, dimensions=[s.dimension for s in scores], scale_max=rule_of().scale_max
    )


def _render(request: HttpRequest, assessment: Assessment, status: int = 200, **forms: Any) -> HttpResponse:
    user = signed_in_user(request)
    editable = assessment.status in (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)
    rule = plain_rule(rule_of())
    context = {
        "assessment": assessment,
        "project": assessment.project,
        "preview_level": assessment_level(assessment, rule),
        "can_edit": editable and can_draft_assessment(user, assessment.project),
        "can_review": can_sign_off(user) and assessment.status == AssessmentStatus.SUBMITTED,
        "can_decide": can_sign_off(user)
        and assessment.status == AssessmentStatus.SIGNED_OFF
        and assessment.level == RiskLevel.HIGH
        and not assessment.decision,
        "edit_form": forms.get("edit_form") or _edit_form(assessment),
        "group_form": forms.get("group_form") or GroupForm(),
        "risk_form": forms.get("risk_form") or RiskForm(),
        "file_form": forms.get("file_form") or FileForm(),
        "return_form": forms.get("return_form") or ReturnForm(initial={"version": assessment.version}),
        "decision_form": forms.get("decision_form") or DecisionForm(initial={"version": assessment.version}),
        "rule": rule,
        "dimension_count": len(assessed_dimensions(rule)),
    }
    return render(request, "risk/assessment.html", context, status=status)


@login_required
def assessment_detail(request: HttpRequest, risk_assessment_pk: int) -> HttpResponse:
    """One assessment: its scores, groups, risks, level and decision, with the forms the user may use."""
    return _render(request, _assessment(request, risk_assessment_pk))


def _again(assessment: Assessment) -> HttpResponse:
    return redirect("risk:assessment", risk_assessment_pk=assessment.pk)


@login_required
@require_POST
def assessment_edit(request: HttpRequest, risk_assessment_pk: int) -> HttpResponse:
    """The lead unit's (or the office's) actions on a draft: save, add or remove a group or a risk, submit."""
    user = signed_in_user(request)
    assessment = _assessment(request, risk_assessment_pk)
    if not can_draft_assessment(user, assessment.project):
        raise PermissionDenied
    action = request.POST.get("action", "")
    try:
        if action == "group_add":
            group_form = GroupForm(request.POST)
            if not group_form.is_valid():
                return _render(request, assessment, 400, group_form=group_form)
            services.group_add(assessment=assessment, by=user, **group_form.cleaned_data)
        elif action == "risk_add":
            risk_form = RiskForm(request.POST)
            if not risk_form.is_valid():
                return _render(request, assessment, 400, risk_form=risk_form)
            services.risk_add(assessment=assessment, by=user, **risk_form.cleaned_data)
        elif action == "group_remove":
            group = assessment.groups.filter(pk=request.POST.get("item", "0") or 0).first()
            if group is not None:
                services.group_remove(group=group, by=user)
        elif action == "risk_remove":
            risk = assessment.risks.filter(pk=request.POST.get("item", "0") or 0).first()
            if risk is not None:
                services.risk_remove(risk=risk, by=user)
        elif action == "file_add":
            file_form = FileForm(request.POST, request.FILES)
            if not file_form.is_valid():
                return _render(request, assessment, 400, file_form=file_form)
            services.file_add(assessment=assessment, by=user, **file_form.cleaned_data)
        elif action in ("save", "submit"):
            return _save(request, assessment, submit=action == "submit")
        else:
            return _render(request, assessment, 400)
    except AssessmentError as exc:
        messages.error(request, str(exc))
    return _again(assessment)


def _save(request: HttpRequest, assessment: Assessment, *, submit: bool) -> HttpResponse:
    user = signed_in_user(request)
    form = _edit_form(assessment, request.POST)
    if not form.is_valid():
        return _render(request, assessment, 400, edit_form=form)
    try:
        saved = services.assessment_save(
            assessment=assessment,
            by=user,
            version=form.cleaned_data["version"],
            summary=form.cleaned_data["summary"],
            scores=form.scores(),
        )
        if submit:
            services.assessment_submit(assessment=saved, by=user, version=saved.version)
            messages.success(request, _("The assessment is submitted to the coordinating office."))
        else:
            messages.success(request, _("The assessment is saved."))
    except AssessmentError as exc:
        messages.error(request, str(exc))
    return _again(assessment)


@login_required
@require_POST
def assessment_review(request: HttpRequest, risk_assessment_pk: int) -> HttpResponse:
    """The office's actions: return, sign off, record the decision."""
    user = signed_in_user(request)
    assessment = _assessment(request, risk_assessment_pk)
    if not can_sign_off(user):
        raise PermissionDenied
    action = request.POST.get("action", "")
    form: ReturnForm | DecisionForm = (
        DecisionForm(request.POST) if action == "decide" else ReturnForm(request.POST)
    )
    if action not in ("return", "sign_off", "decide") or not form.is_valid():
        name = "decision_form" if action == "decide" else "return_form"
        return _render(request, assessment, 400, **{name: form})
    data = form.cleaned_data
    try:
        if action == "return":
            services.assessment_return(
                assessment=assessment, by=user, version=data["version"], comment=data["comment"]
            )
        elif action == "sign_off":
            services.assessment_sign_off(assessment=assessment, by=user, version=data["version"])
            messages.success(request, _("The assessment is signed off."))
        else:
            services.assessment_decide(
                assessment=assessment,
                by=user,
                version=data["version"],
                decision=data["decision"],
                reason=data["reason"],
            )
            messages.success(request, Decision(data["decision"]).label)
    except AssessmentError as exc:
        messages.error(request, str(exc))
    return _again(assessment)


@login_required
def assessment_docx(request: HttpRequest, risk_assessment_pk: int) -> HttpResponse:
    """The assessment as .docx in the official layout (GB/T 9704)."""
    from django.utils.http import content_disposition_header

    from .print_docx import assessment_docx as render_docx

    assessment = _assessment(request, risk_assessment_pk)
    response = HttpResponse(
        render_docx(assessment),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = f"社会稳定风险评估报告（{assessment.project.title[:30]}）.docx"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name) or ""
    return response


@login_required
def file_download(request: HttpRequest, risk_file_pk: int) -> FileResponse:
    """A file of an assessment, to whoever may see the assessment."""
    kept = AssessmentFile.objects.filter(pk=risk_file_pk).first()
    if kept is None or assessment_of(request.user, kept.assessment_id) is None:
        raise Http404("no such file")
    return FileResponse(
        kept.file.open("rb"),
        as_attachment=True,
        filename=download_name(kept.original_name, str(kept.file.name)),
        content_type=kept.content_type,
    )


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest) -> HttpResponse:
    """The office's rule: 安全性 assessed or not, the score scale and the level thresholds."""
    user = signed_in_user(request)
    if not can_sign_off(user):
        raise PermissionDenied
    row = rule_of()
    fields = (
        "assess_safety",
        "scale_max",
        "score_high_at",
        "score_medium_at",
        "product_high_at",
        "product_medium_at",
    )
    form = RuleForm(
        request.POST or None, initial={"version": row.version, **{f: getattr(row, f) for f in fields}}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.rule_update(by=user, **data)
                messages.success(
                    request, _("The rule is saved; it applies to assessments signed off from now on.")
                )
                return redirect("risk:rule")
            except AssessmentError as exc:
                form.add_error(None, str(exc))
        status = 400
    history = row.history.select_related("history_user").order_by("-history_date")[:20] if row.pk else []
    return render(request, "risk/rule.html", {"form": form, "history": history}, status=status)
