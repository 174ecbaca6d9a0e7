"""Which task runs each kind of job, so that a job can be enqueued again (a retry, or a run whose
worker died) knowing only its row.

The tasks are named by their dotted path and imported when needed: the apps that own the work
import the jobs app, not the other way round. ``settings.JOB_EXTRA_TASKS`` adds kinds (a site's own,
or a test's); every task takes the job's id as its only argument and does its work in
:func:`reformtrack.jobs.services.run_job`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from .choices import JobKind

TASKS: dict[str, str] = {
    JobKind.BULLETIN: "reformtrack.supervision.tasks.generate_bulletin",
    JobKind.LEDGER_EXPORT: "reformtrack.web.tasks.export_ledger",
    JobKind.PLAN_PARSE: "reformtrack.imports.tasks.parse_plan",
}


def task_path(kind: str) -> str | None:
    """The dotted path of the task of ``kind``; ``None`` for a kind nobody registered."""
    extra: dict[str, str] = getattr(settings, "JOB_EXTRA_TASKS", {})
    return extra.get(kind) or TASKS.get(kind)


def task_for(kind: str) -> Any:
    """The task (``django_tasks.Task``) that runs jobs of ``kind``; ``LookupError`` if there is none."""
    path = task_path(kind)
    if path is None:
        raise LookupError(f"no task runs jobs of kind {kind!r}")
    return import_string(path)
