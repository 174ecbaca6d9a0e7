"""Background tasks of supervision (Django's Tasks API): a bulletin's generation as a job."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_tasks import task

from reformtrack.jobs.errors import JobError
from reformtrack.jobs.models import Job
from reformtrack.jobs.services import JobResult, run_job


@task()
def generate_bulletin(job_id: int) -> None:
    """Gather the sections of the bulletin named in the job's parameters; progress one per section."""

    def work(job: Job) -> JobResult | None:
        from .models import Bulletin
        from .services import bulletin_generate

        bulletin = Bulletin.objects.get(pk=job.params["bulletin_id"])
        if bulletin.job_id != job.pk:
            # a retry of an old job must not gather over a later one (or over the draft's edits)
            raise JobError(_("This bulletin has been gathered by a later job; this one is not run again."))
        bulletin_generate(bulletin=bulletin, job=job)
        return None

    run_job(job_id, work)
