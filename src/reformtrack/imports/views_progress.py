"""Pages of a ledger's progress update of a stored plan: upload the 台账, see what changes per
project and which rows cannot be applied, confirm (one transaction, recorded as the office's update
with history). Coordinating office only; a draft that is not the user's own is 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reformtrack.ingest import IngestError

from .errors import DraftError, ingest_words
from .forms_sheet import ProgressUploadForm
from .selectors_progress import progress_review
from .services_progress import progress_draft_apply, progress_draft_create
from .views import _draft, _user, office_only


@office_only
@require_http_methods(["GET", "POST"])
def progress_upload(request: HttpRequest) -> HttpResponse:
    """Upload a progress ledger for a stored plan; it is read at once and kept for the preview."""
    if request.method == "POST":
        form = ProgressUploadForm(request.POST, request.FILES)
    else:
        form = ProgressUploadForm(initial={"plan": request.GET.get("plan")})
    if form.is_bound and form.is_valid():
        document = form.cleaned_data["document"]
        try:
            found = progress_draft_create(
                owner=_user(request),
                plan=form.cleaned_data["plan"],
                filename=document.name or "ledger.xlsx",
                content=document.read(),
            )
        except IngestError as exc:
            form.add_error(
                "document", _("The ledger cannot be read: %(error)s") % {"error": ingest_words(exc)}
            )
        except DraftError as exc:
            form.add_error("document", str(exc))
        else:
            return redirect("imports:progress", pk=found.pk)
    status = 400 if form.errors else 200
    return render(request, "imports/progress_upload.html", {"form": form}, status=status)


@office_only
@require_http_methods(["GET", "POST"])
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """What the ledger changes per project and the rows that cannot be applied; a POST applies it
    all as the office's update (nothing when a row cannot be applied)."""
    found = _draft(request, pk)
    plan = found.progress_of
    if plan is None:
        raise Http404("not a progress update")
    error = ""
    if request.method == "POST":
        as_reports = request.POST.get("how") == "reports"
        try:
            applied = progress_draft_apply(draft=found, by=_user(request), as_reports=as_reports)
        except DraftError as exc:
            error = str(exc)
        else:
            if as_reports:
                text = _(
                    "Drafted %(drafted)d reports of the lead units from %(name)s for them to review;"
                    " %(skipped)d reports already submitted were left alone."
                ) % {"drafted": applied.drafted, "skipped": applied.skipped, "name": found.filename}
            else:
                text = _("Updated %(plan)s from %(count)d rows of %(name)s.") % {
                    "plan": plan.title,
                    "count": applied.rows,
                    "name": found.filename,
                }
            messages.success(request, text)
            return redirect(f"{reverse('ledger:project_list')}?plan={plan.pk}")
    review = progress_review(found, plan)
    context = {"draft": found, "review": review, "error": error}
    return render(request, "imports/progress.html", context, status=409 if error else 200)
