"""Pages of the case library that write: draft a case from its project, edit it, submit it, and the
office's return, approval, publication mark and archiving.

A project or case the user may not read is 404; one they may read but not act on is 403. The forms
post the case's ``version``; a stale one is refused with who acted first (the services decide).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reformtrack.core.http import signed_in_user
from reformtrack.ledger.models import Project
from reformtrack.ledger.permissions import can_view_project

from . import services
from .errors import CaseError
from .forms import CaseForm, ReturnForm
from .models import Case
from .permissions import can_archive_case, can_draft_case, can_edit_case, can_review_case, can_submit_case
from .selectors import case_of


def _case(request: HttpRequest, pk: int) -> Case:
    case = case_of(request.user, pk)
    if case is None:
        raise Http404("no such case")
    return case


def _version(request: HttpRequest, case: Case) -> int:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else case.version


def _projects(request: HttpRequest, project: Project) -> QuerySet[Project]:
    """The projects a case may also be about: those of the plan the user sees."""
    return (
        Project.objects.restrict(request.user, "view")
        .filter(plan_id=project.plan_id)
        .exclude(pk=project.pk)
        .order_by("position")
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest, cases_project_pk: int) -> HttpResponse:
    """Write a case about a project: its lead unit's reform lead or clerk."""
    project = Project.objects.restrict(request.user, "view").filter(pk=cases_project_pk).first()
    if project is None or not can_view_project(request.user, project):
        raise Http404("no such project")
    if not can_draft_case(request.user, project):
        raise PermissionDenied
    projects = _projects(request, project)
    form = CaseForm(request.POST if request.method == "POST" else None, projects=projects)
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        others = data.pop("other_projects")
        try:
            case = services.case_create(
                project=project, by=signed_in_user(request), other_projects=others, **data
            )
        except CaseError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The case is saved as a draft."))
            return redirect("cases:case_detail", cases_pk=case.pk)
    status = 400 if form.is_bound else 200
    context = {"form": form, "project": project, "case": None}
    return render(request, "cases/case_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, cases_pk: int) -> HttpResponse:
    """Edit a case's texts: its unit while it is theirs to change, the office until it approves it."""
    case = _case(request, cases_pk)
    if not can_edit_case(request.user, case):
        raise PermissionDenied
    initial = {name: getattr(case, name) for name in (*services.TEXTS, *services.LINES)}
    initial["version"] = case.version
    initial["other_projects"] = list(case.other_projects.all())
    data = request.POST if request.method == "POST" else None
    form = CaseForm(data, projects=_projects(request, case.project), initial=initial)
    if form.is_bound and form.is_valid():
        cleaned = dict(form.cleaned_data)
        others = cleaned.pop("other_projects")
        cleaned.pop("version", None)
        try:
            services.case_update(
                case=case,
                by=signed_in_user(request),
                version=_version(request, case),
                other_projects=others,
                **cleaned,
            )
        except CaseError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The case is saved."))
            return redirect("cases:case_detail", cases_pk=case.pk)
    status = 400 if form.is_bound else 200
    return render(
        request, "cases/case_form.html", {"form": form, "project": case.project, "case": case}, status=status
    )


def _act(
    request: HttpRequest, case: Case, done: str, action: Callable[..., Case], **kwargs: object
) -> HttpResponse:
    """Run a service on the case and go back to its page with what happened."""
    try:
        action(case=case, by=signed_in_user(request), version=_version(request, case), **kwargs)
    except CaseError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("cases:case_detail", cases_pk=case.pk)


@login_required
@require_POST
def case_submit(request: HttpRequest, cases_pk: int) -> HttpResponse:
    """The lead unit submits the case to the office."""
    case = _case(request, cases_pk)
    if not can_submit_case(request.user, case):
        raise PermissionDenied
    return _act(request, case, _("The case is submitted to the office."), services.case_submit)


@login_required
@require_http_methods(["GET", "POST"])
def case_return(request: HttpRequest, cases_pk: int) -> HttpResponse:
    """The office sends a submitted case back with a comment."""
    case = _case(request, cases_pk)
    if not can_review_case(request.user):
        raise PermissionDenied
    form = ReturnForm(request.POST if request.method == "POST" else None, initial={"version": case.version})
    if form.is_bound and form.is_valid():
        try:
            services.case_return(
                case=case,
                by=signed_in_user(request),
                version=form.cleaned_data["version"],
                comment=form.cleaned_data["comment"],
            )
        except CaseError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The case is returned to its unit."))
            return redirect("cases:case_detail", cases_pk=case.pk)
    status = 400 if form.is_bound else 200
    return render(request, "cases/case_return.html", {"form": form, "case": case}, status=status)


@login_required
@require_POST
def case_approve(request: HttpRequest, cases_pk: int) -> HttpResponse:
    """The office approves a submitted case; its figures are frozen."""
    case = _case(request, cases_pk)
    if not can_review_case(request.user):
        raise PermissionDenied
    return _act(
        request,
        case,
        _("The case is approved; its figures are kept as they are today."),
        services.case_approve,
    )


@login_required
@require_POST
def case_publish(request: HttpRequest, cases_pk: int) -> HttpResponse:
    """The office marks an approved case for publication, or takes the mark off (``published=no``)."""
    case = _case(request, cases_pk)
    if not can_review_case(request.user):
        raise PermissionDenied
    published = request.POST.get("published", "yes") != "no"
    done = _("The case is marked for publication.") if published else _("The publication mark is taken off.")
    return _act(request, case, done, services.case_publish, published=published)


@login_required
@require_POST
def case_archive(request: HttpRequest, cases_pk: int) -> HttpResponse:
    """The office archives a case: it leaves the library but is kept."""
    case = _case(request, cases_pk)
    if not can_archive_case(request.user):
        raise PermissionDenied
    return _act(request, case, _("The case is archived."), services.case_archive)
