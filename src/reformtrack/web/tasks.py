"""Background tasks of the staff pages (Django's Tasks API): the project library's Excel export over many
projects, started by :func:`reformtrack.web.views_export.project_export`."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from django_tasks import task

from reformtrack.core.spreadsheet import XLSX
from reformtrack.jobs.models import Job
from reformtrack.jobs.services import JobResult, job_progress, run_job
from reformtrack.ledger import library_export


@task()
def export_ledger(job_id: int) -> None:
    """The project library's Excel export with the filters the owner had (``params["query"]``),
    seen as the owner sees it; progress every chunk of projects."""
    run_job(job_id, _export)


def _export(job: Job) -> JobResult:
    # the same filter set as the page: the owner's visibility and the query string of the request
    filterset = library_export.library_filterset(job.owner, str(job.params.get("query", "")))
    projects = library_export.export_projects(filterset)
    total = projects.count()
    job_progress(job=job, done=0, total=total, message=_("Reading the projects…"))

    def progress(done: int) -> None:
        job_progress(
            job=job,
            done=done,
            total=total,
            message=_("%(done)d of %(total)d projects") % {"done": done, "total": total},
        )

    out = io.BytesIO()
    library_export.write_export(projects, out, progress=progress)
    return JobResult(out.getvalue(), library_export.export_filename(), XLSX)
