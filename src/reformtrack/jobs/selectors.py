"""Reads of the jobs app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import Job

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser


def job_of(user: AnyUser, pk: int, *, with_result: bool = False) -> Job | None:
    """The job ``pk`` if the user may see it, else ``None``; the result bytes only when asked for."""
    jobs = Job.objects.restrict(user, "view")
    if not with_result:
        jobs = jobs.defer("result")
    return jobs.filter(pk=pk).first()
