"""The pages of a study's parts: adding, editing and removing options and consultations, adding,
downloading and removing files.

An entry of a study the user may not see → 404; of one they see but may not write → 403; of one
they write whose status does not let them now → back to the study with the reason.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reformtrack.core.http import signed_in_user
from reformtrack.reporting.evidence import download_name

from . import selectors
from .errors import ConcurrentStudyEdit, StudyError
from .forms import ConsultationForm, OptionForm, VersionForm
from .models import Consultation, Study, StudyOption
from .permissions import can_edit_study, can_write_study
from .services_entries import (
    attachment_add,
    attachment_remove,
    consultation_add,
    consultation_archive,
    consultation_update,
    option_add,
    option_archive,
    option_update,
)
from .views import study_or_404


def _writable(request: HttpRequest, study: Study) -> HttpResponse | None:
    """403 for a user who may not write the study; back to the study when its status forbids."""
    if not can_write_study(request.user, study):
        raise PermissionDenied
    if not can_edit_study(request.user, study):
        messages.error(
            request,
            _("This study is %(status)s; it cannot be changed now.") % {"status": study.get_status_display()},
        )
        return redirect(study)
    return None


def _entry_page(
    request: HttpRequest, study: Study, form: Form, save: Any, *, kind: str, entry: Any = None
) -> HttpResponse:
    """Show the form; on a valid POST save through ``save(**cleaned_data)`` and go back to the
    study. A stale save keeps what the user typed, with the current version and who saved first."""
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            save(**data)
        except ConcurrentStudyEdit as exc:
            current = type(entry).objects.get(pk=entry.pk)
            posted = request.POST.copy()
            posted["version"] = str(current.version)
            form = type(form)(posted)
            form.add_error(None, str(exc))
        except StudyError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect(study)
    context = {"study": study, "project": study.project, "form": form, "kind": kind, "entry": entry}
    return render(request, "studies/entry_form.html", context, status=400 if form.errors else 200)


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@login_required
@require_http_methods(["GET", "POST"])
def option_create(request: HttpRequest, studies_pk: int) -> HttpResponse:
    """Add an option considered."""
    study = study_or_404(request, studies_pk)
    refused = _writable(request, study)
    if refused is not None:
        return refused
    by = signed_in_user(request)

    def save(version: int | None = None, **data: Any) -> object:
        return option_add(study=study, by=by, **data)

    return _entry_page(request, study, OptionForm(_posted(request)), save, kind="option")


def _option(request: HttpRequest, pk: int) -> StudyOption:
    option = selectors.option_of(request.user, pk)
    if option is None or option.archived_at is not None:
        raise Http404("no such option")
    return option


@login_required
@require_http_methods(["GET", "POST"])
def option_edit(request: HttpRequest, studies_option_pk: int) -> HttpResponse:
    """Change an option considered."""
    option = _option(request, studies_option_pk)
    refused = _writable(request, option.study)
    if refused is not None:
        return refused
    by = signed_in_user(request)
    initial = {
        "description": option.description,
        "assessment": option.assessment,
        "chosen": option.chosen,
        "version": option.version,
    }

    def save(version: int | None = None, **data: Any) -> object:
        return option_update(option=option, by=by, version=version or 0, **data)

    form = OptionForm(_posted(request), initial=initial)
    return _entry_page(request, option.study, form, save, kind="option", entry=option)


def _remove(request: HttpRequest, entry: StudyOption | Consultation, archive: Any) -> HttpResponse:
    refused = _writable(request, entry.study)
    if refused is not None:
        return refused
    form = VersionForm(request.POST)
    try:
        if not form.is_valid():
            raise StudyError(_("The page was out of date; look at the study again."))
        archive(entry, by=signed_in_user(request), version=form.cleaned_data["version"])
    except StudyError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Removed. The entry and its history are kept."))
    return redirect(entry.study)


@login_required
@require_POST
def option_remove(request: HttpRequest, studies_option_pk: int) -> HttpResponse:
    """Take an option off the study (archived)."""
    option = _option(request, studies_option_pk)
    return _remove(request, option, lambda entry, **kw: option_archive(option=entry, **kw))


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create(request: HttpRequest, studies_pk: int) -> HttpResponse:
    """Add an entry to the consultation record."""
    study = study_or_404(request, studies_pk)
    refused = _writable(request, study)
    if refused is not None:
        return refused
    by = signed_in_user(request)

    def save(version: int | None = None, **data: Any) -> object:
        return consultation_add(study=study, by=by, **data)

    return _entry_page(request, study, ConsultationForm(_posted(request)), save, kind="consultation")


def _consultation(request: HttpRequest, pk: int) -> Consultation:
    consultation = selectors.consultation_of(request.user, pk)
    if consultation is None or consultation.archived_at is not None:
        raise Http404("no such consultation")
    return consultation


@login_required
@require_http_methods(["GET", "POST"])
def consultation_edit(request: HttpRequest, studies_consultation_pk: int) -> HttpResponse:
    """Change an entry of the consultation record."""
    consultation = _consultation(request, studies_consultation_pk)
    refused = _writable(request, consultation.study)
    if refused is not None:
        return refused
    by = signed_in_user(request)
    initial = {
        "consulted": consultation.consulted,
        "method": consultation.method,
        "held_on": consultation.held_on,
        "opinions": consultation.opinions,
        "response": consultation.response,
        "version": consultation.version,
    }

    def save(version: int | None = None, **data: Any) -> object:
        return consultation_update(consultation=consultation, by=by, version=version or 0, **data)

    form = ConsultationForm(_posted(request), initial=initial)
    return _entry_page(request, consultation.study, form, save, kind="consultation", entry=consultation)


@login_required
@require_POST
def consultation_remove(request: HttpRequest, studies_consultation_pk: int) -> HttpResponse:
    """Take an entry off the consultation record (archived)."""
    consultation = _consultation(request, studies_consultation_pk)
    return _remove(request, consultation, lambda entry, **kw: consultation_archive(consultation=entry, **kw))


@login_required
@require_POST
def attachment_create(request: HttpRequest, studies_pk: int) -> HttpResponse:
    """Add a file backing the study, from the form on the study's page."""
    study = study_or_404(request, studies_pk)
    refused = _writable(request, study)
    if refused is not None:
        return refused
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise StudyError(_("Choose a file to add."))
        attachment_add(study=study, by=signed_in_user(request), upload=upload)
    except StudyError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The file is added."))
    return redirect(study)


def _attachment(request: HttpRequest, pk: int) -> Any:
    attachment = selectors.attachment_of(request.user, pk)
    if attachment is None or attachment.archived_at is not None:
        raise Http404("no such file")
    return attachment


@login_required
@require_GET
def attachment_download(request: HttpRequest, studies_attachment_pk: int) -> FileResponse:
    """A file of the study, to whoever may read the study, never shown inline."""
    attachment = _attachment(request, studies_attachment_pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=download_name(attachment.original_name, str(attachment.file.name)),
        content_type=attachment.content_type,
    )


@login_required
@require_POST
def attachment_delete(request: HttpRequest, studies_attachment_pk: int) -> HttpResponse:
    """Take a file off the study (archived; the bytes and history stay)."""
    attachment = _attachment(request, studies_attachment_pk)
    refused = _writable(request, attachment.study)
    if refused is not None:
        return refused
    try:
        attachment_remove(attachment=attachment, by=signed_in_user(request))
    except StudyError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The file is removed. It and its history are kept."))
    return redirect(attachment.study)
