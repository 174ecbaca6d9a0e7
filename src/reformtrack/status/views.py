"""The status app's page: a plan's rules for its lights (everyone with a role reads, the office edits)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reformtrack.core.history import records_of
from reformtrack.ledger.models import Plan

from . import services
from .errors import RulesError
from .forms import RulesForm
from .permissions import can_edit_rules, can_view_rules
from .selectors import rules_of


@require_http_methods(["GET", "POST"])
@login_required
def rules(request: HttpRequest, plan_pk: int) -> HttpResponse:
    """The thresholds of a plan's lights, with their history; the coordinating office changes them."""
    if not can_view_rules(request.user):
        raise PermissionDenied
    plan = get_object_or_404(Plan.objects.only("pk", "title", "period_start", "period_end"), pk=plan_pk)
    current = rules_of(plan)
    editable = can_edit_rules(request.user)
    form = RulesForm(request.POST or None, instance=current)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if form.is_valid():
            assert request.user.is_authenticated
            try:
                services.rules_update(plan=plan, by=request.user, **form.cleaned_data)
            except RulesError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The rules are saved and the plan's lights computed again."))
                return redirect("status:rules", plan_pk=plan.pk)
    history = records_of(current, limit=20) if current.pk else []
    return render(
        request,
        "status/rules.html",
        {"plan": plan, "form": form, "rules": current, "editable": editable, "history": history},
        status=400 if request.method == "POST" else 200,
    )
