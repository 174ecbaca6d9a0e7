"""Pages of supervision: orders (督办单), extension requests (延期申请), accountability records,
bulletins (通报).

Anonymous users go to the login page; an order or project the user may not see is 404; a visible
object with an action the user may not take is 403 (see :mod:`.permissions`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Concatenate, ParamSpec

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reformtrack.accounts.choices import Role
from reformtrack.accounts.permissions import role_of
from reformtrack.core.history import records_of
from reformtrack.core.http import signed_in_user
from reformtrack.core.spreadsheet import XLSX, SpreadsheetWriter
from reformtrack.jobs.choices import JobStatus
from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.filtersets import search_projects
from reformtrack.ledger.models import Project
from reformtrack.ledger.permissions import can_view_project

from . import services
from .bulletin import printed_bulletin
from .choices import EDITABLE_BULLETIN, BulletinStatus, ExtensionStatus, OrderGrade, OrderStatus
from .errors import ConcurrentBulletinEdit, SupervisionError
from .forms import (
    BulletinCreateForm,
    BulletinEditForm,
    DecideForm,
    EscalateForm,
    ExtensionRequestForm,
    OrderIssueForm,
)
from .models import Bulletin, ExtensionRequest, SupervisionOrder
from .permissions import (
    can_decide_extensions,
    can_issue_orders,
    can_respond_order,
    can_see_accountability,
    can_write_bulletins,
    lead_unit_of,
)
from .selectors import accountability_records, bulletin_years, order_of, order_years
from .selectors import bulletin_list as select_bulletins
from .selectors import extension_list as select_extensions
from .selectors import order_list as select_orders

if TYPE_CHECKING:
    from django.contrib.auth.models import User

P = ParamSpec("P")
View = Callable[Concatenate[HttpRequest, P], HttpResponse]
PAGE_SIZE = 50
ISSUE_MATCHES = 20  # projects offered by a title search on the order form


def _user(request: HttpRequest) -> User:
    return signed_in_user(request)


def _order(request: HttpRequest, pk: int) -> SupervisionOrder:
    order = order_of(request.user, pk)
    if order is None:
        raise Http404("no such order")
    return order


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@login_required
@require_http_methods(["GET"])
def order_list(request: HttpRequest) -> HttpResponse:
    """The orders the user may read, filtered by year, status, grade and unit, 50 a page."""
    status = request.GET.get("status", "")
    grade = request.GET.get("grade", "")
    orders = select_orders(
        request.user,
        year=_int(request.GET.get("year")),
        status=status if status in OrderStatus.values else "",
        grade=grade if grade in OrderGrade.values else "",
        unit=_int(request.GET.get("unit")),
    )
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "years": order_years(),
        "statuses": OrderStatus.choices,
        "grades": OrderGrade.choices,
        "filters": request.GET,
        "can_issue": can_issue_orders(request.user),
    }
    return render(request, "supervision/order_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def order_issue(request: HttpRequest) -> HttpResponse:
    """Issue an order (the coordinating or supervision office) about a project: opened from the
    project's page (``?project=``), or after finding the project by words of its title."""
    if not can_issue_orders(request.user):
        raise PermissionDenied
    projects = Project.objects.restrict(request.user, "view")
    source = request.POST if request.method == "POST" else request.GET
    pk = _int(source.get("project"))
    project = projects.filter(pk=pk).select_related("plan").first() if pk else None
    lead = project.project_units.filter(role=UnitRole.LEAD).order_by("position").first() if project else None
    form = OrderIssueForm(
        request.POST if request.method == "POST" else None,
        project=project,
        projects=projects,
        initial={"project": pk, "unit": lead.unit_id if lead else None},
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            order = services.order_issue(
                by=_user(request),
                unit=data["unit"],
                project=data["project"],
                measure=data["measure"],
                reason=data["reason"],
                requirements=data["requirements"],
                response_due=data["response_due"],
                grade=data["grade"],
            )
        except SupervisionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Issued %(number)s.") % {"number": order.number})
            return redirect("supervision:order_detail", order_pk=order.pk)
    query = request.GET.get("q", "").strip()
    matches = list(search_projects(projects, query).select_related("plan")[:ISSUE_MATCHES]) if query else []
    context = {"form": form, "project": project, "query": query, "matches": matches}
    return render(request, "supervision/order_issue.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET"])
