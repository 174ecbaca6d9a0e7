"""What the evaluation app does when the ledger announces a change (:mod:`reformtrack.ledger.signals`)."""

from __future__ import annotations

from typing import Any

from reformtrack.ledger.models import Project

from .services import evaluation_open_on_completion


def open_on_completion(sender: type[Project], *, project: Project, by: Any = None, **kwargs: Any) -> None:
    """A project that has just completed gets its post-implementation evaluation."""
    evaluation_open_on_completion(project=project, by=by)
