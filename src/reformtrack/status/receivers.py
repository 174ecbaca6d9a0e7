"""The status app's answers to the ledger's signals (:mod:`reformtrack.ledger.signals`) and to a
reviewed report (:mod:`reformtrack.reporting.signals`), connected in
:meth:`StatusConfig.ready <reformtrack.status.apps.StatusConfig.ready>`: a project changed in what
its light depends on is judged again at once, and an imported plan gets its first lights, so that
no page shows it as not assessed until the next scheduled run."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from .choices import LightCause
from .services import lights_recompute, project_light_refresh

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan, Project


def judge_changed_project(sender: Any, *, project: Project, by: User, **kwargs: Any) -> None:
    """A ledger edit of the project's progress, status, deadline, a measure or a milestone."""
    project_light_refresh(project=project, by=by, cause=LightCause.EDIT)


def judge_reviewed_report(sender: Any, *, project: Project, by: User, accepted: bool, **kwargs: Any) -> None:
    """A progress report accepted (its progress now the project's) or returned (it counts against)."""
    cause = LightCause.REPORT_ACCEPTED if accepted else LightCause.REPORT_RETURNED
    project_light_refresh(project=project, by=by, cause=cause)


def judge_updated_plan(sender: Any, *, plan: Plan, by: User | None, **kwargs: Any) -> None:
    """Many projects of a plan changed at once (a ledger's progress update): the plan judged once."""
    lights_recompute(plans=[plan], today=timezone.localdate(), by=by, cause=LightCause.EDIT)


def judge_imported_plan(sender: Any, *, plan: Plan, by: User | None, **kwargs: Any) -> None:
    """A plan just imported (inside the import's transaction)."""
    lights_recompute(plans=[plan], today=timezone.localdate(), by=by, cause=LightCause.IMPORT)
