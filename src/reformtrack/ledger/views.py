"""The ledger's own pages: the project library, a project's edit form and milestones, the units.

The pages that cross into the apps above the ledger (dashboard, the project page, my work, the
roadmap, the library's export) are in :mod:`reformtrack.web`. Every page starts from
``Project.objects.restrict(user, "view")`` and prefetches what it shows, so its query
count does not grow with the number of projects (tests hold it to that). Anonymous users are sent
to the login page, an object the user cannot see is a 404, an action the user may not take on an
object they see is a 403. Writes go through :mod:`.services`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reformtrack.accounts.permissions import can_manage_programme
from reformtrack.core.http import signed_in_user

from . import services
from .errors import ConcurrentEdit, LedgerError
from .filtersets import ProjectFilterSet, search_words, tag_facets
from .forms import MilestoneForm, ProjectForm
from .library_export import split_units, units_prefetch
from .models import Milestone, Project
from .pages import rows, visible_project, with_tag_badges, with_units
from .permissions import can_edit_project, can_move_progress

if TYPE_CHECKING:
    from django.contrib.auth.models import User

PAGE_SIZE = 50

# ---------------------------------------------------------------------------------------------------
# project library


def _filtered(request: HttpRequest) -> ProjectFilterSet:
    return ProjectFilterSet(
        request.GET or None, queryset=Project.objects.restrict(request.user, "view"), request=request
    )


def _without(request: HttpRequest, *names: str) -> str:
    """The request's query string without ``names``, ready for another parameter after it."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    encoded = query.urlencode()
    return encoded + "&" if encoded else ""


@require_GET
@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    """The project library (项目库): search by Chinese words, filters, sorting, pages of 50."""
    filterset = _filtered(request)
    words = search_words(request.GET.get("q", ""))
    projects = with_units(filterset.qs, text=bool(words))
    if not filterset.form.is_bound or not filterset.form.cleaned_data.get("sort"):
        projects = projects.order_by("plan_id", "position", "pk")
    paginator = Paginator(projects, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "ledger/project_list.html",
        {
            "filterset": filterset,
            "page": page,
            "page_range": paginator.get_elided_page_range(page.number),
            "current_sort": request.GET.get("sort", ""),
            "search_words": words,
            "rows": rows(with_tag_badges(page.object_list)),
            "export_query": request.GET.urlencode(),
            "tag_facets": tag_facets(filterset.qs),
            "facet_query": _without(request, "tag", "page"),
            "filtered": bool(filterset.form.is_bound and any(request.GET.get(k) for k in filterset.filters)),
        },
    )


def _save_project(
    project: Project, user: User, data: dict[str, Any], *, assign: bool, initial: dict[str, Any]
) -> None:
    """The edit form's save: the project's fields, then (the office) its assignment and tags, in one
    transaction, so that a refused part leaves nothing of the others."""
    moved = {name: data[name] for name in ProjectForm.PROGRESS_FIELDS if name in data}
    if assign:
        moved["start_date"] = data["start_date"]
    with transaction.atomic():
        updated = services.project_update(
            project=project, by=user, version=data["version"], title=data["title"], text=data["text"], **moved
        )
        if not assign:
            return
        if (
            data["leader"] != initial["leader"]
            or list(data["lead_units"]) != initial["lead_units"]
            or list(data["co_units"]) != initial["co_units"]
        ):
            services.project_assign(
                project=updated,
                by=user,
                leader=data["leader"],
                lead_units=list(data["lead_units"]),
                co_units=list(data["co_units"]),
            )
        if set(data["tags"]) != set(initial["tags"]):
            services.project_tags_set(project=updated, by=user, tags=data["tags"])


