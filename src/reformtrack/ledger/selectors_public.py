"""What the public portal and the anonymous API may read of the ledger: published plans and, in
them, the live projects marked public. The one place that decides it (the staff's rules are
ledger/permissions.py's); nothing here depends on who asks."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Plan, Project


def published_plans() -> QuerySet[Plan]:
    """The plans the office has published, newest first."""
    return Plan.objects.filter(published_at__isnull=False)


def public_projects() -> QuerySet[Project]:
    """The live projects marked public of published plans."""
    return Project.objects.filter(public=True, plan__published_at__isnull=False)


def is_public(project: Project) -> bool:
    """Whether ``project`` is on the portal (its plan published, itself marked public, not archived)."""
    return public_projects().filter(pk=project.pk).exists()
