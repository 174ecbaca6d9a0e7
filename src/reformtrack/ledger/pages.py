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

from .library_export import split_units, units_prefetch
from .models import Project, ProjectTag
from .overdue import project_is_overdue

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from .models import Unit


def today() -> dt.date:
    return timezone.localdate()


def with_units(projects: QuerySet[Project], *, text: bool = False) -> QuerySet[Project]:
    """Projects ready for a list row: plan, chapter, leader and units in a fixed number of queries;
    the project's text only with ``text`` (the search's snippets), it is most of a row's bytes."""
    deferred = (
        ("plan__preamble", "plan__warnings", "chapter__text")
        if text
        else ("text", "plan__preamble", "plan__warnings", "chapter__text")
    )
    return (
        projects.select_related("plan", "chapter", "leader")
        .defer(*deferred)
        .prefetch_related(units_prefetch())
    )


def with_tag_badges(projects: Iterable[Project]) -> list[Project]:
    """The projects, each with ``tag_badges``: its tags in use as (name, colour) pairs by name.

    One query of plain values for a page of rows: a prefetch of the tags as model instances cost
    three times as long at city scale, for a badge that needs two strings.
    """
    shown = list(projects)
    badges: dict[int, list[tuple[str, str]]] = {project.pk: [] for project in shown}
    links = (
        ProjectTag.objects.filter(project_id__in=list(badges), tag__archived=False)
        .order_by("tag__name")
        .values_list("project_id", "tag__name", "tag__colour")
    )
    for project_id, name, colour in links:
        badges[project_id].append((name, colour))
    for project in shown:
        project.tag_badges = badges[project.pk]  # type: ignore[attr-defined]
    return shown


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
        result.append(Row(project, lead, co, project_is_overdue(project, day)))
    return result


def visible_project(request: HttpRequest, pk: int, queryset: QuerySet[Project] | None = None) -> Project:
    """The project if the user may see it; a 404 otherwise, the same as for one that does not exist."""
    base = Project.objects.restrict(request.user, "view") if queryset is None else queryset
    project = base.filter(pk=pk).first()
    if project is None:
        raise Http404("no such project")
    return project
