"""The lead unit's report form: one multipart form posted to the report's own URL.

The texts, the figures and the evidence files go together, so no action reloads the page into
another URL or loses what was typed:

* save, save-and-upload, remove a file: the texts are saved as a draft, the files attached (or the
  file archived), and the page comes back at the same URL;
* a field that does not validate, a file that is refused: the page is rendered again at the same URL
  with every typed field as it was posted and a message saying what to change (400);
* 保存并报送 submits only when nothing was refused;
* an expired session: an anonymous POST is kept in the (anonymous) session and the browser is sent to
  the login page; after the login, the report's page restores it and saves it to the report as a
  draft (the files of that POST cannot be kept: the message says to choose them again).

``reporting/static/reporting/draft.js`` also keeps the fields in the browser as they are typed and
restores them after a reload.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .choices import ReportStatus
from .errors import ReportError
from .evidence import ACCEPT_ATTRIBUTE, ACCEPTED
from .forms import EntriesForm, ReportForm, is_entry_field, target_prefix
from .models import Evidence, ProgressReport, TargetEntry
from .permissions import can_write_report
from .selectors import report_detail as report_extras
from .selectors import report_figures, report_of
from .services import (
    entry_evidence_add,
    evidence_add,
    evidence_remove,
    report_save_with_figures,
    report_submit,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Where an anonymous POST waits for its login: {report id: {"fields": {...}, "files": n}}.
SESSION_DRAFTS = "reporting.drafts"
# The report whose form was just saved: the next page tells draft.js to forget its copy.
SESSION_SAVED = "reporting.saved"
_KEPT_DRAFTS = 3  # the newest few reports' drafts; an anonymous session holds no more
_FIELD_LIMIT = 100_000  # characters kept of one field (a report's texts are far shorter)
_DRAFT_FIELDS = ("version", *ReportForm.Meta.fields)
_WRITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)


def _edit_url(report_id: int) -> str:
    return reverse("reporting:report_edit", args=[report_id])


def _entries(report: ProgressReport, data: QueryDict | None = None) -> EntriesForm:
    """The report's figures form (targets and measures of its project), bound to ``data`` if given."""
    figures = report_figures(report)
    return EntriesForm(
        data,
        report=report,
        targets=figures.targets,
        measures=figures.measures,
        target_entries=figures.target_entries,
        measure_entries=figures.measure_entries,
    )


def _kept_fields(data: QueryDict | dict[str, Any]) -> dict[str, str]:
    """The posted texts and figures worth keeping over an expired login."""
    return {
        name: str(data.get(name, ""))[:_FIELD_LIMIT]
        for name in data
        if name in _DRAFT_FIELDS or is_entry_field(name)
    }


@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The lead unit's form: save the draft (with files), or save and submit; see the module's notes."""
    if not request.user.is_authenticated:
        if request.method == "POST":
            return _keep_for_login(request, pk)
        return redirect_to_login(request.get_full_path())
    report = report_of(request.user, pk)
    if report is None:
        raise Http404("no such report")
    if not can_write_report(request.user, report):
        raise PermissionDenied
    if request.method == "POST":
        return _post(request, report)
    draft = _pop_kept(request, report.pk)
    if draft is not None:
        return _restore(request, report, draft)
    form = ReportForm(instance=report, initial={"version": report.version})
    return _render(request, report, form, _entries(report), removing=_removing(request, report))


def _removing(request: HttpRequest, report: ProgressReport) -> Evidence | None:
    """The file whose removal the form asks to confirm (``?remove=``): one of this report's kept
    files that the user uploaded (only the uploader removes a file)."""
    pk = request.GET.get("remove", "")
    if not pk.isdigit():
        return None
    return Evidence.objects.filter(
        report=report, pk=int(pk), archived_at__isnull=True, uploaded_by=request.user.pk
    ).first()


def _render(
    request: HttpRequest,
    report: ProgressReport,
    form: ReportForm,
    entries: EntriesForm,
    *,
    file_errors: list[str] | None = None,
    status: int = 200,
    removing: Evidence | None = None,
) -> HttpResponse:
    return render(
        request,
        "reporting/report_edit.html",
        {
            "report": report,
            "form": form,
            "target_rows": entries.target_rows(),
            "measure_rows": entries.measure_rows(),
            "entries_errors": entries.non_field_errors(),
            # the figures as read-only tables once the report is out of the unit's hands
            "figures": None if report.status in _WRITABLE else report_figures(report),
            "file_errors": file_errors or [],
            "removing": removing,
            "draft_saved": take_saved(request, report.pk),
            "accepted_types": ACCEPTED,
            "accept_attribute": ACCEPT_ATTRIBUTE,
            "max_files": settings.REPORT_MAX_FILES,
            "max_total_mb": settings.REPORT_MAX_TOTAL_MB,
            "max_file_mb": settings.REPORT_MAX_UPLOAD_MB,
            **report_extras(report),
            "current": "reports",
        },
        status=status,
    )


def _with_version(data: QueryDict | dict[str, Any], version: int) -> QueryDict:
    """The posted fields with the report's current version: the next save starts from it."""
    copied = QueryDict(mutable=True)
    for name, value in _kept_fields(data).items():
        copied[name] = value
    copied["version"] = str(version)
    return copied


