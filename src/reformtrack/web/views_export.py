"""The project library's Excel export (台账): at once for a few projects, by a background job for
many (the job is :func:`reformtrack.web.tasks.export_ledger`; both write the workbook through
:mod:`reformtrack.ledger.library_export`)."""

from __future__ import annotations

import tempfile
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from reformtrack.core.http import signed_in_user
from reformtrack.core.spreadsheet import XLSX
from reformtrack.jobs.choices import JobKind
from reformtrack.jobs.services import job_create, job_enqueue
from reformtrack.ledger.filtersets import ProjectFilterSet
from reformtrack.ledger.library_export import export_filename, export_projects, write_export
from reformtrack.ledger.models import Project

if TYPE_CHECKING:
    from django.http.response import HttpResponseBase

# An export of more projects than this is built by a background job (its page shows the progress)
# rather than in the request, which a proxy would time out on a city-scale programme.
BACKGROUND_EXPORT_THRESHOLD = 2000


@require_GET
@login_required
def project_export(request: HttpRequest) -> HttpResponseBase:
    """The 台账 of the visible projects, the list's filters applied, as an .xlsx download.

    One row per measure as in ``reformtrack export`` (the rows come from
    :func:`reformtrack.ledger.export.ledger_rows`), with the plan in front and the leader, status and
    progress after. Over ``BACKGROUND_EXPORT_THRESHOLD`` projects the workbook is made by a
    background job and the user is sent to its page.
    """
    filterset = ProjectFilterSet(
        request.GET or None, queryset=Project.objects.restrict(request.user, "view"), request=request
    )
    projects = export_projects(filterset)
    if projects.count() > BACKGROUND_EXPORT_THRESHOLD:
        job = job_create(
            kind=JobKind.LEDGER_EXPORT,
            owner=signed_in_user(request),
            params={"query": request.GET.urlencode()},
        )
        job_enqueue(job=job)
        return redirect(job.get_absolute_url())
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (FileResponse closes it)
    write_export(projects, spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=export_filename(), content_type=XLSX)
