"""The project library as a workbook: the projects a user sees, the library's filters applied, one
row per measure as in ``reformtrack export`` with the plan in front and the leader, status,
progress and light after. The page's download and the background job both write it from here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet
from django.http import QueryDict
from django.utils import timezone

from reformtrack.core.history import person_name
from reformtrack.core.spreadsheet import Percent, SpreadsheetWriter

from .choices import Light, ProjectStatus, UnitRole
from .export import LEDGER_COLUMNS, ledger_rows
from .filtersets import ProjectFilterSet
from .models import Measure, MeasureUnit, Project, ProjectUnit, Target, Unit
from .selectors import ChapterNode, Ledger, MeasureRow, ProjectNode

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser


EXPORT_CHUNK = 500  # projects per query of the export (their measures are prefetched per chunk)


EXPORT_EXTRA = [("方案", 36), ("区领导", 14), ("状态", 10), ("进度", 8), ("状态灯", 10)]


def units_prefetch() -> Prefetch[Any]:
    return Prefetch(
        "project_units",
        queryset=ProjectUnit.objects.select_related("unit")
        .only("pk", "project_id", "role", "position", "unit__id", "unit__name")
        .order_by("role", "position"),
    )


def split_units(project: Project) -> tuple[list[Unit], list[Unit]]:
    links = list(project.project_units.all())
    return (
        [link.unit for link in links if link.role == UnitRole.LEAD],
        [link.unit for link in links if link.role == UnitRole.CO],
    )


def split_measure_units(measure: Measure) -> tuple[list[Unit], list[Unit]]:
    links = list(measure.measure_units.all())
    return (
        [link.unit for link in links if link.role == UnitRole.LEAD],
        [link.unit for link in links if link.role == UnitRole.CO],
    )


def export_filename() -> str:
    """台账-2014-09-01.xlsx."""
    return f"台账-{timezone.localdate().isoformat()}.xlsx"


def export_projects(filterset: ProjectFilterSet) -> QuerySet[Project]:
    """The filtered projects with everything an export row shows prefetched, in the list's order."""
    projects = (
        filterset.qs.select_related("plan", "chapter", "leader")
        .defer("plan__preamble", "plan__warnings", "chapter__text")
        .prefetch_related(
            units_prefetch(),
            Prefetch("targets", queryset=Target.objects.order_by("position")),
            Prefetch(
                "measures",
                queryset=Measure.objects.order_by("position").prefetch_related(
                    Prefetch(
                        "measure_units",
                        queryset=MeasureUnit.objects.select_related("unit").order_by("role", "position"),
                    )
                ),
            ),
        )
    )
    if not filterset.form.is_bound or not filterset.form.cleaned_data.get("sort"):
        projects = projects.order_by("plan_id", "position", "pk")
    return projects


def write_export(
    projects: QuerySet[Project], out: IO[bytes], *, progress: Callable[[int], None] | None = None
) -> None:
    """Write the workbook of ``projects`` to ``out``; ``progress(projects done)`` after every chunk."""
    book = SpreadsheetWriter()
    sheet = book.add_sheet("台账", [EXPORT_EXTRA[0], *LEDGER_COLUMNS, *EXPORT_EXTRA[1:]])
    statuses = dict(ProjectStatus.choices)
    lights = dict(Light.choices)
    for done, project in enumerate(projects.iterator(chunk_size=EXPORT_CHUNK), 1):
        lead, co = split_units(project)
        node = ProjectNode(
            project=project,
            lead_units=lead,
            co_units=co,
            targets=list(project.targets.all()),
            measures=[
                MeasureRow(measure, *split_measure_units(measure)) for measure in project.measures.all()
            ],
        )
        single = Ledger(plan=project.plan, chapters=[ChapterNode(chapter=project.chapter, projects=[node])])
        leader = person_name(project.leader) if project.leader else ""
        for row in ledger_rows(single):
            sheet.append(
                [
                    project.plan.title,
                    *row,
                    leader,
                    str(statuses.get(project.status, project.status)),
                    Percent(project.progress),
                    str(lights.get(project.light, project.light)),
                ]
            )
        if progress is not None and done % EXPORT_CHUNK == 0:
            progress(done)
    book.save(out)


def library_filterset(user: AnyUser, query: str) -> ProjectFilterSet:
    """The library's filters of the query string ``query`` over the projects ``user`` sees: what
    the page shows them, for a job that runs without their request."""
    return ProjectFilterSet(
        QueryDict(query) or None, queryset=Project.objects.restrict(user, "view"), user=user
    )
