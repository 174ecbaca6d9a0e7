"""Who may see a background job: its owner, and the coordinating office, which runs the programme.

Anybody else is answered 404, as if the job did not exist.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from reformtrack.accounts.choices import Role
from reformtrack.accounts.permissions import role_of

from .models import Job

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser


def visible_jobs(user: AnyUser) -> QuerySet[Job]:
    """The jobs the user may see: every job for the coordinating office, else the user's own."""
    role = role_of(user)
    if role == Role.OFFICE:
        return Job.objects.all()
    if role is None:
        return Job.objects.none()
    return Job.objects.filter(owner_id=user.pk)
