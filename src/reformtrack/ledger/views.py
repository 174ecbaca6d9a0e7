"""The ledger's web pages: dashboard, project library, project pages, units, my work, roadmap, export.

Every page starts from :func:`reformtrack.ledger.permissions.visible_projects` and prefetches what
it shows, so its query count does not grow with the number of projects (tests hold it to that).
Anonymous users are sent to the login page, an object the user cannot see is a 404, an action the
user may not take on an object they see is a 403. Writes go through :mod:`.services`.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reformtrack.accounts.choices import Role
from reformtrack.accounts.models import Profile
from reformtrack.accounts.permissions import can_manage_programme, role_of
from reformtrack.core.spreadsheet import XLSX
from reformtrack.reporting.choices import ReportStatus
from reformtrack.reporting.selectors import reports_owed
from reformtrack.status.selectors import plan_lights, status_changes_of
from reformtrack.supervision.choices import OrderStatus
from reformtrack.supervision.permissions import can_issue_orders, lead_unit_of
from reformtrack.supervision.selectors import extensions_for_project, extensions_for_projects, order_list

from . import services
from .choices import ProjectStatus, UnitRole
from .errors import ConcurrentEdit, LedgerError
from .filtersets import ProjectFilterSet, search_words, unit_links
from .forms import MilestoneForm, ProjectForm
from .history import project_changes
from .library_export import (
    export_filename,
    export_projects,
    split_measure_units,
    split_units,
    units_prefetch,
    write_export,
)
from .models import (
    Chapter,
    Measure,
    MeasureUnit,
    Milestone,
    Plan,
    Project,
    ProjectUnit,
    Target,
    TargetValue,
    Unit,
)
from .permissions import can_edit_project, can_move_progress, can_view_unit, visible_projects, visible_units
from .selectors import MeasureRow

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http.response import HttpResponseBase

PAGE_SIZE = 50
UNIT_PAGE_SIZE = 100
NEAREST = 10


# ---------------------------------------------------------------------------------------------------
# helpers


def _today() -> dt.date:
    return timezone.localdate()


def _user(request: HttpRequest) -> User:
    user = request.user
    assert user.is_authenticated  # login_required ran first
    return user


def _with_units(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Projects ready for a list row: plan, chapter, leader and units in a fixed number of queries."""
    return (
        projects.select_related("plan", "chapter", "leader")
        .defer("text", "plan__preamble", "plan__warnings", "chapter__text")
        .prefetch_related(units_prefetch())
    )


@dataclass
class Row:
    """A project of a list with its units split by role (the template cannot filter a prefetch)."""

    project: Project
    lead_units: list[Unit]
    co_units: list[Unit]
    overdue: bool = False


def _rows(projects: Iterable[Project]) -> list[Row]:
    today = _today()
    rows = []
    for project in projects:
        lead, co = split_units(project)
        overdue = (
            project.deadline is not None
            and project.deadline < today
            and project.status != ProjectStatus.COMPLETED
        )
        rows.append(Row(project, lead, co, overdue))
    return rows


def _visible_project(request: HttpRequest, pk: int, queryset: QuerySet[Project] | None = None) -> Project:
    """The project if the user may see it; a 404 otherwise, the same as for one that does not exist."""
    base = visible_projects(request.user) if queryset is None else queryset
    project = base.filter(pk=pk).first()
    if project is None:
        raise Http404("no such project")
    return project


# ---------------------------------------------------------------------------------------------------
# dashboard


