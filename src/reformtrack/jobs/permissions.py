"""Who may see a background job: its owner, and the coordinating office, which runs the programme.

Anybody else is answered 404, as if the job did not exist. Lists of jobs take the rule through
``Job.objects.restrict(user, "view")`` (:mod:`reformtrack.core.restrict`), registered here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from reformtrack.accounts.choices import Role
from reformtrack.accounts.permissions import role_of
from reformtrack.core.restrict import restriction

from .models import Job

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser


@restriction(Job, "view")
def _view_jobs(jobs: QuerySet[Job], user: AnyUser) -> QuerySet[Job]:
    """``Job.objects.restrict(user, "view")``: every job for the coordinating office, else the user's own."""
    role = role_of(user)
    if role == Role.OFFICE:
        return jobs.all()
    if role is None:
        return jobs.none()
    return jobs.filter(owner_id=user.pk)
