"""Pages of the award's calls (评选通知) and of the office's work on them: the panel, the
ranking, the decision, the announcement and the documents.

Anonymous users go to the login page; a call or nomination the user may not see is 404; a visible
one with an action the user may not take is 403 (see :mod:`.permissions`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reformtrack.core.http import signed_in_user

from . import services
from .documents import announcement_docx, certificates_docx
from .errors import AwardRefused
from .forms import CallForm, DecisionForm, PanelForm, call_initial
from .models import AwardCall, PanelMember
from .permissions import (
    can_manage_award,
    can_nominate,
    can_read_announcement,
    can_read_ranking,
    is_panel_member,
)
from .selectors import call_list as select_calls
from .selectors import call_parts, panel_of, ranking, winners
from .views_common import DOCX, attachment, posted, visible_call


def _office(request: HttpRequest) -> None:
    if not can_manage_award(request.user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET"])
def call_list(request: HttpRequest) -> HttpResponse:
    """The calls, newest first."""
    context = {"calls": select_calls(request.user), "can_manage": can_manage_award(request.user)}
    return render(request, "award/call_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def call_create(request: HttpRequest) -> HttpResponse:
    """Open a call (the office)."""
    _office(request)
    form = CallForm(posted(request))
    if form.is_bound and form.is_valid():
        try:
            call = services.call_save(by=signed_in_user(request), data=form.call_data())
        except AwardRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The call is open."))
            return redirect("award:call_detail", call.pk)
    status = 400 if form.is_bound else 200
    return render(request, "award/call_form.html", {"form": form, "call": None}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def call_edit(request: HttpRequest, award_call_pk: int) -> HttpResponse:
    """Change a call (the office) at the version its form showed."""
    call = visible_call(request, award_call_pk)
    _office(request)
    form = CallForm(posted(request), initial=call_initial(call))
    if form.is_bound and form.is_valid():
        version = int(request.POST.get("version") or 0)
        try:
            services.call_save(by=signed_in_user(request), data=form.call_data(), call=call, version=version)
        except AwardRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The call is saved."))
            return redirect("award:call_detail", call.pk)
    status = 400 if form.is_bound else 200
    return render(request, "award/call_form.html", {"form": form, "call": call}, status=status)


@login_required
@require_http_methods(["GET"])
def call_detail(request: HttpRequest, award_call_pk: int) -> HttpResponse:
    """A call: its windows, criteria and prizes, and what the user may do with it."""
    call = visible_call(request, award_call_pk)
    criteria, prizes = call_parts(call)
    user = request.user
    context = {
        "call": call,
        "criteria": criteria,
        "prizes": prizes,
        "can_manage": can_manage_award(user),
        "can_nominate": can_nominate(user),
        "is_panel": is_panel_member(user, call),
        "can_rank": can_read_ranking(user),
        "can_read_announcement": can_read_announcement(user, call),
    }
    return render(request, "award/call_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def panel(request: HttpRequest, award_call_pk: int) -> HttpResponse:
    """The call's panel: the office appoints experts (any user)."""
    call = visible_call(request, award_call_pk)
    _office(request)
    form = PanelForm(posted(request))
    if form.is_bound and form.is_valid():
        try:
            services.panel_appoint(by=signed_in_user(request), call=call, user=form.cleaned_data["user"])
        except AwardRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The expert is on the panel."))
            return redirect("award:panel", call.pk)
    status = 400 if form.is_bound else 200
    return render(
        request, "award/panel.html", {"call": call, "form": form, "members": panel_of(call)}, status=status
    )


@login_required
@require_POST
def panel_remove(request: HttpRequest, award_call_pk: int, award_member_pk: int) -> HttpResponse:
    call = visible_call(request, award_call_pk)
    _office(request)
    member = get_object_or_404(PanelMember, pk=award_member_pk, call=call)
    try:
        services.panel_remove(by=signed_in_user(request), member=member)
    except AwardRefused as exc:
        messages.error(request, str(exc))
    return redirect("award:panel", call.pk)


@login_required
@require_POST
def eligibility_check(request: HttpRequest, award_call_pk: int) -> HttpResponse:
    """Run the eligibility check over the call's submitted nominations (the office)."""
    call = visible_call(request, award_call_pk)
    _office(request)
    try:
        eligible, ineligible = services.eligibility_check(by=signed_in_user(request), call=call)
    except AwardRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Checked: %(eligible)d eligible, %(ineligible)d not.")
            % {"eligible": eligible, "ineligible": ineligible},
        )
    return redirect("award:nomination_list", call.pk)


@login_required
@require_http_methods(["GET"])
def ranking_page(request: HttpRequest, award_call_pk: int) -> HttpResponse:
    """The ranking with each criterion's mean, the vote share, the total and how ties were placed."""
    call = visible_call(request, award_call_pk)
    if not can_read_ranking(request.user):
        raise PermissionDenied
    criteria, _prizes = call_parts(call)
    context = {
        "call": call,
        "criteria": criteria,
        "rows": ranking(call),
        "can_manage": can_manage_award(request.user),
    }
    return render(request, "award/ranking.html", context)


@login_required
@require_http_methods(["GET"])
def decision(request: HttpRequest, award_call_pk: int) -> HttpResponse:
    """The office's decision: a prize or none, with a reason, for each ranked nomination."""
    call = visible_call(request, award_call_pk)
    _office(request)
    _criteria, prizes = call_parts(call)
    rows = [
        (
            row,
            DecisionForm(
                initial={"prize": row.nomination.prize, "reason": row.nomination.decision_reason},
                prefix=f"n{row.nomination.pk}",
            ),
        )
        for row in ranking(call)
    ]
    context = {"call": call, "rows": rows, "prizes": prizes}
    return render(request, "award/decision.html", context)


@login_required
@require_POST
def announce(request: HttpRequest, award_call_pk: int) -> HttpResponse:
    call = visible_call(request, award_call_pk)
    _office(request)
    try:
        services.call_announce(by=signed_in_user(request), call=call)
    except AwardRefused as exc:
        messages.error(request, str(exc))
        return redirect("award:decision", call.pk)
    messages.success(request, _("The results are announced."))
    return redirect("award:announcement", call.pk)


def _announced(request: HttpRequest, award_call_pk: int) -> AwardCall:
    call = visible_call(request, award_call_pk)
    if not can_read_announcement(request.user, call):
        raise Http404("not announced")
    return call


@login_required
@require_http_methods(["GET"])
def announcement(request: HttpRequest, award_call_pk: int) -> HttpResponse:
    """The winners by prize (before the announcement, the office's preview)."""
    call = _announced(request, award_call_pk)
    return render(request, "award/announcement.html", {"call": call, "winners": winners(call)})


@login_required
@require_http_methods(["GET"])
def announcement_download(request: HttpRequest, award_call_pk: int) -> HttpResponse:
    call = _announced(request, award_call_pk)
    return attachment(
        announcement_docx(call, winners(call)), f"{call.year}年度罗湖创新奖评选结果通报.docx", DOCX
    )


@login_required
@require_http_methods(["GET"])
def certificates_download(request: HttpRequest, award_call_pk: int) -> HttpResponse:
    """Every winner's certificate in one file."""
    call = _announced(request, award_call_pk)
    found = winners(call)
    if not found:
        raise Http404("no winners")
    return attachment(certificates_docx(found), f"{call.year}年度罗湖创新奖荣誉证书.docx", DOCX)
