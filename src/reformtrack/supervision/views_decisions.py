"""Pages of the decisions (表扬与问责决定): the list, recording one (from an accountability record or
by hand), a decision's page with the unit's answer and the offices' follow-ups, closing, revoking,
its .docx and its files.

Anonymous users go to the login page; a decision the user may not see is 404 (another unit's);
a visible decision with an action the user may not take is 403 (see :mod:`.permissions`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reformtrack.core.history import records_of
from reformtrack.core.http import signed_in_user
from reformtrack.ledger.models import Unit
from reformtrack.reporting.evidence import ACCEPT_ATTRIBUTE, ACCEPTED, download_name

from . import decision_services as services
from .choices import OPEN_DECISIONS, DecisionKind, DecisionStatus
from .decision_docx import decision_docx as render_docx
from .decision_forms import AnswerForm, DecisionForm, NoteForm, UnitChoiceForm
from .decision_models import DecisionFilePurpose
from .decision_selectors import decision_list as select_decisions
from .decision_selectors import decision_of, decision_years, record_of_unit
from .errors import SupervisionError
from .models import Decision, DecisionAttachment
from .permissions import can_answer_decision, can_record_decisions

PAGE_SIZE = 50


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _decision(request: HttpRequest, pk: int) -> Decision:
    decision = decision_of(request.user, pk)
    if decision is None:
        raise Http404("no such decision")
    return decision


@login_required
@require_http_methods(["GET"])
def decision_list(request: HttpRequest) -> HttpResponse:
    """The decisions the user may read (a unit: its own), by kind, unit, status and year, 50 a page."""
    kind, status = request.GET.get("kind", ""), request.GET.get("status", "")
    decisions = select_decisions(
        request.user,
        kind=kind if kind in DecisionKind.values else "",
        unit=_int(request.GET.get("unit")),
        status=status if status in DecisionStatus.values else "",
        year=_int(request.GET.get("year")),
    )
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "years": decision_years(request.user),
        "kinds": DecisionKind.choices,
        "statuses": DecisionStatus.choices,
        "filters": request.GET,
        "can_record": can_record_decisions(request.user),
    }
    return render(request, "supervision/decision_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def decision_new(request: HttpRequest) -> HttpResponse:
    """Record a decision about a unit: from its accountability record when it is listed (the record
    is kept with the decision), or by hand. Without a unit, the page asks for one first."""
    if not can_record_decisions(request.user):
        raise PermissionDenied
    unit_pk = _int(request.POST.get("unit") if request.method == "POST" else request.GET.get("unit"))
    unit = Unit.objects.filter(pk=unit_pk).first() if unit_pk is not None else None
    if unit is None:
        choice = UnitChoiceForm(request.GET or None)
        status = 400 if request.method == "POST" else 200
        return render(request, "supervision/decision_unit.html", {"form": choice}, status=status)
    record = record_of_unit(unit.pk)
    form = DecisionForm(
        request.POST if request.method == "POST" else None,
        unit=unit,
        has_record=record is not None,
        initial={"kind": request.GET.get("kind", DecisionKind.CRITICISM)},
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.decision_record(
                by=signed_in_user(request),
                kind=data["kind"],
                unit=unit,
                projects=list(data["projects"]),
                reason=data["reason"],
                evidence=data["evidence"],
                points=data["points"],
                deadline=data["deadline"],
                record=record if data.get("from_record") else None,
                uploads=request.FILES.getlist("files"),
            )
        except SupervisionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Recorded as %(number)s.") % {"number": decision.number})
            return redirect(decision)
    context = {
        "form": form,
        "unit": unit,
        "record": record,
        "accepted_types": ACCEPTED,
        "accept_attribute": ACCEPT_ATTRIBUTE,
    }
    return render(request, "supervision/decision_new.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET"])
def decision_detail(request: HttpRequest, supervision_decision_pk: int) -> HttpResponse:
    """One decision: its evidence, the unit's answer, the follow-ups and the forms of who may act."""
    decision = _decision(request, supervision_decision_pk)
    files = list(decision.attachments.all())
    context = {
        "decision": decision,
        "evidence_files": [f for f in files if f.purpose == DecisionFilePurpose.EVIDENCE],
        "answer_files": [f for f in files if f.purpose == DecisionFilePurpose.ANSWER],
        "history": records_of(decision),
        "can_answer": decision.status == DecisionStatus.ISSUED
        and can_answer_decision(request.user, decision),
        "can_record": can_record_decisions(request.user),
        "open": decision.status in OPEN_DECISIONS,
        "rectification": decision.kind == DecisionKind.RECTIFICATION,
        "revoked": decision.status == DecisionStatus.REVOKED,
        "answer_form": AnswerForm(),
        "note_form": NoteForm(),
        "accepted_types": ACCEPTED,
        "accept_attribute": ACCEPT_ATTRIBUTE,
    }
    return render(request, "supervision/decision_detail.html", context)


