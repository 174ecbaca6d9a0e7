"""The study pages: the list, a project's study, reading, editing, submitting and reviewing it,
and its printable and .docx forms.

Anonymous → login; a study (or project) the user may not see → 404; one they see but may not
write or review → 403. The services check everything again.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reformtrack.core.http import signed_in_user
from reformtrack.reporting.evidence import ACCEPT_ATTRIBUTE, ACCEPTED

from . import selectors
from .choices import StudyStatus
from .errors import ConcurrentStudyEdit, StudyError
from .forms import ReturnForm, StudyForm, VersionForm
from .models import Study
from .permissions import can_edit_study, can_review_study, can_start_study, can_write_study
from .services import study_accept, study_return, study_start, study_submit, study_update
from .study_docx import study_docx

PAGE_SIZE = 50
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def study_or_404(request: HttpRequest, pk: int) -> Study:
    """The study with its parts, or 404 when the user may not read it."""
    study = selectors.study_of(request.user, pk)
    if study is None:
        raise Http404("no such study")
    return study


@login_required
@require_GET
def study_list(request: HttpRequest) -> HttpResponse:
    """The studies the user may read, filtered by status, plan and lead unit, searched, 50 a page."""
    status = request.GET.get("status", "")
    studies = selectors.study_list(
        request.user,
        status=status if status in StudyStatus.values else "",
        plan=_int(request.GET.get("plan")),
        unit=_int(request.GET.get("unit")),
        query=request.GET.get("q", ""),
    )
    page = Paginator(studies, PAGE_SIZE).get_page(request.GET.get("page"))
    plans, units = selectors.filter_choices(request.user)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "statuses": StudyStatus.choices,
        "plans": plans,
        "units": units,
        "filters": request.GET,
        "query": query.urlencode(),
    }
    return render(request, "studies/study_list.html", context)


@login_required
@require_GET
def project_study(request: HttpRequest, studies_project_pk: int) -> HttpResponse:
    """A project's study: its page when there is one, else a page that offers to start it."""
    project = selectors.project_of(request.user, studies_project_pk)
    if project is None:
        raise Http404("no such project")
    study = selectors.study_for_project(project)
    if study is not None:
        return redirect("studies:detail", studies_pk=study.pk)
    context = {"project": project, "can_start": can_start_study(request.user, project)}
    return render(request, "studies/project_study.html", context)


@login_required
@require_POST
def start(request: HttpRequest, studies_project_pk: int) -> HttpResponse:
    """Open the project's study as a draft and go to its form."""
    project = selectors.project_of(request.user, studies_project_pk)
    if project is None:
        raise Http404("no such project")
    if not can_start_study(request.user, project):
        raise PermissionDenied
    study = study_start(project=project, by=signed_in_user(request))
    return redirect("studies:edit", studies_pk=study.pk)


def _detail_context(request: HttpRequest, study: Study) -> dict[str, Any]:
    return {
        "study": study,
        "project": study.project,
        "lead_units": selectors.lead_unit_names(study.project),
        "options": study.live_options,  # type: ignore[attr-defined]
        "consultations": study.live_consultations,  # type: ignore[attr-defined]
        "attachments": study.live_attachments,  # type: ignore[attr-defined]
        "can_edit": can_edit_study(request.user, study),
        "can_review": can_review_study(request.user) and study.status == StudyStatus.SUBMITTED,
        "return_form": ReturnForm(initial={"version": study.version}),
        "accepted_types": ACCEPTED,
        "accept_attribute": ACCEPT_ATTRIBUTE,
    }


@login_required
@require_GET
def detail(request: HttpRequest, studies_pk: int) -> HttpResponse:
    """The study: background, options, the consultation record, the decision, the files, and the
    actions the user may take on it."""
    study = study_or_404(request, studies_pk)
    context = _detail_context(request, study)
    context["history"] = selectors.study_history(study)
    return render(request, "studies/study_detail.html", context)