def _save(
    request: HttpRequest, report: ProgressReport, form: ReportForm, entries: EntriesForm
) -> tuple[ProgressReport, str]:
    """Save the form's texts and figures as a draft: ``(report, outcome)``, the outcome ``"saved"``,
    ``"invalid"`` (a field to correct) or ``"refused"`` (the service's reason is the form's error)."""
    if not (form.is_valid() & entries.is_valid()):  # both validated: every field's error shows
        return report, "invalid"
    data = dict(form.cleaned_data)
    version = data.pop("version")
    try:
        saved = report_save_with_figures(
            report=report,
            by=cast("User", request.user),
            version=version,
            targets=entries.target_inputs(),
            measures=entries.measure_inputs(),
            **data,
        )
    except ReportError as exc:
        form.add_error(None, str(exc))
        return ProgressReport.objects.get(pk=report.pk), "refused"
    return saved, "saved"


def _rebound(form: ReportForm, data: QueryDict | dict[str, Any], report: ProgressReport) -> ReportForm:
    """The form bound to what was typed, starting from the report's current version, its non-field
    errors kept: saving again starts from what is stored now."""
    errors = list(form.non_field_errors())
    rebound = ReportForm(_with_version(data, report.version), instance=report)
    rebound.is_valid()
    for error in errors:
        rebound.add_error(None, error)
    return rebound


def mark_saved(request: HttpRequest, report_id: int) -> None:
    """Remember for the next page that the report's form was saved: draft.js clears its copy."""
    request.session[SESSION_SAVED] = report_id


def take_saved(request: HttpRequest, report_id: int) -> bool:
    """Was the report's form just saved (see :func:`mark_saved`)? Asked once."""
    if request.session.get(SESSION_SAVED) != report_id:
        return False
    del request.session[SESSION_SAVED]
    return True


def _target_files(
    request: HttpRequest, report: ProgressReport, *, saved: bool
) -> tuple[list[str], list[str]]:
    """Attach each target's evidence file (``target-<id>-file``) and name it the target's evidence:
    (done, refused) messages. Only after a save: the file belongs to the figure just stored."""
    user = cast("User", request.user)
    done: list[str] = []
    refused: list[str] = []
    uploads = {name: files[-1] for name, files in request.FILES.lists() if is_entry_field(name) and files}
    if not uploads:
        return done, refused
    if not saved:
        refused.append(_("The evidence files of the targets were not kept: choose them again when you save."))
        return done, refused
    for entry in TargetEntry.objects.filter(report=report).select_related("target"):
        upload = uploads.get(target_prefix(entry.target_id) + "file")
        if upload is None:
            continue
        try:
            evidence = entry_evidence_add(entry=entry, by=user, upload=upload)
        except ReportError as exc:
            refused.append(str(exc))
        else:
            done.append(_("%(name)s is attached.") % {"name": evidence.original_name})
    return done, refused


def _files(request: HttpRequest, report: ProgressReport) -> tuple[list[str], list[str]]:
    """Attach the posted files and archive the one whose removal was confirmed (``remove_confirmed``;
    a bare ``remove`` only asks, see :func:`_post`): (done, refused) messages."""
    user = cast("User", request.user)
    done: list[str] = []
    refused: list[str] = []
    for upload in request.FILES.getlist("files"):
        try:
            evidence = evidence_add(report=report, by=user, upload=upload)
        except ReportError as exc:
            refused.append(str(exc))
        else:
            done.append(_("%(name)s is attached.") % {"name": evidence.original_name})
    remove = request.POST.get("remove_confirmed", "")
    if remove:
        wrong = Evidence.objects.filter(report=report, pk=int(remove) if remove.isdigit() else 0).first()
        try:
            if wrong is None:
                raise ReportError(_("That file is not on this report."))
            evidence_remove(evidence=wrong, by=user)
        except PermissionDenied:
            refused.append(_("Only the person who uploaded a file removes it."))
        except ReportError as exc:
            refused.append(str(exc))
        else:
            done.append(_("%(name)s is removed from the report.") % {"name": wrong.original_name})
    return done, refused


