"""Pages of the import wizard: upload → parse (a background job) → review and correct → confirm.

Coordinating office only. The upload request stores the document and starts its parse; the upload
page follows the job's progress and leads to the draft when it is done, or shows why not.

Anonymous users go to the login page; everybody else who may not manage the programme gets 403; a
draft that is not the user's own is 404, whoever owns it. Every page is a plain form (no JavaScript
needed); corrections are stored at once, so a reload or a later visit loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, cast

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reformtrack.accounts.permissions import can_manage_programme
from reformtrack.core.http import signed_in_user
from reformtrack.jobs.choices import FINISHED, JobStatus
from reformtrack.jobs.views import REFRESH_SECONDS, job_state
from reformtrack.ledger.errors import DuplicateDocument, PlanImportError

from .errors import DraftError
from .forms import ItemForm, PlanTitleForm, RevisionUploadForm, UnitMergeForm, UploadForm
from .models import ImportDraft
from .parsed import item_at, parsed_from_dict
from .selectors import draft_of, draft_parsed, draft_review, draft_siblings, drafts_of, upload_of
from .services import (
    draft_confirm,
    draft_discard,
    draft_edit,
    draft_merge_unit,
    draft_retitle,
)
from .uploads import upload_start

if TYPE_CHECKING:
    from django.contrib.auth.models import User

P = ParamSpec("P")
View = Callable[Concatenate[HttpRequest, P], HttpResponse]


def office_only(view: View[P]) -> View[P]:
    """Anonymous → login; a user who may not manage the programme → 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_manage_programme(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return cast("View[P]", wrapper)


def _user(request: HttpRequest) -> User:
    return signed_in_user(request)


def _draft(request: HttpRequest, pk: int) -> ImportDraft:
    draft = draft_of(request.user, pk)
    if draft is None:
        raise Http404("no such draft")
    return draft


def _to_draft(draft: ImportDraft, anchor: str = "") -> HttpResponseRedirect:
    url = reverse("imports:draft", args=[draft.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


@office_only
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    """Upload a plan document; list the user's unfinished drafts."""
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_bound and form.is_valid():
        document = form.cleaned_data["document"]
        started = upload_start(
            owner=_user(request), filename=document.name or "document", content=document.read()
        )
        if started.draft is not None:
            messages.info(request, _("You have uploaded this document before; here is that draft."))
            return _to_draft(started.draft)
        return redirect("imports:upload", upload_pk=started.pk)
    status = 400 if form.errors else 200
    context = {"form": form, "revise_form": RevisionUploadForm(), "drafts": list(drafts_of(request.user))}
    return render(request, "imports/index.html", context, status=status)


@office_only
@require_http_methods(["GET"])
def upload(request: HttpRequest, upload_pk: int) -> HttpResponse:
    """The parse of an upload: its progress while the job runs, the draft once it is done, or why
    the document was refused (with the form to upload another)."""
    found = upload_of(request.user, upload_pk)
    if found is None:
        raise Http404("no such upload")
    if found.draft_id is not None:
        return redirect("imports:draft", pk=found.draft_id)
    job = found.job
    failed = bool(found.error) or job is None or job.status in FINISHED
    context: dict[str, Any] = {"upload": found, "job": job, "failed": failed, "refresh": REFRESH_SECONDS}
    if failed:
        # a job done without a draft: the draft it made was imported or discarded since
        done = job is not None and job.status == JobStatus.DONE and not found.error
        context["error"] = (
            _("The draft of this document has been imported or discarded since.")
            if done
            else found.error or (job.error if job is not None else "") or _("The document could not be read.")
        )
        context["form"] = UploadForm()
    else:
        assert job is not None
        context["state"] = job_state(job)
    return render(request, "imports/upload.html", context)


def _review_context(request: HttpRequest, draft: ImportDraft, **extra: Any) -> dict[str, Any]:
    review = draft_review(draft)
    return {
        "draft": draft,
        "review": review,
        "siblings": draft_siblings(draft),
        "title_form": PlanTitleForm(initial={"title": review.plan.title}),
        **extra,
    }


@office_only
@require_http_methods(["GET"])
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    """The parsed plan as a tree, every spot to check highlighted, with forms to correct it; a
    revised document's draft goes to its difference instead."""
    found = _draft(request, pk)
    if found.revises_id is not None:
        return redirect("imports:revision", revision_pk=found.pk)
    if found.progress_of_id is not None:
        return redirect("imports:progress", pk=found.pk)
    return render(request, "imports/draft.html", _review_context(request, found))


@office_only
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int, ref: str) -> HttpResponse:
    """Correct one item's title, units and targets (the review page embeds the same form)."""
    found = _draft(request, pk)
    original = item_at(parsed_from_dict(found.parsed), ref)
    item = item_at(draft_parsed(found), ref)
    if item is None or original is None:
        raise Http404("no such item")
    initial = {
        "title": item.title,
        "lead_units": "、".join(item.lead_units),
        "co_units": "、".join(item.co_units),
        "targets": "\n".join(target.text for target in item.targets),
        "reviewed": original.needs_review,
    }
    form = ItemForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            draft_edit(
                draft=found,
                by=_user(request),
                ref=ref,
                title=form.cleaned_data["title"],
                lead_units=form.cleaned_data["lead_units"],
                co_units=form.cleaned_data["co_units"],
                targets=form.cleaned_data["targets"],
                reviewed=form.cleaned_data["reviewed"],
            )
        except DraftError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved the corrections to %(label)s.") % {"label": item.label or ref})
            return _to_draft(found, f"item-{ref}")
    context = {"draft": found, "ref": ref, "item": item, "original": original, "form": form}
    return render(request, "imports/item_edit.html", context, status=400 if form.errors else 200)


@office_only
@require_POST
def plan_title(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct the plan's title."""
    found = _draft(request, pk)
    form = PlanTitleForm(request.POST)
    if form.is_valid():
        try:
            draft_retitle(draft=found, by=_user(request), title=form.cleaned_data["title"])
        except DraftError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Saved the plan's title."))
    else:
        messages.error(request, _("A plan needs a title."))
    return _to_draft(found)


@office_only
@require_POST
def unit_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a parsed unit name as another name of a registry unit (or undo that)."""
    found = _draft(request, pk)
    form = UnitMergeForm(request.POST)
    back = _to_draft(found, "units")
    if request.POST.get("back") == "sheet" and found.sheet:
        back = redirect(f"{reverse('imports:sheet', args=[found.pk])}#rows")
    if not form.is_valid():
        messages.error(request, _("Choose a unit from the registry."))
        return back
    name, into = form.cleaned_data["name"], form.cleaned_data["into"]
    try:
        draft_merge_unit(draft=found, by=_user(request), name=name, into=into)
    except DraftError as exc:
        messages.error(request, str(exc))
    else:
        if into is None:
            messages.success(request, _("%(name)s will be a new unit.") % {"name": name})
        else:
            messages.success(
                request, _("%(name)s will be another name of %(unit)s.") % {"name": name, "unit": into.name}
            )
    return back


@office_only
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask once more, then store the corrected plan in the ledger (one transaction); a revised
    document is applied as an amendment from its difference instead, never imported."""
    found = _draft(request, pk)
    if found.revises_id is not None:
        return redirect("imports:revision", revision_pk=found.pk)
    if found.progress_of_id is not None:
        return redirect("imports:progress", pk=found.pk)
    error = ""
    if request.method == "POST":
        try:
            plan = draft_confirm(draft=found, by=_user(request))
        except DuplicateDocument as exc:
            error = _(
                "This document is already imported as plan %(pk)s (%(title)s); nothing was stored. "
                "Discard this draft, or delete that plan first to import the document again."
            ) % {"pk": exc.plan.pk, "title": exc.plan.title}
        except (PlanImportError, DraftError) as exc:
            error = _("The plan cannot be stored: %(error)s. Nothing was stored.") % {"error": exc}
        else:
            messages.success(
                request,
                _("Imported plan %(pk)s: %(title)s.") % {"pk": plan.pk, "title": plan.title},
            )
            waiting = draft_siblings(found)
            if waiting:  # the next plan of the same document is waiting to be checked
                return _to_draft(waiting[0])
            return redirect(f"{reverse('ledger:project_list')}?plan={plan.pk}")
    context = _review_context(request, found, error=error)
    return render(request, "imports/confirm.html", context, status=409 if error else 200)


@office_only
@require_POST
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete the draft; the ledger is not touched."""
    found = _draft(request, pk)
    draft_discard(draft=found, by=_user(request))
    messages.success(request, _("Discarded the draft of %(name)s.") % {"name": found.filename})
    return redirect("imports:index")
