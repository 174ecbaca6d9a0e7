"""The coordinating office's publish steps for the public portal (/public/): a plan published or
withdrawn (optionally making all its projects public at once), and one project marked public or
internal. Writes go through :mod:`.services_publish`; what the public then sees is decided by
:mod:`.selectors_public` alone."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reformtrack.accounts.permissions import can_manage_programme
from reformtrack.core.http import signed_in_user

from .models import Plan, Project
from .services_publish import plan_publish, plan_unpublish, projects_set_public


def _office(request: HttpRequest) -> None:
    if not can_manage_programme(signed_in_user(request)):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
@login_required
def plan_publish_view(request: HttpRequest, plan_pk: int) -> HttpResponse:
    """The plan's state on the portal and the office's buttons: publish (with or without all its
    projects) or withdraw."""
    _office(request)
    plan = get_object_or_404(Plan, pk=plan_pk)
    if request.method == "POST":
        by = signed_in_user(request)
        if request.POST.get("action") == "withdraw":
            plan_unpublish(by=by, plan=plan)
            messages.success(request, _("The plan is withdrawn from the public portal."))
        else:
            plan_publish(by=by, plan=plan, all_projects=request.POST.get("all_projects") == "on")
            messages.success(request, _("The plan is published on the public portal."))
        return redirect("ledger:plan_publish", plan_pk=plan.pk)
    projects = Project.objects.filter(plan=plan)
    context = {
        "plan": plan,
        "project_count": projects.count(),
        "public_count": projects.filter(public=True).count(),
    }
    return render(request, "ledger/plan_publish.html", context)


@require_POST
@login_required
def project_public_view(request: HttpRequest, project_pk: int) -> HttpResponse:
    """Mark one project public (``public=1``) or internal (``public=0``); back to its page."""
    _office(request)
    project = get_object_or_404(Project, pk=project_pk)
    public = request.POST.get("public") == "1"
    projects_set_public(by=signed_in_user(request), projects=[project], public=public)
    if public:
        messages.success(request, _("The project is public once its plan is published."))
    else:
        messages.success(request, _("The project is internal: the public portal no longer shows it."))
    return redirect(reverse("web:project_detail", args=[project.pk]))