def _post(request: HttpRequest, report: ProgressReport) -> HttpResponse:
    """Save the texts, attach or remove files, submit when asked and nothing was refused."""
    form = ReportForm(request.POST, instance=report)
    entries = _entries(report, request.POST)
    report, outcome = _save(request, report, form, entries)
    saved = outcome == "saved"
    done, refused = _files(request, report)
    target_done, target_refused = _target_files(request, report, saved=saved)
    done, refused = done + target_done, refused + target_refused
    report.refresh_from_db()
    if outcome != "invalid":
        form = _rebound(form, request.POST, report)
        entries = _entries(report, request.POST)
        entries.is_valid()
    submit = "submit" in request.POST
    if saved and not refused and submit:
        try:
            report = report_submit(report=report, by=cast("User", request.user), version=report.version)
        except ReportError as exc:
            form.add_error(None, str(exc))
        else:
            mark_saved(request, report.pk)
            messages.success(request, _("The report is submitted to the coordinating office."))
            return redirect(reverse("reporting:report_detail", args=[report.pk]))
    elif saved and not refused:
        mark_saved(request, report.pk)
        for message in (_("The draft is saved."), *done):
            messages.success(request, message)
        # a file's Remove button saves what was typed and asks before the file goes
        asked = request.POST.get("remove", "")
        return redirect(_edit_url(report.pk) + (f"?remove={asked}" if asked.isdigit() else ""))
    for message in done:
        messages.success(request, message)
    if saved:
        messages.info(request, _("What you typed is saved as a draft."))
    if submit and not form.non_field_errors():
        form.add_error(None, _("The report is not submitted yet: correct what is marked and submit again."))
    return _render(request, report, form, entries, file_errors=refused, status=400)


def _keep_for_login(request: HttpRequest, pk: int) -> HttpResponse:
    """An anonymous POST to the form (the login expired while the clerk typed): keep it for the login."""
    kept: dict[str, Any] = dict(request.session.get(SESSION_DRAFTS, {}))
    kept.pop(str(pk), None)
    kept[str(pk)] = {
        "fields": _kept_fields(request.POST),
        "files": len(request.FILES.getlist("files")) + sum(is_entry_field(name) for name in request.FILES),
    }
    request.session[SESSION_DRAFTS] = dict(list(kept.items())[-_KEPT_DRAFTS:])
    messages.warning(
        request,
        _("Your sign-in had expired. What you typed is kept: sign in again to have it restored."),
    )
    return redirect_to_login(_edit_url(pk))


def _pop_kept(request: HttpRequest, pk: int) -> dict[str, Any] | None:
    kept: dict[str, Any] = dict(request.session.get(SESSION_DRAFTS, {}))
    draft = kept.pop(str(pk), None)
    if draft is not None:
        request.session[SESSION_DRAFTS] = kept
    return draft if isinstance(draft, dict) else None


def _restore(request: HttpRequest, report: ProgressReport, draft: dict[str, Any]) -> HttpResponse:
    """The POST kept over an expired login, saved to the report as a draft (or shown to correct)."""
    data = QueryDict(mutable=True)
    for name, value in dict(draft.get("fields", {})).items():
        if name in _DRAFT_FIELDS or is_entry_field(name):
            data[name] = str(value)
    if int(draft.get("files", 0)):
        messages.warning(
            request, _("The files chosen before the sign-in expired could not be kept: choose them again.")
        )
    form = ReportForm(data, instance=report)
    entries = _entries(report, data)
    report, outcome = _save(request, report, form, entries)
    if outcome == "saved":
        mark_saved(request, report.pk)
        messages.success(
            request, _("What you typed before the sign-in expired is restored and saved as a draft.")
        )
        return redirect(_edit_url(report.pk))
    # Not saved (a field to correct, or someone wrote the report meanwhile): shown as typed.
    if outcome != "invalid":
        form = _rebound(form, data, report)
    messages.warning(request, _("What you typed before the sign-in expired is restored but not saved yet."))
    return _render(request, report, form, entries)
