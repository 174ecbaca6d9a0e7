"""The unit pages: the registry's list, a unit's page, and the coordinating office's tools on it
(rename, aliases, merge two units registered twice).

A unit the user may not see is a 404; a tool the user may not use on a unit they see is a 403
(only the office manages the registry: ``can_manage_programme``, checked here and again by the
services). Each page costs a fixed number of queries whatever the unit holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reformtrack.accounts.permissions import can_manage_programme
from reformtrack.core.http import signed_in_user

from . import services_units
from .choices import UnitRole
from .errors import LedgerError, UnitChanged
from .filtersets import unit_links
from .forms import UnitMergeChoiceForm, UnitMergeForm, UnitNameForm, UnitRenameForm
from .models import Project, ProjectUnit, Unit, UnitAlias
from .pages import Row, rows, with_units
from .permissions import can_view_unit
from .selectors_units import unit_merge_preview

UNIT_PAGE_SIZE = 100
# a unit's page lists what it leads and takes part in, each a page of the library's size
PROJECT_PAGE_SIZE = 50


@require_GET
@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    """The units in use the user may see, with how many visible projects each leads and takes part
    in. The search finds a unit by its name or any name it is also printed as (its aliases, the
    names of units merged into it)."""
    user = signed_in_user(request)
    visible = Project.objects.restrict(user, "view")
    units = Unit.objects.restrict(user, "view").filter(archived_at__isnull=True).only("pk", "name", "kind")
    query = request.GET.get("q", "").strip()
    if query:
        aliased = UnitAlias.objects.filter(unit=OuterRef("pk"), name__icontains=query)
        units = units.filter(Q(name__icontains=query) | Exists(aliased))
    lead_links = ProjectUnit.objects.filter(unit=OuterRef("pk"), role=UnitRole.LEAD, project__in=visible)
    co_links = ProjectUnit.objects.filter(unit=OuterRef("pk"), role=UnitRole.CO, project__in=visible)

    def count_of(links: QuerySet[ProjectUnit]) -> Coalesce:
        counted = links.order_by().values("unit").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    counted = units.annotate(lead_count=count_of(lead_links), co_count=count_of(co_links)).order_by("name")
    paginator = Paginator(counted, UNIT_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "ledger/unit_list.html",
        {"page": page, "page_range": paginator.get_elided_page_range(page.number), "query": query},
    )


def _visible_unit(request: HttpRequest, pk: int, *, manage: bool = False) -> Unit:
    """The unit if the user may see it (else 404); with ``manage``, only for the office (else 403)."""
    user = signed_in_user(request)
    unit = get_object_or_404(Unit.objects.select_related("reform_lead", "merged_into"), pk=pk)
    if not can_view_unit(user, unit):
        raise Http404("no such unit")
    if manage and not can_manage_programme(user):
        raise PermissionDenied
    return unit


@dataclass
class ProjectPage:
    """One page of a unit's project table, with its own page parameter (the page has two)."""

    page: Page[Project]
    page_range: list[int | str]
    param: str
    rows: list[Row]


def _project_page(request: HttpRequest, projects: QuerySet[Project], param: str) -> ProjectPage:
    paginator = Paginator(with_units(projects).order_by("plan_id", "position", "pk"), PROJECT_PAGE_SIZE)
    page = paginator.get_page(request.GET.get(param))
    return ProjectPage(
        page, list(paginator.get_elided_page_range(page.number)), param, rows(page.object_list)
    )


def _detail(request: HttpRequest, unit: Unit, *, status: int = 200, **forms: Any) -> HttpResponse:
    """A unit's page; ``forms`` are the office's forms as posted, when one came back with an error."""
    user = signed_in_user(request)
    visible = Project.objects.restrict(user, "view")
    led = visible.filter(Exists(unit_links(unit, UnitRole.LEAD)))
    part = visible.filter(Exists(unit_links(unit, UnitRole.CO))).exclude(
        Exists(unit_links(unit, UnitRole.LEAD))
    )
    manage = can_manage_programme(user) and unit.archived_at is None
    context: dict[str, Any] = {
        "unit": unit,
        "led": _project_page(request, led, "led_page"),
        "part": _project_page(request, part, "part_page"),
        "members": list(unit.members.only("pk", "name").order_by("name")),
        "collectives": list(unit.collectives.only("pk", "name").order_by("name")),
        "aliases": list(unit.aliases.order_by("name")),
        "merged_units": list(unit.merged_units.only("pk", "name", "merged_into").order_by("name")),
        "manage": manage,
    }
    if manage:
        context["rename_form"] = forms.get("rename_form") or UnitRenameForm(
            initial={"name": unit.name, "version": unit.version}, prefix="rename"
        )
        context["alias_form"] = forms.get("alias_form") or UnitNameForm(prefix="alias")
    return render(request, "ledger/unit_detail.html", context, status=status)


def _archived(request: HttpRequest, unit: Unit) -> HttpResponse:
    """An archived unit's names do not change (its page has no form to show an error in)."""
    messages.error(request, _("%(name)s is already merged into another unit.") % {"name": unit.name})
    return redirect("ledger:unit_detail", pk=unit.pk)


