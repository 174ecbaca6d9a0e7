"""Pages of nominations (申报): a unit drafts and submits, the eligibility results, the evidence,
the panel's scoring, the office's decision and the certificate."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reformtrack.core.http import signed_in_user
from reformtrack.reporting.evidence import ACCEPT_ATTRIBUTE, download_name

from . import services
from .choices import NominationStatus
from .documents import certificates_docx
from .eligibility import reason_text
from .errors import AwardRefused
from .forms import DecisionForm, EvidenceForm, NominationForm, ScoreForm
from .models import Nomination, NominationEvidence
from .permissions import (
    can_edit_nomination,
    can_manage_award,
    can_nominate,
    can_read_announcement,
    can_score,
    is_own_unit,
    is_panel_member,
)
from .selectors import call_parts, member_scores, nominations_of_call, scoring_list, unit_projects
from .views_common import DOCX, attachment, posted, visible_call, visible_nomination


@login_required
@require_http_methods(["GET"])
def nomination_list(request: HttpRequest, award_call_pk: int) -> HttpResponse:
    """The call's nominations the user sees, with the eligibility check's results and reasons."""
    call = visible_call(request, award_call_pk)
    rows = [(n, [reason_text(r) for r in n.reasons]) for n in nominations_of_call(request.user, call)]
    context = {
        "call": call,
        "rows": rows,
        "can_manage": can_manage_award(request.user),
        "can_nominate": can_nominate(request.user),
    }
    return render(request, "award/nomination_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def nomination_create(request: HttpRequest, award_call_pk: int) -> HttpResponse:
    """A unit's new nomination (its reform lead or clerk)."""
    call = visible_call(request, award_call_pk)
    if not can_nominate(request.user):
        raise PermissionDenied
    form = NominationForm(posted(request), projects=unit_projects(request.user))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            nomination = services.nomination_create(
                by=signed_in_user(request),
                call=call,
                title=data["title"],
                statement=data["statement"],
                projects=data["projects"],
            )
        except AwardRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The nomination is saved as a draft."))
            return redirect("award:nomination_detail", nomination.pk)
    status = 400 if form.is_bound else 200
    return render(request, "award/nomination_form.html", {"call": call, "form": form}, status=status)


def _edit_form(request: HttpRequest, nomination: Nomination) -> NominationForm:
    initial = {
        "title": nomination.title,
        "statement": nomination.statement,
        "projects": [link.project_id for link in nomination.links.all()],
        "version": nomination.version,
    }
    return NominationForm(posted(request), initial=initial, projects=unit_projects(request.user))


@login_required
@require_http_methods(["GET", "POST"])
def nomination_detail(request: HttpRequest, award_nomination_pk: int) -> HttpResponse:
    """A nomination; its unit's reform lead and clerk edit it here while it is a draft."""
    nomination = visible_nomination(request, award_nomination_pk)
    editable = can_edit_nomination(request.user, nomination) and nomination.status == NominationStatus.DRAFT
    if request.method == "POST" and not editable:
        raise PermissionDenied
    form = _edit_form(request, nomination) if editable else None
    if form is not None and form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            services.nomination_update(
                by=signed_in_user(request),
                nomination=nomination,
                version=data["version"] or 0,
                title=data["title"],
                statement=data["statement"],
                projects=data["projects"],
            )
        except AwardRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The nomination is saved."))
            return redirect("award:nomination_detail", nomination.pk)
    context = {
        "nomination": nomination,
        "call": nomination.call,
        "form": form,
        "evidence_form": EvidenceForm() if editable else None,
        "accept": ACCEPT_ATTRIBUTE,
        "reasons": [reason_text(r) for r in nomination.reasons],
        "can_score": can_score(request.user, nomination),
        "can_certificate": nomination.prize and can_read_announcement(request.user, nomination.call),
    }
    return render(
        request, "award/nomination_detail.html", context, status=400 if form and form.is_bound else 200
    )


