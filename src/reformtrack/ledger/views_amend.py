"""The plan amendment pages (方案调整): a plan's amendments, an amendment with its changes, adding and
dropping a project, reverting an amendment, and the ledger as of a day.

The coordinating office's alone (403 for everyone else; an unknown plan or amendment is a 404).
Writes go through :mod:`.services_amend`, which checks the office on the server too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reformtrack.accounts.permissions import can_manage_programme
from reformtrack.core.http import signed_in_user

from . import pages
from .errors import ConcurrentEdit, LedgerError
from .forms_amend import AmendmentForm, AsOfForm, ProjectAddForm, ProjectDropForm, RevertForm
from .models import Plan, Project
from .models_amend import Amendment
from .selectors_amend import amendment_changes, ledger_as_of, ledger_difference, plan_amendments
from .services_amend import amendment_open, amendment_revert, project_add, project_drop

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _office(request: HttpRequest) -> User:
    user = signed_in_user(request)
    if not can_manage_programme(user):
        raise PermissionDenied
    return user


def _amendment(pk: int) -> Amendment:
    return get_object_or_404(Amendment.objects.select_related("plan", "created_by", "reverts"), pk=pk)


def _status(request: HttpRequest) -> int:
    return 400 if request.method == "POST" else 200


@require_http_methods(["GET", "POST"])
@login_required
def amendment_list(request: HttpRequest, plan_pk: int) -> HttpResponse:
    """A plan's amendments, newest first, and the form that opens the next one."""
    plan = get_object_or_404(Plan.objects.defer("preamble", "warnings"), pk=plan_pk)
    user = _office(request)
    form = AmendmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            amendment = amendment_open(plan=plan, by=user, **form.cleaned_data)
        except LedgerError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Amendment %(number)s is open.") % {"number": amendment.number})
            return redirect("ledger:amendment_detail", amendment_pk=amendment.pk)
    return render(
        request,
        "ledger/amendment_list.html",
        {"plan": plan, "amendments": list(plan_amendments(plan)), "form": form},
        status=_status(request),
    )


@require_GET
@login_required
def amendment_detail(request: HttpRequest, amendment_pk: int) -> HttpResponse:
    """An amendment: its decision and its changes, with the ways to add to it or revert it."""
    amendment = _amendment(amendment_pk)
    _office(request)
    reverted_by = Amendment.objects.filter(reverts=amendment).first()
    return render(
        request,
        "ledger/amendment_detail.html",
        {"amendment": amendment, "changes": amendment_changes(amendment), "reverted_by": reverted_by},
    )


@require_http_methods(["GET", "POST"])
@login_required
def amendment_project_add(request: HttpRequest, amendment_pk: int) -> HttpResponse:
    """Add a project to the plan, as a change of this amendment."""
    amendment = _amendment(amendment_pk)
    user = _office(request)
    form = ProjectAddForm(request.POST or None, plan=amendment.plan)
    if request.method == "POST" and form.is_valid():
        try:
            project = project_add(amendment=amendment, by=user, **form.cleaned_data)
        except LedgerError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The project %(title)s is added.") % {"title": project.title})
            return redirect("ledger:amendment_detail", amendment_pk=amendment.pk)
    return render(
        request,
        "ledger/amendment_project_add.html",
        {"amendment": amendment, "form": form},
        status=_status(request),
    )


@require_http_methods(["GET", "POST"])
@login_required
def amendment_project_drop(request: HttpRequest, amendment_pk: int) -> HttpResponse:
    """Drop a project from the plan (archived with its measures and targets), with a reason."""
    amendment = _amendment(amendment_pk)
    user = _office(request)
    initial = {"project": request.GET.get("project")} if request.GET.get("project", "").isdigit() else {}
    form = ProjectDropForm(request.POST or None, initial=initial, plan=amendment.plan)
    if request.method == "POST" and form.is_valid():
        project: Project = form.cleaned_data["project"]
        try:
            project_drop(amendment=amendment, by=user, project=project, reason=form.cleaned_data["reason"])
        except (ConcurrentEdit, LedgerError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The project %(title)s is dropped.") % {"title": project.title})
            return redirect("ledger:amendment_detail", amendment_pk=amendment.pk)
    return render(
        request,
        "ledger/amendment_project_drop.html",
        {"amendment": amendment, "form": form},
        status=_status(request),
    )


@require_http_methods(["GET", "POST"])
@login_required
def amendment_revert_view(request: HttpRequest, amendment_pk: int) -> HttpResponse:
    """Revert an amendment: a confirmation page (no JavaScript needed) that opens a new amendment."""
    amendment = _amendment(amendment_pk)
    user = _office(request)
    form = RevertForm(request.POST or None, initial={"decided_on": pages.today()})
    if request.method == "POST" and form.is_valid():
        try:
            revert = amendment_revert(amendment=amendment, by=user, **form.cleaned_data)
        except LedgerError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Amendment %(old)s is reverted by amendment %(new)s.")
                % {"old": amendment.number, "new": revert.number},
            )
            return redirect("ledger:amendment_detail", amendment_pk=revert.pk)
    return render(
        request,
        "ledger/amendment_revert.html",
        {"amendment": amendment, "changes": amendment_changes(amendment), "form": form},
        status=_status(request),
    )


@require_GET
@login_required
def plan_as_of(request: HttpRequest, plan_pk: int) -> HttpResponse:
    """The plan's ledger as it stood on a day (``?date=``), or what changed between two days
    (``?date=&compare=``), from the projects' recorded history."""
    plan = get_object_or_404(Plan.objects.defer("preamble", "warnings"), pk=plan_pk)
    _office(request)
    form = AsOfForm(request.GET or {"date": pages.today().isoformat()})
    rows: list[object] = []
    difference = None
    if form.is_valid():
        day = form.cleaned_data["date"]
        compare = form.cleaned_data["compare"]
        if compare:
            difference = ledger_difference(plan, day, compare)
        else:
            rows = ledger_as_of(plan, day)
    return render(
        request,
        "ledger/plan_as_of.html",
        {"plan": plan, "form": form, "rows": rows, "difference": difference},
        status=200 if form.is_valid() else 400,
    )
