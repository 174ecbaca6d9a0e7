"""What overdue means, in one place: the dashboard's card, my work, the lists' flags, the roadmap,
the project page, the bulletins and the accountability records all count with these.

A project is overdue when its deadline has passed and its work is open: not completed (by status or
at 100 %) and not suspended. These are the cases where the status engine gives a project its red
``overdue`` reason (status/engine.py: a completed project is green, a suspended one is not judged),
so the number of overdue projects is the number of lights red for being overdue.

A measure is overdue when its deadline (its project's when it has none) has passed, it is below
100 %, and its project is open as above. Measures are counted apart from projects and labelled so:
one late project of five measures is one overdue project and up to five overdue measures.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q

from .choices import ProjectStatus

if TYPE_CHECKING:
    from .models import Measure, Project

# The statuses whose work is not open: never overdue.
CLOSED = (ProjectStatus.COMPLETED, ProjectStatus.SUSPENDED)


def open_work(prefix: str = "") -> Q:
    """Projects still being worked on (``prefix`` ``"project__"`` from a measure)."""
    return ~Q(**{f"{prefix}status__in": CLOSED}) & Q(**{f"{prefix}progress__lt": 100})


def overdue_projects(today: dt.date, prefix: str = "") -> Q:
    """The filter of overdue projects on ``today`` (``prefix`` ``"project__"`` from a link to one)."""
    return Q(**{f"{prefix}deadline__lt": today}) & open_work(prefix)


def overdue_measures(today: dt.date) -> Q:
    """The filter of overdue measures on ``today`` (a measure without a deadline takes its project's)."""
    own = Q(deadline__lt=today)
    inherited = Q(deadline__isnull=True, project__deadline__lt=today)
    return (own | inherited) & Q(progress__lt=100) & open_work("project__")


def project_is_overdue(project: Project, today: dt.date) -> bool:
    """The one project's answer to :func:`overdue_projects` (for a page that has it in hand)."""
    return (
        project.deadline is not None
        and project.deadline < today
        and project.status not in CLOSED
        and project.progress < 100
    )


def measure_is_overdue(measure: Measure, project: Project, today: dt.date) -> bool:
    """The one measure's answer to :func:`overdue_measures`."""
    deadline = measure.deadline or project.deadline
    return (
        deadline is not None
        and deadline < today
        and measure.progress < 100
        and project.status not in CLOSED
        and project.progress < 100
    )
