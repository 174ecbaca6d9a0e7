"""Pages of supervision: orders (督办单), extension requests (延期申请), accountability records.

Anonymous users go to the login page; an order or project the user may not see is 404; a visible
object with an action the user may not take is 403 (see :mod:`.permissions`).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Concatenate, ParamSpec, cast

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reformtrack.accounts.permissions import can_view_project, visible_projects

from . import services
from .choices import ExtensionStatus, OrderGrade, OrderStatus
from .errors import SupervisionError
from .forms import DecideForm, EscalateForm, ExtensionRequestForm, OrderIssueForm, RespondForm
from .models import ExtensionRequest, SupervisionOrder
from .permissions import (
    can_decide_extensions,
    can_issue_orders,
    can_respond_order,
    can_see_accountability,
    lead_unit_of,
)
from .selectors import accountability_records, order_of, order_years
from .selectors import extension_list as select_extensions
from .selectors import order_list as select_orders

if TYPE_CHECKING:
    from django.contrib.auth.models import User

P = ParamSpec("P")
View = Callable[Concatenate[HttpRequest, P], HttpResponse]
PAGE_SIZE = 50


def signed_in(view: View[P]) -> View[P]:
    """Anonymous → login page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return cast("View[P]", wrapper)


def _user(request: HttpRequest) -> User:
    return cast("User", request.user)


def _order(request: HttpRequest, pk: int) -> SupervisionOrder:
    order = order_of(request.user, pk)
    if order is None:
        raise Http404("no such order")
    return order


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@signed_in
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


@signed_in
@require_http_methods(["GET", "POST"])
def order_issue(request: HttpRequest) -> HttpResponse:
    """Issue an order (the coordinating or supervision office)."""
    if not can_issue_orders(request.user):
        raise PermissionDenied
    initial = {"project": _int(request.GET.get("project"))}
    form = OrderIssueForm(request.POST if request.method == "POST" else None, initial=initial)
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
    status = 400 if form.errors else 200
    return render(request, "supervision/order_issue.html", {"form": form}, status=status)


@signed_in
@require_http_methods(["GET"])
def order_detail(request: HttpRequest, order_pk: int) -> HttpResponse:
    """One order, its response, its escalation chain and its history."""
    order = _order(request, order_pk)
    context = {
        "order": order,
        "history": order.history.select_related("history_user").order_by("-history_date"),
        "can_issue": can_issue_orders(request.user),
        "can_respond": order.status == OrderStatus.ISSUED and can_respond_order(request.user, order),
        "escalate_form": EscalateForm(),
        "open": order.status in (OrderStatus.ISSUED, OrderStatus.ANSWERED),
    }
    return render(request, "supervision/order_detail.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def order_respond(request: HttpRequest, order_pk: int) -> HttpResponse:
    """The addressed unit answers the order."""
    order = _order(request, order_pk)
    if not can_respond_order(request.user, order):
        raise PermissionDenied
    form = RespondForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.order_respond(by=_user(request), order=order, text=form.cleaned_data["text"])
        except SupervisionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your response is sent."))
            return redirect("supervision:order_detail", order_pk=order.pk)
    status = 400 if form.errors else 200
    return render(request, "supervision/order_respond.html", {"order": order, "form": form}, status=status)


@signed_in
@require_POST
def order_close(request: HttpRequest, order_pk: int) -> HttpResponse:
    """Close the order out (the issuing side)."""
    order = _order(request, order_pk)
    if not can_issue_orders(request.user):
        raise PermissionDenied
    try:
        services.order_close(by=_user(request), order=order)
    except SupervisionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Closed out %(number)s.") % {"number": order.number})
    return redirect("supervision:order_detail", order_pk=order.pk)


@signed_in
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


@signed_in
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


@signed_in
@require_http_methods(["GET", "POST"])
def extension_request(request: HttpRequest, pk: int) -> HttpResponse:
    """A lead unit asks for a later deadline of the project or one of its measures."""
    project = visible_projects(request.user).filter(pk=pk).first()
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


@signed_in
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


@signed_in
@require_http_methods(["GET"])
def accountability(request: HttpRequest) -> HttpResponse:
    """Units with repeated overdue items or unanswered orders, with the evidence."""
    if not can_see_accountability(request.user):
        raise PermissionDenied
    return render(request, "supervision/accountability.html", {"records": accountability_records()})


@signed_in
@require_http_methods(["GET"])
def accountability_export(request: HttpRequest) -> HttpResponse:
    """The accountability records as an Excel workbook, one row per piece of evidence."""
    if not can_see_accountability(request.user):
        raise PermissionDenied
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Accountability")
    sheet.append([_("Unit"), _("Evidence"), _("Number / label"), _("Title"), _("Date")])
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
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="accountability.xlsx"'
    return response


@signed_in
@require_http_methods(["GET"])
def bulletin_docx(request: HttpRequest) -> HttpResponse:
    """A draft bulletin (通报) as of today, as .docx: the two offices. ``?number=`` sets its number."""
    if not can_see_accountability(request.user):
        raise PermissionDenied
    from django.utils import timezone

    from .bulletin import bulletin_docx as render_docx
    from .bulletin import bulletin_draft

    today = timezone.localdate()
    number = request.GET.get("number", "").strip()[:100] or f"督查通报〔{today.year}〕1号"
    response = HttpResponse(
        render_docx(bulletin_draft(number=number, today=today)),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = 'attachment; filename="bulletin.docx"'
    return response
