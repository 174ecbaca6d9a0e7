"""The office's planning pages: a project's weights, a chapter's roll-up with its projects' weights
(one form for them all), a measure's start date.

The chapter page is for everyone who sees the chapter's projects (the roll-up of what they see, and
how it is computed); only the coordinating office gets the form. Writes go through
:mod:`.services_planning`, which checks the office on the server too.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reformtrack.accounts.permissions import can_manage_programme
from reformtrack.core.http import signed_in_user

from .errors import ConcurrentEdit, LedgerError
from .forms_planning import ChapterWeightsForm, MeasureStartForm, ProjectWeightsForm
from .models import Chapter, Measure, Project
from .models_chapter_targets import ChapterTarget
from .pages import visible_project
from .selectors import chapter_rollup
from .services_planning import chapter_weights_set, measure_start_set, project_weights_set


@require_http_methods(["GET", "POST"])
@login_required
def project_weights(request: HttpRequest, pk: int) -> HttpResponse:
    """The weight of a project in its chapter and of each of its measures: the coordinating office."""
    user = signed_in_user(request)
    project = visible_project(request, pk, Project.objects.restrict(user, "view").select_related("chapter"))
    if not can_manage_programme(user):
        raise PermissionDenied
    measures = list(Measure.objects.filter(project=project).order_by("position"))
    initial: dict[str, object] = {"version": project.version, "weight": project.weight}
    initial.update({f"measure_{m.pk}": m.weight for m in measures})
    form = ProjectWeightsForm(request.POST or None, initial=initial, measures=measures)
    conflict: ConcurrentEdit | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project_weights_set(
                project=project,
                by=user,
                version=data["version"],
                weight=data["weight"],
                measure_weights=form.measure_weights(),
                note=data["note"],
            )
        except ConcurrentEdit as exc:
            conflict = exc
            posted = request.POST.copy()
            posted["version"] = str(exc.project.version)  # saving again is a deliberate overwrite
            form = ProjectWeightsForm(posted, initial=initial, measures=measures)
            form.is_valid()
            measures = list(Measure.objects.filter(project=project).order_by("position"))
        except LedgerError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The weights are saved."))
            return redirect(reverse("web:project_detail", args=[project.pk]) + "#measures-heading")
    return render(
        request,
        "ledger/project_weights.html",
        {"project": project, "form": form, "conflict": conflict, "measures": measures},
        status=409 if conflict else (400 if request.method == "POST" else 200),
    )


@require_http_methods(["GET", "POST"])
@login_required
def chapter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A chapter's top-level projects with their weights and progress, and the chapter's weighted
    progress with how it is computed. The coordinating office sets the weights here in one form."""
    user = signed_in_user(request)
    chapter = get_object_or_404(Chapter.objects.select_related("plan").defer("plan__preamble"), pk=pk)
    visible = Project.objects.restrict(user, "view")
    rollup = chapter_rollup(chapter, within=visible)
    manage = can_manage_programme(user)
    if not rollup.projects and not manage:
        raise Http404("no such chapter")
    if request.method == "POST" and not manage:
        raise PermissionDenied
    form = None
    conflict: ConcurrentEdit | None = None
    if manage:
        initial: dict[str, object] = {f"weight_{p.pk}": p.weight for p in rollup.projects}
        initial.update({f"version_{p.pk}": p.version for p in rollup.projects})
        form = ChapterWeightsForm(request.POST or None, initial=initial, projects=rollup.projects)
        if request.method == "POST" and form.is_valid():
            try:
                changed = chapter_weights_set(
                    chapter=chapter, by=user, weights=form.weights(), note=form.cleaned_data["note"]
                )
            except ConcurrentEdit as exc:
                conflict = exc
                posted = request.POST.copy()
                posted[f"version_{exc.project.pk}"] = str(exc.project.version)
                form = ChapterWeightsForm(posted, initial=initial, projects=rollup.projects)
                form.is_valid()
                rollup = chapter_rollup(chapter, within=visible)
            except LedgerError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("The weights are saved (%(n)s changed).") % {"n": len(changed)},
                )
                return redirect("ledger:chapter_detail", pk=chapter.pk)
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    return render(
        request,
        "ledger/chapter_detail.html",
        {
            "chapter": chapter,
            "chapter_targets": list(ChapterTarget.objects.filter(chapter=chapter)),  # its text's own aims
            "rollup": rollup,
            "form": form,
            "conflict": conflict,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def measure_start(request: HttpRequest, pk: int, measure_pk: int) -> HttpResponse:
    """The day a measure starts: the coordinating office."""
    user = signed_in_user(request)
    project = visible_project(request, pk, Project.objects.restrict(user, "view").select_related("plan"))
    if not can_manage_programme(user):
        raise PermissionDenied
    measure = get_object_or_404(Measure, pk=measure_pk, project=project)
    form = MeasureStartForm(request.POST or None, initial={"start_date": measure.start_date})
    if request.method == "POST" and form.is_valid():
        try:
            measure_start_set(measure=measure, by=user, start_date=form.cleaned_data["start_date"])
        except LedgerError as exc:
            form.add_error("start_date", str(exc))
        else:
            messages.success(request, _("The start date is saved."))
            return redirect(reverse("web:project_detail", args=[project.pk]) + "#measures-heading")
    return render(
        request,
        "ledger/measure_start.html",
        {"project": project, "measure": measure, "form": form},
        status=400 if request.method == "POST" else 200,
    )