def order_detail(request: HttpRequest, order_pk: int) -> HttpResponse:
    """One order, its response, its escalation chain and its history."""
    order = _order(request, order_pk)
    context = {
        "order": order,
        "history": records_of(order),
        "can_issue": can_issue_orders(request.user),
        "can_respond": order.status == OrderStatus.ISSUED and can_respond_order(request.user, order),
        "escalate_form": EscalateForm(),
        "open": order.status in (OrderStatus.ISSUED, OrderStatus.ANSWERED),
    }
    return render(request, "supervision/order_detail.html", context)


@login_required
@require_POST
def order_escalate(request: HttpRequest, order_pk: int) -> HttpResponse:
    """Escalate the order: a new order of the next grade refers to it."""
    order = _order(request, order_pk)
    if not can_issue_orders(request.user):
        raise PermissionDenied
    form = EscalateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for the escalation."))
        return redirect("supervision:order_detail", order_pk=order.pk)
    try:
        new = services.order_escalate(by=_user(request), order=order, reason=form.cleaned_data["reason"])
    except SupervisionError as exc:
        messages.error(request, str(exc))
        return redirect("supervision:order_detail", order_pk=order.pk)
    messages.success(request, _("Escalated as %(number)s.") % {"number": new.number})
    return redirect("supervision:order_detail", order_pk=new.pk)