@dataclass
class ProgressLine:
    label: str
    progress: float
    weight: float
    count: int
    chapter: Chapter | None = None


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Progress of a plan overall and per chapter, projects by status, unit load, nearest deadlines."""
    user = _user(request)
    visible = visible_projects(user)
    plans = list(Plan.objects.only("pk", "title", "period_start", "period_end").order_by("-issued", "-pk"))
    plan = _chosen_plan(request, plans)
    today = _today()
    context: dict[str, Any] = {"plans": plans, "plan": plan, "today": today}
    if plan is None:
        return render(request, "ledger/dashboard.html", context)

    in_plan = visible.filter(plan=plan)
    # the roll-up of the ledger's selector (the user's top-level projects, weighted) with the lights
    rollup = plan_lights(plan, within=visible)
    report = rollup.progress
    light_rows = [
        (f"{row.progress.chapter.number}. {row.progress.chapter.title}", row.progress.chapter, row.lights)
        for row in rollup.chapters
        if row.progress.project_count
    ]
    lines = [
        ProgressLine(
            label=f"{row.chapter.number}. {row.chapter.title}",
            progress=row.progress or 0.0,
            weight=float(row.weight),
            count=row.project_count,
            chapter=row.chapter,
        )
        for row in report.chapters
        if row.project_count
    ]
    overall = report.progress or 0.0

    counts = in_plan.aggregate(
        **{f"status_{value}": Count("pk", filter=Q(status=value)) for value in ProjectStatus.values},
        overdue=Count("pk", filter=Q(deadline__lt=today) & ~Q(status=ProjectStatus.COMPLETED)),
        review=Count("pk", filter=Q(needs_review=True)),
    )
    statuses = [(value, label, counts[f"status_{value}"] or 0) for value, label in ProjectStatus.choices]
    project_count = sum(n for _value, _label, n in statuses)
    overdue_count = counts["overdue"] or 0
    review_count = counts["review"] or 0

    load = list(
        ProjectUnit.objects.filter(project__in=in_plan)
        .order_by()
        .values("unit_id", "unit__name")
        .annotate(
            lead=Count("pk", filter=Q(role=UnitRole.LEAD)),
            co=Count("pk", filter=Q(role=UnitRole.CO)),
        )
        .order_by("-lead", "-co", "unit__name")[:15]
    )
    # the units of both lists in one query, whichever of them is empty
    open_projects = (
        in_plan.exclude(status=ProjectStatus.COMPLETED)
        .select_related("plan", "chapter", "leader")
        .defer("text", "plan__preamble", "plan__warnings", "chapter__text")
        .order_by("deadline", "position")
    )
    upcoming = list(open_projects.filter(deadline__gte=today)[:NEAREST])
    late = list(open_projects.filter(deadline__lt=today)[:NEAREST])
    prefetch_related_objects([*upcoming, *late], units_prefetch())
    nearest, overdue = _rows(upcoming), _rows(late)
    milestones = list(
        Milestone.objects.filter(project__in=in_plan, done=False, date__gte=today)
        .select_related("project")
        .only("pk", "date", "title", "done", "project__id", "project__label", "project__title")
        .order_by("date", "pk")[:NEAREST]
    )
    light_keys = [value for value, _label, _n in rollup.lights.rows()]
    chart_data = {
        "lights": {
            "keys": light_keys,
            "labels": [label for _value, label, _n in rollup.lights.rows()],
            "chapters": [_short(label, 14) for label, _chapter, _counts in light_rows],
            "values": [[counts.of(key) for _l, _c, counts in light_rows] for key in light_keys],
        },
        "status": {
            "keys": [value for value, _label, _n in statuses],
            "labels": [str(label) for _value, label, _n in statuses],
            "values": [n for _value, _label, n in statuses],
        },
        "chapters": {
            "label": _("Progress (%)"),
            "labels": [_short(line.label, 14) for line in lines],
            "values": [round(line.progress, 1) for line in lines],
        },
        "units": {
            "lead_label": _("Lead unit"),
            "co_label": _("Co-unit"),
            "labels": [row["unit__name"] for row in load],
            "lead": [row["lead"] for row in load],
            "co": [row["co"] for row in load],
        },
    }
    context.update(
        lights=rollup.lights,
        light_rows=light_rows,
        overall=overall,
        lines=lines,
        statuses=statuses,
        project_count=project_count,
        overdue_count=overdue_count,
        review_count=review_count,
        load=load,
        nearest=nearest,
        overdue=overdue,
        milestones=milestones,
        chart_data=chart_data,
    )
    return render(request, "ledger/dashboard.html", context)


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _chosen_plan(request: HttpRequest, plans: Sequence[Plan]) -> Plan | None:
    """The plan named by ?plan=, else the newest one."""
    wanted = request.GET.get("plan", "")
    if wanted.isdigit():
        for plan in plans:
            if plan.pk == int(wanted):
                return plan
    return plans[0] if plans else None


# ---------------------------------------------------------------------------------------------------
# project library


def _filtered(request: HttpRequest) -> ProjectFilterSet:
    return ProjectFilterSet(request.GET or None, queryset=visible_projects(request.user), request=request)


@require_GET
@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    """The project library (项目库): search by Chinese words, filters, sorting, pages of 50."""
    filterset = _filtered(request)
    projects = _with_units(filterset.qs)
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
            "search_words": search_words(request.GET.get("q", "")),
            "rows": _rows(page.object_list),
            "export_query": request.GET.urlencode(),
            "filtered": bool(filterset.form.is_bound and any(request.GET.get(k) for k in filterset.filters)),
        },
    )


# An export of more projects than this is built by a background job (its page shows the progress)
# rather than in the request, which a proxy would time out on a city-scale programme.
BACKGROUND_EXPORT_THRESHOLD = 2000


@require_GET
@login_required
def project_export(request: HttpRequest) -> HttpResponseBase:
    """The 台账 of the visible projects, the list's filters applied, as an .xlsx download.

    One row per measure as in ``reformtrack export`` (the rows come from :func:`.export.ledger_rows`),
    with the plan in front and the leader, status and progress after. Over
    ``BACKGROUND_EXPORT_THRESHOLD`` projects the workbook is made by a background job and the user
    is sent to its page.
    """
    projects = export_projects(_filtered(request))
    if projects.count() > BACKGROUND_EXPORT_THRESHOLD:
        from reformtrack.jobs.choices import JobKind
        from reformtrack.jobs.services import job_create, job_enqueue

        job = job_create(
            kind=JobKind.LEDGER_EXPORT, owner=_user(request), params={"query": request.GET.urlencode()}
        )
        job_enqueue(job=job)
        return redirect(job.get_absolute_url())
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (FileResponse closes it)
    write_export(projects, spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=export_filename(), content_type=XLSX)


# ---------------------------------------------------------------------------------------------------
# a project


def _project_detail_data(request: HttpRequest, pk: int) -> dict[str, Any]:
    """Everything the project page and its print view show, in a fixed number of queries."""
    user = _user(request)
    project = _visible_project(
        request,
        pk,
        visible_projects(user)
        .select_related("plan", "chapter", "leader", "parent")
        .defer("plan__preamble", "plan__warnings", "chapter__text")
        .prefetch_related(
            units_prefetch(),
            Prefetch(
                "measures",
                queryset=Measure.objects.order_by("position").prefetch_related(
                    Prefetch(
                        "measure_units",
                        queryset=MeasureUnit.objects.select_related("unit").order_by("role", "position"),
                    )
                ),
            ),
            Prefetch(
                "targets",
                queryset=Target.objects.order_by("position").prefetch_related(
                    Prefetch("values", queryset=TargetValue.objects.order_by("date", "pk"))
                ),
            ),
            Prefetch("milestones", queryset=Milestone.objects.order_by("date", "position", "pk")),
            Prefetch(
                "children",
                queryset=Project.objects.only(
                    "pk",
                    "parent_id",
                    "label",
                    "title",
                    "status",
                    "progress",
                    "deadline",
                    "deadline_text",
                    "position",
                ).order_by("position"),
            ),
        ),
    )
    lead, co = split_units(project)
    today = _today()
    extensions = extensions_for_project(project)
    return {
        "project": project,
        # the status light's recent changes, and the deadline's extension requests (both dates shown)
        "status_changes": status_changes_of(project, limit=8),
        "extensions": [e for e in extensions if e.measure_id is None],
        "measure_extensions": [e for e in extensions if e.measure_id is not None],
        "lead_units": lead,
        "co_units": co,
        "measures": [MeasureRow(m, *split_measure_units(m)) for m in project.measures.all()],
        "targets": list(project.targets.all()),
        "milestones": list(project.milestones.all()),
        "children": list(project.children.all()),
        "can_edit": can_edit_project(user, project),
        "can_manage": can_manage_programme(user),
        # the follow-through starts from here: an order about the project, a later deadline for it
        "can_issue_order": can_issue_orders(user),
        "can_request_extension": lead_unit_of(user, project) is not None,
        "today": today,
        "overdue": project.deadline is not None
        and project.deadline < today
        and project.status != ProjectStatus.COMPLETED,
    }


@require_GET
@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A project: text, measures, targets and their actual values, units, leader, milestones, history."""
    context = _project_detail_data(request, pk)
    context["history"] = project_changes(context["project"], limit=5)
    return render(request, "ledger/project_detail.html", context)


