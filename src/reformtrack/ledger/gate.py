"""The start gate of a project held by its social stability risk assessment (社会稳定风险评估).

The risk app (above the ledger) sets and clears :attr:`~.models.Project.start_held` through its
services; the ledger and the apps on it cannot import the risk app, so they ask this one guard in
every entry that starts a project or moves its progress: the ledger's project and measure updates
and progress spreadsheet, target values, the reports (start, save, submit, accept), the report drafts
from a ledger, the progress import wizard and the command line. No page, import, spreadsheet or API
passes it, since they all go through these services.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .choices import ProjectStatus
from .errors import StartHeld

if TYPE_CHECKING:
    from .models import Project

__all__ = ["STARTED", "ensure_may_start", "starts"]

# The statuses that say work has begun.
STARTED = frozenset({ProjectStatus.IN_PROGRESS, ProjectStatus.COMPLETED})


def ensure_may_start(project: Project) -> None:
    """Raise :class:`StartHeld` when ``project`` is held from starting, as stored now.

    Read afresh from the database, so a form opened before the hold cannot pass it.
    """
    from .models import Project

    if Project.all_objects.filter(pk=project.pk, start_held=True).exists():
        raise StartHeld(project)


def starts(*, status: str | None = None, progress: int | None = None) -> bool:
    """Does a change to this status or progress start (or move) a project?"""
    return (status is not None and status in STARTED) or (progress is not None and progress > 0)
