"""Pages of progress reports: what a unit owes, the report page, review, cycles (the report form is
``report_form.py``).

Anonymous users go to the login page; a report the user may not read is 404; an action they may not
take on a report they can read is 403 (reporting/permissions.py). Plain forms; no JavaScript needed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Concatenate, ParamSpec, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reformtrack.core.http import signed_in_user
from reformtrack.ledger.models import Project, Unit

from .choices import ReportStatus
from .errors import ReportError
from .evidence import download_name
from .forms import ContributionForm, CycleForm, ReviewForm, StartForm
from .models import Evidence, ProgressReport, ReportingCycle
from .permissions import can_contribute, can_review, can_write_report, can_write_reports
from .report_form import take_saved
from .selectors import (
    cycles_list,
    report_figures,
    report_of,
    reports_of,
    reports_owed,
)
from .selectors import (
    report_detail as report_extras,
)
from .selectors import (
    review_queue as queue,
)
from .services import (
    contribution_add,
    cycle_update,
    report_accept,
    report_return,
)
from .services import (
    cycle_create as create_cycle,
)
from .services import (
    report_start as start_report,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.db.models import QuerySet

P = ParamSpec("P")
View = Callable[Concatenate[HttpRequest, P], HttpResponseBase]


def office_only(view: View[P]) -> View[P]:
    """Anonymous → login; anybody but the coordinating office → 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_review(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return cast("View[P]", wrapper)


def _user(request: HttpRequest) -> User:
    return signed_in_user(request)


PAGE_SIZE = 50


def _paged(request: HttpRequest, reports: QuerySet[ProgressReport]) -> dict[str, object]:
    """The page of ``reports`` the request asks for, and the page links (ledger's pagination include)."""
    paginator = Paginator(reports, PAGE_SIZE)
    page: Page[ProgressReport] = paginator.get_page(request.GET.get("page"))
    return {
        "reports": list(page.object_list),
        "page": page,
        "page_range": paginator.get_elided_page_range(page.number),
    }


def _report(request: HttpRequest, pk: int) -> ProgressReport:
    report = report_of(request.user, pk)
    if report is None:
        raise Http404("no such report")
    return report


def _to_report(report: ProgressReport) -> HttpResponseRedirect:
    return redirect(reverse("reporting:report_detail", args=[report.pk]))


@login_required
@require_http_methods(["GET"])
def my_reports(request: HttpRequest) -> HttpResponse:
    """What the user's unit owes in the open periods and by when, and the reports the user may read."""
    today = timezone.localdate()
    return render(
        request,
        "reporting/my_reports.html",
        {
            "owed": reports_owed(request.user, today),
            **_paged(request, reports_of(request.user)),
            "today": today,
            "can_review": can_review(request.user),
            "current": "reports",
        },
    )


@login_required
@require_POST
def report_start(request: HttpRequest) -> HttpResponse:
    """Open (creating as a draft if new) the report the user's unit owes for a period."""
    if not can_write_reports(request.user):
        raise PermissionDenied
    form = StartForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Choose a report from the list of what your unit owes."), status=400)
    data = form.cleaned_data
    cycle = ReportingCycle.objects.filter(pk=data["cycle"], active=True).first()
    project = Project.objects.filter(pk=data["project"]).first()
    unit = Unit.objects.filter(pk=data["unit"]).first()
    if cycle is None or project is None or unit is None:
        raise Http404("no such report")
    try:
        report = start_report(
            cycle=cycle, period_start=data["period_start"], project=project, unit=unit, by=_user(request)
        )
    except ReportError as exc:
        return HttpResponse(str(exc), status=400)
    return redirect(reverse("reporting:report_edit", args=[report.pk]))


@login_required
@require_http_methods(["GET"])
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The report with its versions, the co-units' contributions and the evidence files."""
    report = _report(request, pk)
    user = request.user
    return render(
        request,
        "reporting/report_detail.html",
        {
            "report": report,
            **report_extras(report),
            "figures": report_figures(report),
            "can_write": can_write_report(user, report),
            "can_contribute": can_contribute(user, report),
            "can_review": can_review(user),
            "contribution_form": ContributionForm(),
            "review_form": ReviewForm(initial={"version": report.version}),
            "draft_saved": take_saved(request, report.pk),
            "current": "reports",
        },
    )


@login_required
@require_POST
def contribution_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A co-unit adds its part to the lead unit's report."""
    report = _report(request, pk)
    if not can_contribute(request.user, report):
        raise PermissionDenied
    form = ContributionForm(request.POST)
    if form.is_valid():
        try:
            contribution_add(report=report, by=_user(request), text=form.cleaned_data["text"])
        except ReportError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your contribution is added."))
    else:
        messages.error(request, _("A contribution needs some text."))
    return _to_report(report)


@login_required
@require_POST
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinating office accepts the report or returns it with a comment."""
    report = _report(request, pk)
    if not can_review(request.user):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept or return."))
        return _to_report(report)
    data = form.cleaned_data
    try:
        if data["action"] == "accept":
            report_accept(report=report, by=_user(request), version=data["version"], comment=data["comment"])
            messages.success(request, _("The report is accepted; the project's progress is updated."))
        else:
            report_return(report=report, by=_user(request), version=data["version"], comment=data["comment"])
            messages.success(request, _("The report is returned to the unit."))
    except ReportError as exc:
        messages.error(request, str(exc))
    return _to_report(report)


@office_only
@require_http_methods(["GET"])
def review_queue(request: HttpRequest) -> HttpResponse:
    """The submitted reports waiting for review, oldest first."""
    return render(request, "reporting/review_queue.html", {**_paged(request, queue()), "current": "reports"})


@login_required
@require_http_methods(["GET"])
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, to those who may read its report (a removed one too: it is the record).

    Served as an attachment under the type its content was recognised as, the name's extension
    included, and with ``nosniff``: a browser never renders it as a page of this site.
    """
    evidence = get_object_or_404(Evidence.objects.select_related("report"), pk=pk)
    if report_of(request.user, evidence.report_id) is None:
        raise Http404("no such file")
    name = download_name(evidence.original_name, evidence.file.name or "")
    # a file stored before types were recognised carries no extension and goes out as plain bytes
    content_type = "application/octet-stream" if name.endswith(".bin") else evidence.content_type
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@office_only
@require_http_methods(["GET"])
def cycle_list(request: HttpRequest) -> HttpResponse:
    """Every reporting cycle."""
    return render(request, "reporting/cycle_list.html", {"cycles": list(cycles_list()), "current": "reports"})


@office_only
@require_http_methods(["GET", "POST"])
def cycle_create(request: HttpRequest) -> HttpResponse:
    """Set up a reporting cycle for a plan."""
    form = CycleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            create_cycle(plan=data.pop("plan"), by=_user(request), **data)
        except ReportError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The reporting cycle is set up."))
            return redirect(reverse("reporting:cycle_list"))
    return render(
        request,
        "reporting/cycle_form.html",
        {"form": form, "current": "reports"},
        status=400 if form.errors else 200,
    )


@office_only
@require_http_methods(["GET", "POST"])
def cycle_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a reporting cycle (its plan stays)."""
    cycle = get_object_or_404(ReportingCycle, pk=pk)
    form = CycleForm(request.POST if request.method == "POST" else None, instance=cycle)
    form.fields["plan"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.changed_data if name != "plan"}
        cycle.refresh_from_db()
        try:
            cycle_update(cycle=cycle, by=_user(request), **data)
        except ReportError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The reporting cycle is saved."))
            return redirect(reverse("reporting:cycle_list"))
    return render(
        request,
        "reporting/cycle_form.html",
        {"form": form, "cycle": cycle, "current": "reports"},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_discard(request: HttpRequest, pk: int) -> HttpResponse:
    """Discard a draft's texts, figures and files, once confirmed: the GET page asks, its POST
    carries ``confirm``; a POST without it asks again and changes nothing."""
    from .services import report_discard as discard

    report = report_of(request.user, pk)
    if report is None:
        raise Http404("no such report")
    if not can_write_report(request.user, report):
        raise PermissionDenied
    edit = reverse("reporting:report_edit", args=[report.pk])
    if report.status != ReportStatus.DRAFT:
        messages.error(request, _("Only a draft that was never submitted can be discarded."))
        return redirect(edit)
    raw = (request.POST if request.method == "POST" else request.GET).get("version", "")
    version = int(raw) if raw.isdigit() else report.version
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            discard(report=report, by=signed_in_user(request), version=version)
        except ReportError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The draft is discarded."))
        return redirect(edit)
    return render(
        request, "reporting/report_discard.html", {"report": report, "version": version, "current": "reports"}
    )
