"""What the evaluation app does when the apps below announce a change: a project that has just
completed gets its post-implementation evaluation, whether the office marked it completed
(the ledger's ``project_changed``) or accepted a report that finished it (reporting's
``report_reviewed``, as the acceptance does not announce its edit)."""

from __future__ import annotations

from typing import Any

from reformtrack.ledger.models import Project

from .services import evaluation_open_on_completion


def open_on_completion(sender: type[Project], *, project: Project, by: Any = None, **kwargs: Any) -> None:
    """A project changed: open its evaluation if it is now completed."""
    evaluation_open_on_completion(project=project, by=by)


def open_on_accepted_report(
    sender: type, *, project: Project, by: Any = None, accepted: bool = False, **kwargs: Any
) -> None:
    """A report was reviewed: open the project's evaluation if the acceptance completed it."""
    if accepted:
        evaluation_open_on_completion(project=project, by=by)