@login_required
@require_GET
def print_view(request: HttpRequest, studies_pk: int) -> HttpResponse:
    """The study on A4 paper: the same content without navigation or forms."""
    study = study_or_404(request, studies_pk)
    context = _detail_context(request, study) | {"printed_at": timezone.localtime()}
    return render(request, "studies/study_print.html", context)


@login_required
@require_GET
def docx(request: HttpRequest, studies_pk: int) -> HttpResponse:
    """The study as .docx in the official layout."""
    study = study_or_404(request, studies_pk)
    content = study_docx(
        study,
        options=study.live_options,  # type: ignore[attr-defined]
        consultations=study.live_consultations,  # type: ignore[attr-defined]
        lead_units=selectors.lead_unit_names(study.project),
    )
    response = HttpResponse(content, content_type=DOCX)
    name = f"{study.project.label}{study.project.title}决策前研究论证报告.docx"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name) or ""
    return response


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, studies_pk: int) -> HttpResponse:
    """Edit the background and the decision; a save that someone else's came before is refused with
    their name, and what the user typed stays in the form."""
    study = study_or_404(request, studies_pk)
    if not can_write_study(request.user, study):
        raise PermissionDenied
    if not can_edit_study(request.user, study):
        messages.error(request, _status_message(study))
        return redirect(study)
    initial = {
        "background": study.background,
        "decision_text": study.decision_text,
        "decision_date": study.decision_date,
        "decision_body": study.decision_body,
        "decision_number": study.decision_number,
        "decision_title": study.decision_title,
        "version": study.version,
    }
    form = StudyForm(request.POST if request.method == "POST" else None, initial=initial)
    current = None
    if form.is_bound and form.is_valid():
        try:
            study_update(study=study, by=signed_in_user(request), **form.cleaned_data)
        except ConcurrentStudyEdit as exc:
            current = Study.objects.get(pk=study.pk)
            form = _with_version(form, current.version)
            form.add_error(None, str(exc))
        except StudyError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect(study)
    context = {"study": study, "project": study.project, "form": form, "current": current}
    return render(request, "studies/study_edit.html", context, status=400 if form.errors else 200)


def _with_version(form: Any, version: int) -> Any:
    """The bound form again, with what the user typed and the current version: saving it once more
    is a deliberate choice to replace what the other person saved."""
    data = form.data.copy()
    data["version"] = str(version)
    return type(form)(data)


def _status_message(study: Study) -> str:
    return _("This study is %(status)s; it cannot be changed now.") % {"status": study.get_status_display()}


def _act(request: HttpRequest, study: Study, action: Any, done: str, **kwargs: Any) -> HttpResponse:
    """Run a study action posted from its page; a refusal is shown there as a message."""
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The page was out of date; look at the study again."))
        return redirect(study)
    try:
        action(study=study, by=signed_in_user(request), version=form.cleaned_data["version"], **kwargs)
    except StudyError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect(study)


@login_required
@require_POST
def submit(request: HttpRequest, studies_pk: int) -> HttpResponse:
    """The lead unit (or the office) sends the study to the coordinating office."""
    study = study_or_404(request, studies_pk)
    if not can_write_study(request.user, study):
        raise PermissionDenied
    return _act(request, study, study_submit, _("The study is submitted to the coordinating office."))


@login_required
@require_POST
def accept(request: HttpRequest, studies_pk: int) -> HttpResponse:
    """The coordinating office accepts a submitted study."""
    study = study_or_404(request, studies_pk)
    if not can_review_study(request.user):
        raise PermissionDenied
    return _act(request, study, study_accept, _("The study is accepted."))


@login_required
@require_POST
def return_study(request: HttpRequest, studies_pk: int) -> HttpResponse:
    """The coordinating office sends a submitted study back with a comment."""
    study = study_or_404(request, studies_pk)
    if not can_review_study(request.user):
        raise PermissionDenied
    comment = request.POST.get("comment", "")
    return _act(request, study, study_return, _("The study is returned to the lead unit."), comment=comment)
