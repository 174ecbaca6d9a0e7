"""Pages of a revised document (调整方案): upload it for a stored plan, review its difference
change by change, apply the accepted changes as one amendment.

Coordinating office only, as the rest of the wizard; a revision draft that is not the user's own
is 404. Plain forms: the accept/reject choice is a checkbox per change, no JavaScript needed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reformtrack.ledger.errors import LedgerError

from .errors import DraftError
from .forms import RevisionApplyForm, RevisionUploadForm
from .models import ImportDraft
from .selectors_revision import RevisionReview, revision_review
from .services_revision import draft_revision_apply
from .uploads import upload_start
from .views import _draft, _user, office_only


@office_only
@require_http_methods(["GET", "POST"])
def revise(request: HttpRequest) -> HttpResponse:
    """Upload a revised document of a stored plan; its parse runs as any upload's."""
    if request.method == "POST":
        form = RevisionUploadForm(request.POST, request.FILES)
    else:
        form = RevisionUploadForm(initial={"plan": request.GET.get("plan")})
    if form.is_bound and form.is_valid():
        document = form.cleaned_data["document"]
        try:
            started = upload_start(
                owner=_user(request),
                filename=document.name or "document",
                content=document.read(),
                revises=form.cleaned_data["plan"],
            )
        except DraftError as exc:
            form.add_error("document", str(exc))
        else:
            if started.draft is not None:
                messages.info(request, _("You have uploaded this document before; here is that draft."))
                return redirect("imports:revision", revision_pk=started.draft.pk)
            return redirect("imports:upload", upload_pk=started.pk)
    return render(request, "imports/revise.html", {"form": form}, status=400 if form.errors else 200)


def _revision_draft(request: HttpRequest, pk: int) -> ImportDraft:
    found = _draft(request, pk)
    if found.revises_id is None:
        raise Http404("not a revised document")
    return found


def _initial(found: ImportDraft, review: RevisionReview) -> dict[str, Any]:
    parsed = found.parsed
    return {
        "accept": [change.key for change in review.changes],
        "shown": review.keys,
        "title": parsed.get("title") or found.filename,
        "reason": _("Revised document %(name)s") % {"name": found.filename},
        # the document's date of issue, else today: the office corrects it to the decision's date
        "decided_on": parsed.get("issued") or timezone.localdate().isoformat(),
        "doc_number": parsed.get("doc_number") or "",
    }


@office_only
@require_http_methods(["GET", "POST"])
def revision(request: HttpRequest, revision_pk: int) -> HttpResponse:
    """The difference between the stored plan and the revised document, each change with its
    checkbox (all ticked at first); the accepted ones are applied as one amendment."""
    found = _revision_draft(request, revision_pk)
    review = revision_review(found)
    if request.method == "POST":
        form = RevisionApplyForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                amendment = draft_revision_apply(
                    draft=found,
                    by=_user(request),
                    accepted=data["accept"],
                    shown=data["shown"].split(),
                    title=data["title"],
                    reason=data["reason"],
                    decided_on=data["decided_on"],
                    decided_by=data["decided_by"],
                    doc_number=data["doc_number"],
                )
            except (DraftError, LedgerError) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Applied %(count)d changes to %(plan)s as amendment %(title)s.")
                    % {"count": len(data["accept"]), "plan": review.plan.title, "title": amendment.title},
                )
                return redirect(f"{reverse('ledger:project_list')}?plan={review.plan.pk}")
        accepted = set(request.POST.getlist("accept"))
    else:
        form = RevisionApplyForm(initial=_initial(found, review))
        accepted = {change.key for change in review.changes}
    context = {"draft": found, "review": review, "form": form, "accepted": accepted}
    return render(request, "imports/revision.html", context, status=400 if form.errors else 200)
