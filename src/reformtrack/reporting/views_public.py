"""A report's public summary (对外公开摘要) on its page: the lead unit writes it, the office approves
or withdraws it for the public portal. Writes go through :mod:`.services_public`, which checks who
may; the portal shows an approved summary of an accepted report only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reformtrack.core.http import signed_in_user

from .errors import ReportError
from .services_public import public_summary_approve, public_summary_save
from .views import _report, _to_report


@require_POST
@login_required
def public_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the public summary (the lead unit or the office); a change needs a new approval."""
    report = _report(request, pk)
    try:
        public_summary_save(
            by=signed_in_user(request), report=report, text=request.POST.get("public_summary", "")
        )
    except ReportError as exc:
        messages.error(request, str(exc))
        return _to_report(report)
    messages.success(request, _("The public summary is saved; the office approves it before it is public."))
    return _to_report(report)


@require_POST
@login_required
def public_summary_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The office approves the summary for the public portal (``action=approve``) or withdraws it."""
    report = _report(request, pk)
    approve = request.POST.get("action") == "approve"
    try:
        public_summary_approve(by=signed_in_user(request), report=report, approve=approve)
    except ReportError as exc:
        messages.error(request, str(exc))
        return _to_report(report)
    if approve:
        messages.success(request, _("The public summary is approved: the public portal shows it."))
    else:
        messages.success(request, _("The public summary is withdrawn from the public portal."))
    return _to_report(report)