@login_required
@require_POST
def nomination_submit(request: HttpRequest, award_nomination_pk: int) -> HttpResponse:
    nomination = visible_nomination(request, award_nomination_pk)
    try:
        services.nomination_submit(
            by=signed_in_user(request), nomination=nomination, version=int(request.POST.get("version") or 0)
        )
    except AwardRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The nomination is submitted."))
    return redirect("award:nomination_detail", nomination.pk)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, award_nomination_pk: int) -> HttpResponse:
    nomination = visible_nomination(request, award_nomination_pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        if not can_edit_nomination(request.user, nomination):
            raise PermissionDenied
        messages.error(request, _("Choose a file."))
        return redirect("award:nomination_detail", nomination.pk)
    try:
        services.evidence_add(
            by=signed_in_user(request), nomination=nomination, upload=form.cleaned_data["file"]
        )
    except AwardRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The file is added."))
    return redirect("award:nomination_detail", nomination.pk)


@login_required
@require_http_methods(["GET"])
def evidence_download(request: HttpRequest, award_evidence_pk: int) -> HttpResponse:
    evidence = get_object_or_404(NominationEvidence, pk=award_evidence_pk)
    visible_nomination(request, evidence.nomination_id)
    return attachment(
        evidence.file, download_name(evidence.original_name, evidence.file.name or ""), evidence.content_type
    )


@login_required
@require_http_methods(["GET"])
def scoring(request: HttpRequest, award_call_pk: int) -> HttpResponse:
    """A panel member's list: the call's checked nominations, their own unit's left off."""
    call = visible_call(request, award_call_pk)
    if not is_panel_member(request.user, call):
        raise PermissionDenied
    criteria, _prizes = call_parts(call)
    context = {"call": call, "rows": scoring_list(request.user, call), "criteria_count": len(criteria)}
    return render(request, "award/scoring.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def score(request: HttpRequest, award_nomination_pk: int) -> HttpResponse:
    """A panel member scores a nomination on each criterion; refused (403) for their own unit's,
    by the service as well as here."""
    nomination = visible_nomination(request, award_nomination_pk)
    call = nomination.call
    if not is_panel_member(request.user, call):
        raise PermissionDenied
    criteria, _prizes = call_parts(call)
    mine = member_scores(request.user, nomination)
    initial: dict[str, object] = {}
    for criterion_id, found in mine.items():
        initial[f"score_{criterion_id}"], initial[f"comment_{criterion_id}"] = found.value, found.comment
    form = ScoreForm(posted(request), criteria=criteria, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            # the service refuses a nomination of the member's own unit (OwnUnitScoring: 403)
            services.score_save(by=signed_in_user(request), nomination=nomination, values=form.values())
        except AwardRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The scores are saved."))
            return redirect("award:scoring", call.pk)
    elif is_own_unit(request.user, nomination):
        raise PermissionDenied
    context = {"nomination": nomination, "call": call, "form": form}
    return render(request, "award/score.html", context, status=400 if form.is_bound else 200)


@login_required
@require_POST
def nomination_decide(request: HttpRequest, award_nomination_pk: int) -> HttpResponse:
    nomination = visible_nomination(request, award_nomination_pk)
    if not can_manage_award(request.user):
        raise PermissionDenied
    form = DecisionForm(request.POST, prefix=f"n{nomination.pk}")
    if not form.is_valid():
        messages.error(request, _("Give the reason of the decision."))
    else:
        try:
            services.decision_set(
                by=signed_in_user(request),
                nomination=nomination,
                prize=form.cleaned_data["prize"],
                reason=form.cleaned_data["reason"],
            )
        except AwardRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The decision is recorded."))
    return redirect("award:decision", nomination.call_id)


@login_required
@require_POST
def nomination_shortlist(request: HttpRequest, award_nomination_pk: int) -> HttpResponse:
    nomination = visible_nomination(request, award_nomination_pk)
    if not can_manage_award(request.user):
        raise PermissionDenied
    try:
        services.nomination_shortlist(
            by=signed_in_user(request),
            nomination=nomination,
            shortlisted=request.POST.get("shortlisted") == "1",
        )
    except AwardRefused as exc:
        messages.error(request, str(exc))
    return redirect("award:ranking_page", nomination.call_id)


@login_required
@require_http_methods(["GET"])
def certificate_download(request: HttpRequest, award_nomination_pk: int) -> HttpResponse:
    """A winner's certificate (荣誉证书)."""
    nomination = visible_nomination(request, award_nomination_pk)
    if not nomination.prize or not can_read_announcement(request.user, nomination.call):
        raise Http404("no certificate")
    return attachment(certificates_docx([nomination]), f"荣誉证书-{nomination.unit.name}.docx", DOCX)
