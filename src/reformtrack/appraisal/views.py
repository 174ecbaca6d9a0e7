"""Pages of the appraisal: schemes, computing and publishing a year, the rankings with their chart,
one unit's score explained, the exports. Appeals and bonus claims are in :mod:`.views_appeal`.

Anonymous users go to the login page; what the user may not see is 404; a visible page with an
action the user may not take is 403 (see :mod:`.permissions`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reformtrack.core.http import signed_in_user
from reformtrack.core.spreadsheet import XLSX

from . import services
from .choices import RunStatus, UnitGroup
from .components import REGISTRY
from .errors import AppraisalError
from .explain import shown_components
from .exports import results_docx, results_xlsx
from .forms import AppealForm, SchemeCreateForm, SchemeForm
from .models import Run, Scheme
from .permissions import can_appeal, can_manage_appraisal
from .selectors import (
    pending_appeals,
    result_appeals,
    result_of,
    run_of,
    run_results,
    runs_for,
    schemes_for,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _scheme(request: HttpRequest, pk: int) -> Scheme:
    scheme = schemes_for(request.user).filter(pk=pk).first()
    if scheme is None:
        raise Http404("no such scheme")
    return scheme


def _run(request: HttpRequest, pk: int) -> Run:
    run = run_of(request.user, pk)
    if run is None:
        raise Http404("no such appraisal")
    return run


def _office(request: HttpRequest) -> None:
    if not can_manage_appraisal(request.user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET"])
def index(request: HttpRequest) -> HttpResponse:
    """The years' appraisals the user sees; for the office, the schemes and a form to start one."""
    manage = can_manage_appraisal(request.user)
    return render(
        request,
        "appraisal/index.html",
        {
            "runs": runs_for(request.user),
            "schemes": schemes_for(request.user) if manage else [],
            "can_manage": manage,
            "form": SchemeCreateForm(),
        },
    )


@login_required
@require_POST
def scheme_create(request: HttpRequest) -> HttpResponse:
    """Start a year's scheme (the office)."""
    _office(request)
    form = SchemeCreateForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "appraisal/index.html",
            {"runs": [], "schemes": [], "can_manage": True, "form": form},
            status=400,
        )
    try:
        scheme = services.scheme_create(year=form.cleaned_data["year"], by=signed_in_user(request))
    except AppraisalError as exc:
        messages.error(request, str(exc))
        return redirect("appraisal:index")
    return redirect("appraisal:scheme", appraisal_scheme_pk=scheme.pk)


def _unoffered() -> list[tuple[str, str]]:
    return [(str(c.name), str(c.unavailable_reason)) for c in REGISTRY.values() if not c.offered]


@login_required
@require_http_methods(["GET", "POST"])
def scheme(request: HttpRequest, appraisal_scheme_pk: int) -> HttpResponse:
    """A year's scheme: its weights, bonus cap and appeal window; the office changes them."""
    found = _scheme(request, appraisal_scheme_pk)
    manage = can_manage_appraisal(request.user)
    form = SchemeForm(request.POST or None, scheme=found)
    status = 200
    if request.method == "POST":
        _office(request)
        if form.is_valid():
            try:
                services.scheme_update(
                    scheme=found,
                    weights=form.weights(),
                    bonus_cap=form.cleaned_data["bonus_cap"],
                    appeal_days=form.cleaned_data["appeal_days"],
                    version=form.cleaned_data["version"],
                    by=signed_in_user(request),
                )
            except AppraisalError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("The scheme is saved."))
                return redirect("appraisal:scheme", appraisal_scheme_pk=found.pk)
        status = 400
    weights = [(c.name, found.weights.get(c.key, 0)) for c in REGISTRY.values() if c.offered]
    context = {
        "scheme": found,
        "form": form,
        "can_manage": manage,
        "weights": weights,
        "unoffered": _unoffered(),
    }
    return render(request, "appraisal/scheme.html", context, status=status)