@login_required
@require_http_methods(["GET"])
def extension_list(request: HttpRequest) -> HttpResponse:
    """Extension requests the user may read; pending first for the office."""
    status = request.GET.get("status", "")
    requests = select_extensions(request.user, status=status if status in ExtensionStatus.values else "")
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "statuses": ExtensionStatus.choices,
        "filters": request.GET,
        "can_decide": can_decide_extensions(request.user),
    }
    return render(request, "supervision/extension_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def extension_request(request: HttpRequest, pk: int) -> HttpResponse:
    """A lead unit asks for a later deadline of the project or one of its measures."""
    project = Project.objects.restrict(request.user, "view").filter(pk=pk).first()
    if project is None:
        raise Http404("no such project")
    if lead_unit_of(request.user, project) is None:
        raise PermissionDenied
    form = ExtensionRequestForm(request.POST if request.method == "POST" else None, project=project)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            services.extension_request(
                by=_user(request),
                project=project,
                measure=data["measure"],
                requested_deadline=data["requested_deadline"],
                reasons=data["reasons"],
            )
        except SupervisionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your extension request is sent to the coordinating office."))
            return redirect("supervision:extension_list")
    status = 400 if form.errors else 200
    context = {"project": project, "form": form}
    return render(request, "supervision/extension_request.html", context, status=status)


def _extension(request: HttpRequest, pk: int) -> ExtensionRequest:
    found = (
        ExtensionRequest.objects.select_related("project", "measure", "unit", "requested_by")
        .filter(pk=pk)
        .first()
    )
    if found is None or not can_view_project(request.user, found.project):
        raise Http404("no such extension request")
    return found


@login_required
@require_http_methods(["GET", "POST"])
def extension_decide(request: HttpRequest, extension_pk: int) -> HttpResponse:
    """The coordinating office approves or rejects a request; both dates stay on it."""
    found = _extension(request, extension_pk)
    if not can_decide_extensions(request.user):
        raise PermissionDenied
    form = DecideForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.extension_decide(
                by=_user(request),
                request=found,
                approve=form.cleaned_data["decision"] == "approve",
                comment=form.cleaned_data["comment"],
            )
        except SupervisionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("supervision:extension_list")
    status = 400 if form.errors else 200
    return render(
        request, "supervision/extension_decide.html", {"extension": found, "form": form}, status=status
    )


@login_required
@require_http_methods(["GET"])
def accountability(request: HttpRequest) -> HttpResponse:
    """Units with repeated overdue items or unanswered orders, with the evidence."""
    if not can_see_accountability(request.user):
        raise PermissionDenied
    return render(request, "supervision/accountability.html", {"records": accountability_records()})


@login_required
@require_http_methods(["GET"])
def accountability_export(request: HttpRequest) -> HttpResponse:
    """The accountability records as an Excel workbook, one row per piece of evidence."""
    if not can_see_accountability(request.user):
        raise PermissionDenied
    book = SpreadsheetWriter()
    columns = [
        (_("Unit"), 28),
        (_("Evidence"), 16),
        (_("Number / label"), 20),
        (_("Title"), 50),
        (_("Date"), 12),
    ]
    sheet = book.add_sheet(_("Accountability"), columns)
    for record in accountability_records():
        for project in record.overdue_projects:
            sheet.append(
                [record.unit.name, _("Overdue project"), project.label, project.title, project.deadline]
            )
        for order in record.unanswered_orders:
            sheet.append(
                [
                    record.unit.name,
                    _("Unanswered order"),
                    order.number,
                    str(order.project),
                    order.response_due,
                ]
            )
    response = HttpResponse(book.to_bytes(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="accountability.xlsx"'
    return response


# --- bulletins (通报) ------------------------------------------------------------------------------


def _bulletin(request: HttpRequest, pk: int) -> Bulletin:
    found = (
        Bulletin.objects.restrict(request.user, "view")
        .select_related("issued_by", "published_by", "job")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("no such bulletin")
    return found


@login_required
@require_http_methods(["GET"])
def bulletin_list(request: HttpRequest) -> HttpResponse:
    """The bulletins the user may read (units: the published ones), by year and status, 50 a page."""
    status = request.GET.get("status", "")
    bulletins = select_bulletins(
        request.user,
        year=_int(request.GET.get("year")),
        status=status if status in BulletinStatus.values else "",
    )
    page = Paginator(bulletins, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "years": bulletin_years(request.user),
        "statuses": BulletinStatus.choices,
        "filters": request.GET,
        "can_write": can_write_bulletins(request.user),
    }
    return render(request, "supervision/bulletin_list.html", {**context, "current": "bulletins"})


@login_required
@require_http_methods(["GET", "POST"])
def bulletin_create(request: HttpRequest) -> HttpResponse:
    """Start a bulletin of a period (the two offices); its generation runs as a background job."""
    if not can_write_bulletins(request.user):
        raise PermissionDenied
    form = BulletinCreateForm(request.POST if request.method == "POST" else None, initial=_last_month())
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            bulletin = services.bulletin_create(
                by=_user(request),
                title=data["title"],
                period_start=data["period_start"],
                period_end=data["period_end"],
            )
        except SupervisionError as exc:
            form.add_error(None, str(exc))
        else:
            assert bulletin.job is not None
            return redirect(bulletin.job.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "supervision/bulletin_create.html", {"form": form}, status=status)


def _last_month() -> dict[str, object]:
    import datetime as dt

    from django.utils import timezone

    end = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    return {"period_start": end.replace(day=1), "period_end": end}


@login_required
@require_http_methods(["GET"])
def bulletin_detail(request: HttpRequest, bulletin_pk: int) -> HttpResponse:
    """The bulletin as it will print, with what may be done to it and its history."""
    from .bulletin import section_heading

    bulletin = _bulletin(request, bulletin_pk)
    printed = printed_bulletin(bulletin)
    can_write = can_write_bulletins(request.user)
    context = {
        "bulletin": bulletin,
        "printed": printed,
        "sections": [(section_heading(i, s.heading), s) for i, s in enumerate(printed.sections)],
        "can_write": can_write,
        "editable": can_write and bulletin.status in EDITABLE_BULLETIN,
        "publishable": can_write and bulletin.status == BulletinStatus.ISSUED,
        "generating": bulletin.status == BulletinStatus.GENERATING,
        "failed": bulletin.status == BulletinStatus.GENERATING
        and (bulletin.job is None or bulletin.job.status == JobStatus.FAILED),
        "history": records_of(bulletin)
        if role_of(request.user) in (Role.OFFICE, Role.SUPERVISION, Role.LEADER)
        else [],
    }
    return render(request, "supervision/bulletin_detail.html", {**context, "current": "bulletins"})


@login_required
@require_http_methods(["GET", "POST"])
def bulletin_edit(request: HttpRequest, bulletin_pk: int) -> HttpResponse:
    """Edit a draft's title, headings and paragraphs; a stale save is refused with the input kept."""
    bulletin = _bulletin(request, bulletin_pk)
    if not can_write_bulletins(request.user):
        raise PermissionDenied
    if bulletin.status not in EDITABLE_BULLETIN:
        messages.error(request, _("Only a draft can be edited."))
        return redirect(bulletin.get_absolute_url())
    form = BulletinEditForm(
        request.POST if request.method == "POST" else None,
        sections=bulletin.sections,
        initial={"version": bulletin.version, "title": bulletin.title},
    )
    status = 200
    if form.is_bound and form.is_valid():
        try:
            services.bulletin_edit(
                by=_user(request),
                bulletin=bulletin,
                version=form.cleaned_data["version"],
                title=form.cleaned_data["title"],
                texts=form.texts(),
            )
        except ConcurrentBulletinEdit as exc:
            form.add_error(None, str(exc))
            status = 409
        except SupervisionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Bulletin saved."))
            return redirect(bulletin.get_absolute_url())
    if form.errors and status == 200:
        status = 400
    context = {"bulletin": bulletin, "form": form}
    return render(request, "supervision/bulletin_edit.html", context, status=status)


@login_required
@require_POST
def bulletin_regenerate(request: HttpRequest, bulletin_pk: int) -> HttpResponse:
    """Gather a draft (or a failed generation) again from the data; the job's page shows the progress."""
    bulletin = _bulletin(request, bulletin_pk)
    if not can_write_bulletins(request.user):
        raise PermissionDenied
    version = _int(request.POST.get("version"))
    try:
        bulletin = services.bulletin_regenerate(
            by=_user(request), bulletin=bulletin, version=bulletin.version if version is None else version
        )
    except SupervisionError as exc:
        messages.error(request, str(exc))
        return redirect(bulletin.get_absolute_url())
    assert bulletin.job is not None
    return redirect(bulletin.job.get_absolute_url())


@login_required
@require_POST
def bulletin_publish(request: HttpRequest, bulletin_pk: int) -> HttpResponse:
    """Publish an issued bulletin to every signed-in user."""
    bulletin = _bulletin(request, bulletin_pk)
    if not can_write_bulletins(request.user):
        raise PermissionDenied
    try:
        services.bulletin_publish(by=_user(request), bulletin=bulletin)
    except SupervisionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Published %(number)s.") % {"number": bulletin.number})
    return redirect(bulletin.get_absolute_url())


@login_required
@require_http_methods(["GET"])
def bulletin_docx(request: HttpRequest, bulletin_pk: int) -> HttpResponse:
    """The bulletin as .docx in the official layout (title, number, sections and tables, date)."""
    from django.utils.http import content_disposition_header

    from .bulletin_docx import bulletin_docx as render_docx

    bulletin = _bulletin(request, bulletin_pk)
    if bulletin.status == BulletinStatus.GENERATING:
        raise Http404("not generated yet")
    response = HttpResponse(
        render_docx(printed_bulletin(bulletin)),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = f"{bulletin.number or _('bulletin draft')}.docx"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name) or ""
    return response
