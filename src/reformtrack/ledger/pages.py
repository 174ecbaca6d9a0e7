"""What the ledger's pages share with the staff pages built on them (:mod:`reformtrack.web`): the
signed-in user, today, the visible project or a 404, and project rows ready for a list.

The pages call :func:`today` through this module (``pages.today()``), so a test that fixes the
date replaces it here once for every page and for the rows' overdue flags.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest
from django.utils import timezone

from .choices import ProjectStatus
from .library_export import split_units, units_prefetch
from .models import Project

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from .models import Unit


def today() -> dt.date:
    return timezone.localdate()


def with_units(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Projects ready for a list row: plan, chapter, leader and units in a fixed number of queries."""
    return (
        projects.select_related("plan", "chapter", "leader")
        .defer("text", "plan__preamble", "plan__warnings", "chapter__text")
        .prefetch_related(units_prefetch())
    )


@dataclass
class Row:
    """A project of a list with its units split by role (the template cannot filter a prefetch)."""

    project: Project
    lead_units: list[Unit]
    co_units: list[Unit]
    overdue: bool = False


def rows(projects: Iterable[Project]) -> list[Row]:
    """The list rows of ``projects`` (units prefetched by :func:`with_units`), overdue ones flagged."""
    day = today()
    result = []
    for project in projects:
        lead, co = split_units(project)
        overdue = (
            project.deadline is not None
            and project.deadline < day
            and project.status != ProjectStatus.COMPLETED
        )
        result.append(Row(project, lead, co, overdue))
    return result


def visible_project(request: HttpRequest, pk: int, queryset: QuerySet[Project] | None = None) -> Project:
    """The project if the user may see it; a 404 otherwise, the same as for one that does not exist."""
    base = Project.objects.restrict(request.user, "view") if queryset is None else queryset
    project = base.filter(pk=pk).first()
    if project is None:
        raise Http404("no such project")
    return project