@login_required
@require_POST
def decision_answer(request: HttpRequest, supervision_decision_pk: int) -> HttpResponse:
    """The unit's reform lead or clerk answers the decision, with files if it has them."""
    decision = _decision(request, supervision_decision_pk)
    if not can_answer_decision(request.user, decision):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise SupervisionError(_("An answer needs a text."))
        services.decision_answer(
            by=signed_in_user(request),
            decision=decision,
            text=form.cleaned_data["text"],
            uploads=request.FILES.getlist("files"),
        )
    except SupervisionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your answer is sent."))
    return redirect(decision)


def _office_note(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """The offices' follow-up, closing or revoking: a note, then back to the decision."""
    decision = _decision(request, pk)
    if not can_record_decisions(request.user):
        raise PermissionDenied
    form = NoteForm(request.POST)
    by = signed_in_user(request)
    try:
        if not form.is_valid():
            raise SupervisionError(_("Write a note."))
        note = form.cleaned_data["note"]
        if action == "followup":
            services.followup_add(by=by, decision=decision, note=note)
            messages.success(request, _("The follow-up is recorded."))
        elif action == "close":
            services.rectification_close(by=by, decision=decision, note=note)
            messages.success(request, _("The rectification is verified and closed."))
        else:
            services.decision_revoke(by=by, decision=decision, reason=note)
            messages.success(request, _("The decision is revoked."))
    except SupervisionError as exc:
        messages.error(request, str(exc))
    return redirect(decision)


@login_required
@require_POST
def decision_followup(request: HttpRequest, supervision_decision_pk: int) -> HttpResponse:
    """The offices note how a rectification goes."""
    return _office_note(request, supervision_decision_pk, "followup")


@login_required
@require_POST
def decision_close(request: HttpRequest, supervision_decision_pk: int) -> HttpResponse:
    """The offices verify a rectification and close it."""
    return _office_note(request, supervision_decision_pk, "close")


@login_required
@require_POST
def decision_revoke(request: HttpRequest, supervision_decision_pk: int) -> HttpResponse:
    """The offices revoke a decision made in error, saying why."""
    return _office_note(request, supervision_decision_pk, "revoke")


@login_required
@require_http_methods(["GET"])
def decision_docx(request: HttpRequest, supervision_decision_pk: int) -> HttpResponse:
    """The decision as an official document, to whoever may read it."""
    decision = _decision(request, supervision_decision_pk)
    response = HttpResponse(
        render_docx(decision),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="decision-{decision.year}-{decision.sequence}.docx"'
    )
    return response


@login_required
@require_http_methods(["GET"])
def decision_file(request: HttpRequest, supervision_decision_file_pk: int) -> FileResponse:
    """A file of a decision's evidence or answer, to whoever may read the decision."""
    attachment = DecisionAttachment.objects.filter(pk=supervision_decision_file_pk).first()
    if attachment is None or decision_of(request.user, attachment.decision_id) is None:
        raise Http404("no such file")
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=download_name(attachment.original_name, str(attachment.file.name)),
        content_type=attachment.content_type,
    )