@require_GET
@login_required
def project_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The project on A4 paper: the same content without navigation or forms."""
    context = _project_detail_data(request, pk)
    context["printed_at"] = timezone.localtime()
    return render(request, "ledger/project_print.html", context)


@require_GET
@login_required
def project_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every recorded change of the project, its milestones, measures and targets: who, when, what."""
    project = _visible_project(request, pk, visible_projects(request.user).select_related("plan"))
    return render(
        request,
        "ledger/project_history.html",
        {"project": project, "history": project_changes(project)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a project's title and text; the coordinating office also its status, progress and
    assignment. A lead unit's progress comes through its reports: a post of status or progress
    by anyone else is refused (403), not silently dropped.

    The form carries the version it was shown with: a save over a newer version is refused with the
    name of whoever saved first, and the form comes back with the user's input, nothing lost.
    """
    user = _user(request)
    project = _visible_project(request, pk, visible_projects(user).select_related("plan", "leader"))
    if not can_edit_project(user, project):
        raise PermissionDenied
    assign = can_manage_programme(user)
    progress = can_move_progress(user, project)
    if request.method == "POST" and not progress and set(ProjectForm.PROGRESS_FIELDS) & request.POST.keys():
        raise PermissionDenied
    lead, co = split_units(Project.objects.prefetch_related(units_prefetch()).get(pk=project.pk))
    initial = {
        "title": project.title,
        "text": project.text,
        "status": project.status,
        "progress": project.progress,
        "version": project.version,
        "leader": project.leader,
        "lead_units": lead,
        "co_units": co,
    }
    conflict: ConcurrentEdit | None = None
    if request.method == "POST":
        form = ProjectForm(request.POST, assign=assign, progress=progress, initial=initial)
        if form.is_valid():
            data = form.cleaned_data
            moved = {name: data[name] for name in ProjectForm.PROGRESS_FIELDS if name in data}
            try:
                with transaction.atomic():
                    updated = services.project_update(
                        project=project,
                        by=user,
                        version=data["version"],
                        title=data["title"],
                        text=data["text"],
                        **moved,
                    )
                    if assign and (
                        data["leader"] != project.leader
                        or list(data["lead_units"]) != lead
                        or list(data["co_units"]) != co
                    ):
                        services.project_assign(
                            project=updated,
                            by=user,
                            leader=data["leader"],
                            lead_units=list(data["lead_units"]),
                            co_units=list(data["co_units"]),
                        )
            except ConcurrentEdit as exc:
                conflict = exc
            except LedgerError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The project is saved."))
                return redirect("ledger:project_detail", pk=project.pk)
        if conflict is not None:
            # Keep every value the user typed; carry the current version so that saving again,
            # after a look at what the other person saved, is a deliberate overwrite.
            current = conflict.project
            posted = request.POST.copy()
            posted["version"] = str(current.version)
            form = ProjectForm(posted, assign=assign, progress=progress, initial=initial)
            form.is_valid()
            project = current
    else:
        form = ProjectForm(initial=initial, assign=assign, progress=progress)
    return render(
        request,
        "ledger/project_edit.html",
        {"project": project, "form": form, "conflict": conflict},
        status=409 if conflict is not None else 200,
    )


# ---------------------------------------------------------------------------------------------------
# milestones: the lead unit and the coordinating office plan them (can_edit_project)


def _editable_project(request: HttpRequest, pk: int) -> Project:
    project = _visible_project(request, pk)
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
            services.milestone_create(project=project, by=_user(request), **form.cleaned_data)
        except LedgerError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The milestone is added."))
            return redirect(reverse("ledger:project_detail", args=[project.pk]) + "#milestones")
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
            services.milestone_update(milestone=milestone, by=_user(request), **form.cleaned_data)
        except LedgerError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The milestone is saved."))
            return redirect(reverse("ledger:project_detail", args=[project.pk]) + "#milestones")
    return render(
        request, "ledger/milestone_form.html", {"project": project, "form": form, "milestone": milestone}
    )


@require_POST
@login_required
def milestone_done(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    """Mark a milestone reached (or, with ``done=0``, not reached)."""
    project, milestone = _project_milestone(request, pk, milestone_pk)
    done = request.POST.get("done", "1") != "0"
    services.milestone_update(milestone=milestone, by=_user(request), done=done)
    messages.success(
        request, _("The milestone is marked done.") if done else _("The milestone is marked not done.")
    )
    return redirect(reverse("ledger:project_detail", args=[project.pk]) + "#milestones")


@require_POST
@login_required
def milestone_delete(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    """Delete a milestone (its history stays)."""
    project, milestone = _project_milestone(request, pk, milestone_pk)
    services.milestone_delete(milestone=milestone, by=_user(request))
    messages.success(request, _("The milestone is deleted."))
    return redirect(reverse("ledger:project_detail", args=[project.pk]) + "#milestones")


# ---------------------------------------------------------------------------------------------------
# units and my work


@require_GET
@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    """The units the user may see, with how many visible projects each leads and takes part in."""
    user = _user(request)
    visible = visible_projects(user)
    units = visible_units(user).only("pk", "name", "kind")
    query = request.GET.get("q", "").strip()
    if query:
        units = units.filter(name__icontains=query)
    lead_links = ProjectUnit.objects.filter(unit=OuterRef("pk"), role=UnitRole.LEAD, project__in=visible)
    co_links = ProjectUnit.objects.filter(unit=OuterRef("pk"), role=UnitRole.CO, project__in=visible)

    def count_of(links: QuerySet[ProjectUnit]) -> Coalesce:
        counted = links.order_by().values("unit").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    units = units.annotate(lead_count=count_of(lead_links), co_count=count_of(co_links)).order_by("name")
    paginator = Paginator(units, UNIT_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "ledger/unit_list.html",
        {"page": page, "page_range": paginator.get_elided_page_range(page.number), "query": query},
    )


@require_GET
@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """What a unit leads and takes part in (among the projects the user may see)."""
    user = _user(request)
    unit = get_object_or_404(Unit.objects.select_related("reform_lead"), pk=pk)
    if not can_view_unit(user, unit):
        raise Http404("no such unit")
    visible = visible_projects(user)
    led = _rows(
        _with_units(visible.filter(Exists(unit_links(unit, UnitRole.LEAD)))).order_by("plan_id", "position")
    )
    part = _rows(
        _with_units(
            visible.filter(Exists(unit_links(unit, UnitRole.CO))).exclude(
                Exists(unit_links(unit, UnitRole.LEAD))
            )
        ).order_by("plan_id", "position")
    )
    return render(
        request,
        "ledger/unit_detail.html",
        {
            "unit": unit,
            "led": led,
            "part": part,
            "members": list(unit.members.only("pk", "name").order_by("name")),
            "collectives": list(unit.collectives.only("pk", "name").order_by("name")),
            "aliases": list(unit.aliases.order_by("name")),
        },
    )


@require_GET
@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    """The user's projects: their unit's, or those they are leader in charge of; nearest deadline first."""
    user = _user(request)
    role = role_of(user)
    visible = visible_projects(user)
    profile = Profile.objects.filter(user=user).select_related("unit").first()
    unit = profile.unit if profile is not None else None
    today = _today()
    sections: list[tuple[str, str, list[Row]]] = []
    scope: QuerySet[Project] = Project.objects.none()
    if role == Role.LEADER:
        scope = visible.filter(leader=user)
        sections.append(("leader", _("Projects you are the leader in charge of"), []))
    elif unit is not None:
        scope = visible.filter(Exists(unit_links(unit)))
        sections.append(("unit", _("Projects of %(unit)s") % {"unit": unit.name}, []))
    elif role == Role.OFFICE:
        scope = visible.filter(needs_review=True)
        sections.append(("review", _("Projects whose import needs review"), []))
    ordered = _with_units(scope.exclude(status=ProjectStatus.COMPLETED)).order_by(
        F("deadline").asc(nulls_last=True), "plan_id", "position"
    )
    rows = _rows(ordered[:200])
    if sections:
        key, title, _unused = sections[0]
        sections[0] = (key, title, rows)
    done_count = scope.filter(status=ProjectStatus.COMPLETED).count() if sections else 0
    milestones = list(
        Milestone.objects.filter(project__in=scope, done=False)
        .select_related("project")
        .only("pk", "date", "title", "done", "project__id", "project__label", "project__title")
        .order_by("date", "pk")[:NEAREST]
    )
    return render(
        request,
        "ledger/my_work.html",
        {
            "role": role,
            "unit": unit,
            "sections": sections,
            "done_count": done_count,
            "milestones": milestones,
            "today": today,
            "overdue_count": sum(1 for row in rows if row.overdue),
            **_owed_by_unit(user, role, today),
        },
    )


def _owed_by_unit(user: User, role: str | None, today: dt.date) -> dict[str, Any]:
    """What the unit of a reform lead or clerk owes and by when: the progress reports of the open
    periods not yet sent (or returned), and the supervision orders waiting for its answer. Other
    roles owe neither (four queries for the two roles, none for the rest)."""
    if role not in (Role.UNIT_LEAD, Role.CLERK):
        return {"owes": False}
    unsent = [
        owed
        for owed in reports_owed(user, today)
        if owed.report is None or owed.report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)
    ]
    unsent.sort(key=lambda owed: owed.period.due)
    orders = list(order_list(user, status=OrderStatus.ISSUED).order_by("response_due", "pk")[:NEAREST])
    return {
        "owes": True,
        "reports_unsent": unsent[:NEAREST],
        "reports_unsent_count": len(unsent),
        "orders_to_answer": orders,
    }


# ---------------------------------------------------------------------------------------------------
# roadmap


@dataclass
class Track:
    """A project's line on the roadmap; positions are percentages of the period, as CSS strings."""

    project: Project
    bar_left: str
    bar_width: str
    ongoing: bool
    overdue: bool
    deadline_at: str | None
    milestones: list[tuple[Milestone, str]]
    lead_units: list[Unit]
    # the project's own extension requests (pending or approved), each with where its date falls
    extensions: list[tuple[Any, str | None]] = field(default_factory=list)


@dataclass
class Period:
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return max((self.end - self.start).days, 1)

    def at(self, day: dt.date) -> float:
        return max(0.0, min(100.0, (day - self.start).days * 100 / self.days))


def _pct(value: float) -> str:
    return f"{value:.3f}%"


@require_GET
@login_required
def roadmap(request: HttpRequest) -> HttpResponse:
    """路线图、时间表: every project of a plan over its period, with milestones, deadlines and today.

    Plain HTML and CSS positioned on the server: it works without JavaScript and prints.
    """
    user = _user(request)
    plans = list(Plan.objects.only("pk", "title", "period_start", "period_end").order_by("-issued", "-pk"))
    plan = _chosen_plan(request, plans)
    filterset = ProjectFilterSet(request.GET or None, queryset=visible_projects(user), request=request)
    today = _today()
    context: dict[str, Any] = {"plans": plans, "plan": plan, "filterset": filterset, "today": today}
    if plan is None:
        return render(request, "ledger/roadmap.html", context)
    projects = list(
        _with_units(filterset.qs.filter(plan=plan))
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("date", "position", "pk"))
        )
        .order_by("position")
    )
    milestones = [m for p in projects for m in p.milestones.all()]
    period = _plan_period(plan, projects, milestones, today)
    extensions = extensions_for_projects(projects)

    tracks: list[tuple[Chapter, list[Track]]] = []
    by_chapter: dict[int, list[Track]] = {}
    for project in projects:
        lead, _co = split_units(project)
        end = project.deadline or period.end
        right = period.at(end)
        track = Track(
            project=project,
            bar_left=_pct(0),
            bar_width=_pct(max(right, 0.5)),
            ongoing=project.deadline is None,
            overdue=project.deadline is not None
            and project.deadline < today
            and project.status != ProjectStatus.COMPLETED,
            deadline_at=_pct(right) if project.deadline else None,
            milestones=[(m, _pct(period.at(m.date))) for m in project.milestones.all()],
            lead_units=lead,
            extensions=[
                (e, _pct(period.at(e.requested_deadline)))
                for e in extensions.get(project.pk, [])
                if e.measure_id is None
            ],
        )
        if project.chapter_id not in by_chapter:
            by_chapter[project.chapter_id] = []
            tracks.append((project.chapter, by_chapter[project.chapter_id]))
        by_chapter[project.chapter_id].append(track)

    years = []
    for year in range(period.start.year, period.end.year + 1):
        first = max(dt.date(year, 1, 1), period.start)
        years.append((year, _pct(period.at(first))))
    quarters = [
        _pct(period.at(dt.date(year, month, 1)))
        for year in range(period.start.year, period.end.year + 1)
        for month in (4, 7, 10)
        if period.start < dt.date(year, month, 1) < period.end
    ]
    context.update(
        period=period,
        tracks=tracks,
        years=years,
        quarters=quarters,
        today_at=_pct(period.at(today)) if period.start <= today <= period.end else None,
        project_count=len(projects),
    )
    return render(request, "ledger/roadmap.html", context)


def _plan_period(plan: Plan, projects: list[Project], milestones: list[Milestone], today: dt.date) -> Period:
    """The plan's years (period_start–period_end), stretched to the deadlines and milestones outside them."""
    dates = [p.deadline for p in projects if p.deadline] + [m.date for m in milestones]
    start = dt.date(plan.period_start, 1, 1) if plan.period_start else None
    end = dt.date(plan.period_end, 12, 31) if plan.period_end else None
    if start is None:
        start = dt.date(min(dates).year, 1, 1) if dates else dt.date(today.year, 1, 1)
    if end is None:
        end = dt.date(max(dates).year, 12, 31) if dates else dt.date(start.year, 12, 31)
    if dates:
        start = min(start, dt.date(min(dates).year, 1, 1))
        end = max(end, dt.date(max(dates).year, 12, 31))
    return Period(start=start, end=max(end, start + dt.timedelta(days=1)))