@login_required
@require_POST
def compute(request: HttpRequest, appraisal_scheme_pk: int) -> HttpResponse:
    """Compute the scheme's year and freeze its results (the office)."""
    found = _scheme(request, appraisal_scheme_pk)
    _office(request)
    try:
        run = services.appraisal_compute(scheme=found, by=signed_in_user(request))
    except AppraisalError as exc:
        messages.error(request, str(exc))
        return redirect("appraisal:scheme", appraisal_scheme_pk=found.pk)
    messages.success(request, _("The appraisal is computed; its data are frozen."))
    return redirect("appraisal:run", appraisal_run_pk=run.pk)


def _chart(groups: dict[str, list[Any]]) -> dict[str, Any]:
    return {
        group: {
            "label": str(UnitGroup(group).label),
            "units": [r.unit.name for r in results],
            "totals": [float(r.total) for r in results],
        }
        for group, results in groups.items()
        if results
    }


@login_required
@require_http_methods(["GET"])
def run(request: HttpRequest, appraisal_run_pk: int) -> HttpResponse:
    """A year's rankings per group of units, with a chart, the appeals waiting and the office's actions."""
    found = _run(request, appraisal_run_pk)
    groups = run_results(request.user, found)
    manage = can_manage_appraisal(request.user)
    context = {
        "run": found,
        "groups": [(group, UnitGroup(group).label, results) for group, results in groups.items()],
        "chart": _chart(groups),
        "components": [
            (REGISTRY[key].name, weight)
            for key, weight in found.weights.items()
            if weight and key in REGISTRY
        ],
        "can_manage": manage,
        "pending": pending_appeals(request.user, found) if manage else [],
        "computed": found.status == RunStatus.COMPUTED,
        "published": found.status == RunStatus.PUBLISHED,
        "unoffered": _unoffered(),
    }
    return render(request, "appraisal/run.html", context)


@login_required
@require_POST
def publish(request: HttpRequest, appraisal_run_pk: int) -> HttpResponse:
    """Publish the appraisal (the office)."""
    found = _run(request, appraisal_run_pk)
    _office(request)
    try:
        services.appraisal_publish(run=found, by=signed_in_user(request))
    except AppraisalError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The appraisal is published; units may appeal until the date shown."))
    return redirect("appraisal:run", appraisal_run_pk=found.pk)


@login_required
@require_POST
def close(request: HttpRequest, appraisal_run_pk: int) -> HttpResponse:
    """Close the appraisal: no more appeals (the office)."""
    found = _run(request, appraisal_run_pk)
    _office(request)
    try:
        services.appraisal_close(run=found, by=signed_in_user(request))
    except AppraisalError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The appraisal is closed."))
    return redirect("appraisal:run", appraisal_run_pk=found.pk)


@login_required
@require_http_methods(["GET"])
def export_xlsx(request: HttpRequest, appraisal_run_pk: int) -> HttpResponse:
    """The rankings the user sees as an Excel workbook."""
    found = _run(request, appraisal_run_pk)
    response = HttpResponse(results_xlsx(found, run_results(request.user, found)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="appraisal-{found.year}.xlsx"'
    return response


@login_required
@require_http_methods(["GET"])
def export_docx(request: HttpRequest, appraisal_run_pk: int) -> HttpResponse:
    """The rankings the user sees as an official document."""
    found = _run(request, appraisal_run_pk)
    response = HttpResponse(results_docx(found, run_results(request.user, found)), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="appraisal-{found.year}.docx"'
    return response


@login_required
@require_http_methods(["GET"])
def result(request: HttpRequest, appraisal_result_pk: int) -> HttpResponse:
    """One unit's score explained: every component's rule and data rows, the bonus, the appeals."""
    found = result_of(request.user, appraisal_result_pk)
    if found is None:
        raise Http404("no such result")
    context = {
        "result": found,
        "run": found.run,
        "components": shown_components(found),
        "appeals": result_appeals(found),
        "can_appeal": can_appeal(request.user, found),
        "can_manage": can_manage_appraisal(request.user),
        "form": AppealForm(),
    }
    return render(request, "appraisal/result.html", context)