@require_http_methods(["GET", "POST"])
@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a project's title and text; the coordinating office also its status, progress and
    assignment. A lead unit's progress comes through its reports: a post of status or progress
    by anyone else is refused (403), not silently dropped.

    The form carries the version it was shown with: a save over a newer version is refused with the
    name of whoever saved first, and the form comes back with the user's input, nothing lost.
    """
    user = signed_in_user(request)
    projects = Project.objects.restrict(user, "view").select_related("plan", "leader")
    project = visible_project(request, pk, projects)
    if not can_edit_project(user, project):
        raise PermissionDenied
    assign = can_manage_programme(user)
    progress = can_move_progress(user, project)
    if request.method == "POST" and not progress and set(ProjectForm.PROGRESS_FIELDS) & request.POST.keys():
        raise PermissionDenied
    lead, co = split_units(Project.objects.prefetch_related(units_prefetch()).get(pk=project.pk))
    tags = list(project.tags.order_by("name")) if assign else []
    initial = {
        "title": project.title,
        "text": project.text,
        "status": project.status,
        "progress": project.progress,
        "version": project.version,
        "leader": project.leader,
        "lead_units": lead,
        "co_units": co,
        "start_date": project.start_date,
        "tags": tags,
    }
    conflict: ConcurrentEdit | None = None
    if request.method == "POST":
        form = ProjectForm(request.POST, assign=assign, progress=progress, initial=initial, project_id=pk)
        if form.is_valid():
            try:
                _save_project(project, user, form.cleaned_data, assign=assign, initial=initial)
            except ConcurrentEdit as exc:
                conflict = exc
            except LedgerError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The project is saved."))
                return redirect("web:project_detail", pk=project.pk)
        if conflict is not None:
            # Keep every value the user typed; carry the current version so that saving again,
            # after a look at what the other person saved, is a deliberate overwrite.
            current = conflict.project
            posted = request.POST.copy()
            posted["version"] = str(current.version)
            form = ProjectForm(posted, assign=assign, progress=progress, initial=initial, project_id=pk)
            form.is_valid()
            project = current
    else:
        form = ProjectForm(initial=initial, assign=assign, progress=progress, project_id=pk)
    return render(
        request,
        "ledger/project_edit.html",
        {"project": project, "form": form, "conflict": conflict},
        status=409 if conflict is not None else 200,
    )


# ---------------------------------------------------------------------------------------------------
# milestones: the lead unit and the coordinating office plan them (can_edit_project)


def _editable_project(request: HttpRequest, pk: int) -> Project:
    project = visible_project(request, pk)
    if not can_edit_project(request.user, project):
        raise PermissionDenied
    return project


@require_http_methods(["GET", "POST"])
@login_required
def milestone_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a milestone to a project."""
    project = _editable_project(request, pk)
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_create(project=project, by=signed_in_user(request), **form.cleaned_data)
        except LedgerError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The milestone is added."))
            return redirect(reverse("web:project_detail", args=[project.pk]) + "#milestones")
    return render(
        request, "ledger/milestone_form.html", {"project": project, "form": form, "milestone": None}
    )


def _project_milestone(request: HttpRequest, pk: int, milestone_pk: int) -> tuple[Project, Milestone]:
    project = _editable_project(request, pk)
    milestone = get_object_or_404(Milestone, pk=milestone_pk, project=project)
    return project, milestone


@require_http_methods(["GET", "POST"])
@login_required
def milestone_edit(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    """Change a milestone's date, title or state."""
    project, milestone = _project_milestone(request, pk, milestone_pk)
    initial = {"date": milestone.date, "title": milestone.title, "done": milestone.done}
    form = MilestoneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_update(milestone=milestone, by=signed_in_user(request), **form.cleaned_data)
        except LedgerError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The milestone is saved."))
            return redirect(reverse("web:project_detail", args=[project.pk]) + "#milestones")
    return render(
        request, "ledger/milestone_form.html", {"project": project, "form": form, "milestone": milestone}
    )


@require_POST
@login_required
def milestone_done(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    """Mark a milestone reached (or, with ``done=0``, not reached)."""
    project, milestone = _project_milestone(request, pk, milestone_pk)
    done = request.POST.get("done", "1") != "0"
    services.milestone_update(milestone=milestone, by=signed_in_user(request), done=done)
    messages.success(
        request, _("The milestone is marked done.") if done else _("The milestone is marked not done.")
    )
    return redirect(reverse("web:project_detail", args=[project.pk]) + "#milestones")


@require_POST
@login_required
def milestone_delete(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    """Delete a milestone (its history stays)."""
    project, milestone = _project_milestone(request, pk, milestone_pk)
    services.milestone_delete(milestone=milestone, by=signed_in_user(request))
    messages.success(request, _("The milestone is deleted."))
    return redirect(reverse("web:project_detail", args=[project.pk]) + "#milestones")
