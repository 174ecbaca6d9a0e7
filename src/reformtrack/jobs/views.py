"""Pages of a background job: its progress (refreshing itself), its state as JSON, its result,
and a retry of a failed job.

Anonymous users go to the login page; a job the user may not see answers 404 (see :mod:`.permissions`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .choices import FINISHED, JobStatus
from .errors import JobError
from .models import Job
from .selectors import job_of
from .services import job_retry

# Seconds between two looks at a running job (the script's polling and the no-script refresh).
REFRESH_SECONDS = 2


def _job(request: HttpRequest, pk: int, *, with_result: bool = False) -> Job:
    job = job_of(request.user, pk, with_result=with_result)
    if job is None:
        raise Http404("no such job")
    return job


def job_state(job: Job) -> dict[str, object]:
    """What the page and its script show of a job."""
    return {
        "id": job.pk,
        "kind": job.kind,
        "status": job.status,
        "status_label": job.get_status_display(),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
        "error": job.error,
        "finished": job.status in FINISHED,
        "result_url": job.get_result_url() if job.has_result else "",
        "next_url": str(job.params.get("next_url", "")),
        "can_retry": job.status == JobStatus.FAILED,
    }


@require_GET
@login_required
def job_detail(request: HttpRequest, job_pk: int) -> HttpResponse:
    """The job's status and progress bar; refreshes itself until the job is done or failed."""
    job = _job(request, job_pk)
    context = {"job": job, "state": job_state(job), "refresh": REFRESH_SECONDS}
    return render(request, "jobs/job_detail.html", context)


@require_GET
@login_required
def job_status(request: HttpRequest, job_pk: int) -> JsonResponse:
    """The job's state for the page's script to poll."""
    response = JsonResponse(job_state(_job(request, job_pk)))
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@login_required
def job_download(request: HttpRequest, job_pk: int) -> HttpResponse:
    """The file the job made, as an attachment; 404 until there is one."""
    job = _job(request, job_pk, with_result=True)
    if not job.has_result or job.result is None:
        raise Http404("no result yet")
    response = HttpResponse(bytes(job.result), content_type=job.result_type or "application/octet-stream")
    response["Content-Disposition"] = _attachment(job.result_name)
    return response


@require_POST
@login_required
def job_retry_view(request: HttpRequest, job_pk: int) -> HttpResponse:
    """Run a failed job again (its owner or the coordinating office: who may see the job), then
    show its page."""
    job = _job(request, job_pk)
    try:
        job_retry(by=request.user, job=job)
    except JobError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The job runs again."))
    return redirect(job.get_absolute_url())


def _attachment(filename: str) -> str:
    from django.utils.http import content_disposition_header

    return content_disposition_header(as_attachment=True, filename=filename) or "attachment"
