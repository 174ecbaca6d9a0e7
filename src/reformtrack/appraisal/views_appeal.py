"""Pages of appeals (申诉) and bonus claims (改革加分)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reformtrack.core.http import signed_in_user
from reformtrack.reporting.evidence import download_name

from . import services
from .errors import AppraisalError
from .forms import AppealForm, BonusClaimForm, DecideForm
from .permissions import can_appeal, can_manage_appraisal
from .selectors import appeal_of, claims_for, result_of


@login_required
@require_POST
def appeal_submit(request: HttpRequest, appraisal_result_pk: int) -> HttpResponse:
    """A unit's appeal against its result (its reform lead or clerk, within the window)."""
    result = result_of(request.user, appraisal_result_pk)
    if result is None:
        raise Http404("no such result")
    if not can_appeal(request.user, result):
        raise PermissionDenied
    form = AppealForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.appeal_submit(
                result=result,
                reasons=form.cleaned_data["reasons"],
                attachment=form.cleaned_data["attachment"],
                by=signed_in_user(request),
            )
        except AppraisalError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The appeal is submitted; the office will decide."))
    else:
        messages.error(request, _("Give the reasons of the appeal."))
    return redirect("appraisal:result", appraisal_result_pk=result.pk)


@login_required
@require_http_methods(["GET", "POST"])
def appeal_decide(request: HttpRequest, appraisal_appeal_pk: int) -> HttpResponse:
    """The office decides an appeal: upheld with a score change, or rejected, with its reason."""
    appeal = appeal_of(request.user, appraisal_appeal_pk)
    if appeal is None:
        raise Http404("no such appeal")
    if not can_manage_appraisal(request.user):
        raise PermissionDenied
    form = DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.appeal_decide(
                appeal=appeal,
                upheld=form.cleaned_data["upheld"],
                points=form.cleaned_data["points"] or Decimal(0),
                reason=form.cleaned_data["reason"],
                by=signed_in_user(request),
            )
        except AppraisalError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The appeal is decided."))
            return redirect("appraisal:result", appraisal_result_pk=appeal.result_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "appraisal/appeal_decide.html", {"appeal": appeal, "form": form}, status=status)


@login_required
@require_http_methods(["GET"])
def appeal_attachment(request: HttpRequest, appraisal_appeal_pk: int) -> FileResponse:
    """An appeal's attachment, to whoever sees the appeal."""
    appeal = appeal_of(request.user, appraisal_appeal_pk)
    if appeal is None or not appeal.attachment:
        raise Http404("no such attachment")
    return FileResponse(
        appeal.attachment.open("rb"),
        as_attachment=True,
        filename=download_name(appeal.attachment_name, str(appeal.attachment.name)),
        content_type=appeal.attachment_type,
    )


@login_required
@require_http_methods(["GET"])
def bonus(request: HttpRequest) -> HttpResponse:
    """The reform achievements listed for bonus points; the office lists and approves them."""
    manage = can_manage_appraisal(request.user)
    claims = claims_for(request.user).order_by("-year", "unit__name", "pk")
    return render(
        request, "appraisal/bonus.html", {"claims": claims, "can_manage": manage, "form": BonusClaimForm()}
    )


@login_required
@require_POST
def bonus_add(request: HttpRequest) -> HttpResponse:
    """List an achievement (the office)."""
    if not can_manage_appraisal(request.user):
        raise PermissionDenied
    form = BonusClaimForm(request.POST)
    if not form.is_valid():
        claims = claims_for(request.user).order_by("-year", "unit__name", "pk")
        return render(
            request, "appraisal/bonus.html", {"claims": claims, "can_manage": True, "form": form}, status=400
        )
    try:
        services.bonus_claim_add(by=signed_in_user(request), **form.cleaned_data)
    except AppraisalError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The achievement is listed."))
    return redirect("appraisal:bonus")


@login_required
@require_POST
def bonus_approve(request: HttpRequest, appraisal_claim_pk: int) -> HttpResponse:
    """Count an achievement in the bonus, or stop counting it (the office)."""
    claim = claims_for(request.user).filter(pk=appraisal_claim_pk).first()
    if claim is None:
        raise Http404("no such claim")
    if not can_manage_appraisal(request.user):
        raise PermissionDenied
    services.bonus_claim_approve(
        claim=claim, approved=request.POST.get("approved") == "yes", by=signed_in_user(request)
    )
    return redirect("appraisal:bonus")