@require_GET
@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """What a unit leads and takes part in (among the projects the user may see), its other names,
    and, for the office, the registry's tools; an archived unit says which unit it was merged into."""
    return _detail(request, _visible_unit(request, pk))


@require_POST
@login_required
def unit_rename(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename a unit; its old name becomes an alias (the office only)."""
    unit = _visible_unit(request, pk, manage=True)
    if unit.archived_at is not None:
        return _archived(request, unit)
    form = UnitRenameForm(request.POST, prefix="rename")
    if form.is_valid():
        try:
            services_units.unit_rename(
                unit=unit,
                by=signed_in_user(request),
                name=form.cleaned_data["name"],
                version=form.cleaned_data["version"],
            )
        except UnitChanged as exc:
            # the typed name stays, with the current version: saving again after a look is deliberate
            posted = request.POST.copy()
            posted["rename-version"] = str(Unit.objects.only("version").get(pk=unit.pk).version)
            form = UnitRenameForm(posted, prefix="rename")
            form.is_valid()
            form.add_error("name", str(exc))
        except LedgerError as exc:
            form.add_error("name", str(exc))
        else:
            messages.success(request, _("The unit is renamed; its old name is kept as another name."))
            return redirect("ledger:unit_detail", pk=unit.pk)
    return _detail(request, unit, status=400, rename_form=form)


@require_POST
@login_required
def unit_alias_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add another name the unit is printed as (the office only)."""
    unit = _visible_unit(request, pk, manage=True)
    if unit.archived_at is not None:
        return _archived(request, unit)
    form = UnitNameForm(request.POST, prefix="alias")
    if form.is_valid():
        try:
            alias = services_units.unit_alias_add(
                unit=unit, by=signed_in_user(request), name=form.cleaned_data["name"]
            )
        except LedgerError as exc:
            form.add_error("name", str(exc))
        else:
            messages.success(request, _("%(name)s is added as another name.") % {"name": alias.name})
            return redirect("ledger:unit_detail", pk=unit.pk)
    return _detail(request, unit, status=400, alias_form=form)


@require_POST
@login_required
def unit_alias_remove(request: HttpRequest, pk: int, alias_pk: int) -> HttpResponse:
    """Forget another name of the unit (the office only; its history stays)."""
    unit = _visible_unit(request, pk, manage=True)
    alias = get_object_or_404(UnitAlias, pk=alias_pk, unit=unit)
    try:
        services_units.unit_alias_remove(alias=alias, by=signed_in_user(request))
    except LedgerError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(name)s is no longer another name of this unit.") % {"name": alias.name}
        )
    return redirect("ledger:unit_detail", pk=unit.pk)


@require_http_methods(["GET", "POST"])
@login_required
def unit_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge a unit into another (the office only): choose the unit, see what moves, confirm.

    GET without ``into``: the choice; GET with it: the confirmation, with the counts and both
    units' versions; POST: the merge. A refused merge (into itself, into an archived unit, a page
    gone stale) comes back to the confirmation with the message and the counts as they are now.
    """
    source = _visible_unit(request, pk, manage=True)
    if source.archived_at is not None:
        return _archived(request, source)
    data = request.POST if request.method == "POST" else request.GET
    if "into" not in data:
        return _merge_page(request, source, choice=UnitMergeChoiceForm(source=source))
    into = Unit.objects.filter(pk=data["into"]).first() if str(data["into"]).isdigit() else None
    if into is None:
        choice = UnitMergeChoiceForm(data, source=source)
        choice.is_valid()
        return _merge_page(request, source, choice=choice, status=400)
    form = UnitMergeForm(
        request.POST if request.method == "POST" else None,
        initial={"into": into.pk, "source_version": source.version, "into_version": into.version},
    )
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services_units.unit_merge(
                source=source,
                into=into,
                by=signed_in_user(request),
                source_version=form.cleaned_data["source_version"],
                into_version=form.cleaned_data["into_version"],
                note=form.cleaned_data["note"],
            )
        except LedgerError as exc:
            error = str(exc)
        else:
            messages.success(
                request, _("%(source)s is merged into %(into)s.") % {"source": source.name, "into": into.name}
            )
            return redirect("ledger:unit_detail", pk=into.pk)
    else:
        try:
            services_units.unit_merge_check(source=source, into=into)
        except LedgerError as exc:
            error = str(exc)
    blocked = False
    if error:
        # shown again as things are now: fresh counts and versions, the reason typed kept
        source.refresh_from_db()
        into.refresh_from_db()
        try:
            services_units.unit_merge_check(source=source, into=into)
        except LedgerError:
            blocked = True  # not a stale page: this merge cannot be made, whatever is confirmed
        form = UnitMergeForm(
            initial={
                "into": into.pk,
                "source_version": source.version,
                "into_version": into.version,
                "note": request.POST.get("note", ""),
            }
        )
    return _merge_page(
        request, source, into=into, form=None if blocked else form, error=error, status=409 if error else 200
    )


def _merge_page(
    request: HttpRequest,
    source: Unit,
    *,
    choice: UnitMergeChoiceForm | None = None,
    into: Unit | None = None,
    form: UnitMergeForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {"unit": source, "choice": choice, "into": into, "form": form, "error": error}
    if into is not None:
        context["preview"] = unit_merge_preview(source)
    return render(request, "ledger/unit_merge.html", context, status=status)
