"""Background task of the import wizard: parse an uploaded plan document into a draft."""

from __future__ import annotations

from django_tasks import task

from reformtrack.jobs.services import run_job


@task()
def parse_plan(job_id: int) -> None:
    """Parse the upload of the job (``params["upload"]``) within the document limits; see
    :func:`reformtrack.imports.uploads.upload_parse`."""
    from .uploads import upload_parse

    run_job(job_id, upload_parse)
