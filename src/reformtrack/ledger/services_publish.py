"""The public portal's two explicit publish steps: a plan, then each of its projects.

Only the coordinating office publishes. A plan's projects are not public until marked so, one by
one or all at once when the plan is published; withdrawing a plan hides all of it at once while the
projects keep their marks, so publishing it again shows the same projects. Each step writes the
history (who, when) and nothing else: no delete, no cascade.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from reformtrack.accounts.permissions import can_manage_programme

from .models import Plan, Project
from .services_base import _record_history, _require

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def plan_publish(*, by: User, plan: Plan, all_projects: bool = False) -> Plan:
    """Publish ``plan`` on the portal; with ``all_projects`` every live project of it is made public too."""
    _require(can_manage_programme(by))
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.published_at is None:
        plan.published_at, plan.published_by = timezone.now(), by
        plan._history_user = by  # type: ignore[attr-defined]
        plan._change_reason = "published"  # type: ignore[attr-defined]
        plan.save(update_fields=["published_at", "published_by"])
    if all_projects:
        projects_set_public(by=by, projects=Project.objects.filter(plan=plan, public=False), public=True)
    return plan


@transaction.atomic
def plan_unpublish(*, by: User, plan: Plan) -> Plan:
    """Withdraw ``plan`` from the portal (its projects keep their marks for the next publication)."""
    _require(can_manage_programme(by))
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.published_at is not None:
        plan.published_at, plan.published_by = None, None
        plan._history_user = by  # type: ignore[attr-defined]
        plan._change_reason = "withdrawn from the portal"  # type: ignore[attr-defined]
        plan.save(update_fields=["published_at", "published_by"])
    return plan


@transaction.atomic
def projects_set_public(*, by: User, projects: Iterable[Project], public: bool) -> int:
    """Mark ``projects`` public (or not); the number changed. One history row per changed project."""
    _require(can_manage_programme(by))
    ids = [project.pk for project in projects]
    changed = list(Project.objects.filter(pk__in=ids).exclude(public=public).order_by("pk"))
    if not changed:
        return 0
    Project.objects.filter(pk__in=[project.pk for project in changed]).update(public=public)
    for project in changed:
        project.public = public
        _record_history(project, by, "made public" if public else "made internal")
    return len(changed)
