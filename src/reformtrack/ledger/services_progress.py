"""A ledger's progress update (``reformtrack import --progress PLAN LEDGER.xlsx``): the office's act.

:func:`progress_preview` matches the rows read by :mod:`reformtrack.ingest.sheet_progress` to the
plan's projects and measures and says, per row, what would change or why it cannot; nothing is
written. :func:`plan_progress_update` writes it all in one transaction, or nothing when any row has
a problem.

Why not :func:`.services.project_update`/:func:`.services.measure_update` row by row: a 5,000-row
ledger would judge the lights and roll progress up 5,000 times. The same checks run here (the
office's right, 0–100, a known status), the rows are written in a few bulk statements with a new
version and a history row per project and measure (the office as the user, the file as the
reason), and the plan's lights are judged once (:data:`.signals.plan_progress_updated`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from django.db import transaction
from django.db.models import F

from reformtrack.accounts.permissions import can_manage_programme
from reformtrack.ingest.sheet_plan import LedgerRowsRefused, RowProblem
from reformtrack.ingest.sheet_progress import ProgressRow
from reformtrack.ingest.structure import match_label

from .choices import ProjectStatus
from .errors import StartHeld
from .gate import starts
from .models import Measure, Plan, Project
from .render import chapter_heading
from .selectors import weighted_progress
from .services_base import _reason, _require
from .signals import plan_progress_updated

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = ["ProgressChange", "ProgressPreview", "plan_progress_update", "progress_preview"]

_SPACE_RE = re.compile(r"\s+")
_K = TypeVar("_K")


@dataclass
class ProgressChange:
    """What one row sets on a project (and on one of its measures): None where it sets nothing."""

    row: int
    project: Project
    measure: Measure | None
    progress: int | None
    status: str | None
    note: str


@dataclass
class ProgressPreview:
    """The changes the rows make and the rows that cannot be applied."""

    changes: list[ProgressChange] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def _key(text: str) -> str:
    return _SPACE_RE.sub("", text)


class _Index:
    """The plan's projects by label and title, title alone, and (chapter, label); measures by text."""

    def __init__(self, plan: Plan) -> None:
        projects = list(Project.objects.filter(plan=plan).select_related("chapter").order_by("position"))
        self.full: dict[str, list[Project]] = {}
        self.title: dict[str, list[Project]] = {}
        for project in projects:
            project._loaded = (project.progress, project.status, project.progress_note)  # type: ignore[attr-defined]
            self.full.setdefault(_key(f"{project.label}{project.title}"), []).append(project)
            self.title.setdefault(_key(project.title), []).append(project)
        self.measures: dict[tuple[int, str], Measure] = {}
        for measure in Measure.objects.filter(project__plan=plan).order_by("project_id", "position"):
            measure._loaded_progress = measure.progress  # type: ignore[attr-defined]
            self.measures.setdefault((measure.project_id, _key(measure.text)), measure)

    def project(self, row: ProgressRow) -> Project | None:
        found = self.full.get(_key(row.project))
        if not found:
            label = match_label(row.project)
            title = row.project[label.end :] if label else row.project
            found = self.title.get(_key(title), [])
        if len(found) > 1 and row.chapter:
            chapter = _key(row.chapter)
            found = [
                p
                for p in found
                if chapter
                in (_key(chapter_heading(p.chapter.number, p.chapter.title)), _key(p.chapter.title))
            ]
        return found[0] if len(found) == 1 else None


def _chapter_keys(project: Project) -> tuple[str, str]:
    chapter = project.chapter
    return _key(chapter_heading(chapter.number, chapter.title)), _key(chapter.title)


def _problem(row: int, code: str, what: str, value: str) -> RowProblem:
    return RowProblem(row, code, f"{what} {value[:40]!r}", value)


def progress_preview(*, plan: Plan, rows: list[ProgressRow]) -> ProgressPreview:
    """Match each row to a project (label and title, else title; the chapter tells apart projects of
    one name) and a measure (its text); an unknown project or measure is a row's problem."""
    index = _Index(plan)
    preview = ProgressPreview()
    for row in rows:
        project = index.project(row)
        if project is None:
            preview.problems.append(
                RowProblem(row.row, "unknown_project", f"unknown project {row.project!r}", row.project)
            )
            continue
        measure = None
        if row.measure:
            measure = index.measures.get((project.pk, _key(row.measure)))
            if measure is None:
                preview.problems.append(
                    RowProblem(
                        row.row, "unknown_measure", f"unknown measure {row.measure[:40]!r}", row.measure
                    )
                )
                continue
        if row.status is not None and row.status not in ProjectStatus.values:
            preview.problems.append(
                RowProblem(row.row, "value", f"unknown status {row.status!r}", row.status)
            )
            continue
        preview.changes.append(ProgressChange(row.row, project, measure, row.percent, row.status, row.note))
    return preview


@transaction.atomic
def plan_progress_update(*, plan: Plan, rows: list[ProgressRow], by: User, source: str) -> ProgressPreview:
    """Apply a ledger's progress update to ``plan`` as the coordinating office, all or nothing.

    A row's percentage goes to its measure (the project's progress then rolls up from its measures)
    or, without a measure, to its project; its status and 进展情况 to its project. Every changed
    project gets a new version and a history row, every changed measure a history row, both by
    ``by`` with ``source`` (the file's name) in the reason. Raises ``PermissionDenied`` unless ``by``
    is the coordinating office, :class:`LedgerRowsRefused` (nothing written) when a row cannot be
    applied, :class:`~.errors.StartHeld` (nothing written) when a row would start or move a project
    held by its risk assessment (:mod:`.gate`). Returns the preview that was applied.
    """
    _require(can_manage_programme(by))
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    preview = progress_preview(plan=plan, rows=rows)
    if preview.problems:
        raise LedgerRowsRefused(source, preview.problems)
    reason = _reason(f"progress update from {source}")
    projects = _apply_measures(preview.changes, by, reason)
    for change in preview.changes:
        project = projects.setdefault(change.project.pk, change.project)
        if change.measure is None and change.progress is not None:
            project.progress = change.progress
        if change.status is not None:
            project.status = change.status
        if change.note:
            project.progress_note = change.note
    changed = [p for p in projects.values() if _differs(p)]
    for project in changed:  # the risk gate (ledger/gate.py), on the rows as loaded in this transaction
        if project.start_held and starts(status=project.status, progress=project.progress):
            raise StartHeld(project)
    # One UPDATE per distinct set of values, not bulk_update's CASE per row: a ledger repeats a
    # handful of statuses and percentages over thousands of rows.
    groups: dict[tuple[int, str, str], list[int]] = {}
    for project in changed:
        groups.setdefault((project.progress, project.status, project.progress_note), []).append(project.pk)
        project.version += 1
    for (progress, status, note), ids in _chunks(groups):
        Project.objects.filter(pk__in=ids).update(
            progress=progress, status=status, progress_note=note, version=F("version") + 1
        )
    Project.history.bulk_history_create(changed, update=True, default_user=by, default_change_reason=reason)
    if changed:
        plan_progress_updated.send(sender=Plan, plan=plan, by=by)
    return preview


def _apply_measures(changes: list[ProgressChange], by: User, reason: str) -> dict[int, Project]:
    """Write the measures' new progress; returns the projects whose progress rolled up anew."""
    measures: dict[int, Measure] = {}
    for change in changes:
        if change.measure is not None and change.progress is not None:
            measure = measures.setdefault(change.measure.pk, change.measure)
            measure.progress = change.progress
    moved = [m for m in measures.values() if m.progress != _stored_progress(m)]
    by_value: dict[int, list[int]] = {}
    for measure in moved:
        by_value.setdefault(measure.progress, []).append(measure.pk)
    for progress, ids in _chunks(by_value):
        Measure.objects.filter(pk__in=ids).update(progress=progress)
    Measure.history.bulk_history_create(moved, update=True, default_user=by, default_change_reason=reason)
    projects: dict[int, Project] = {}
    touched = {m.project_id for m in moved}
    rows = Measure.objects.filter(project_id__in=touched).values_list("project_id", "weight", "progress")
    by_project: dict[int, list[tuple[object, int]]] = {}
    for project_id, weight, progress in rows:
        by_project.setdefault(project_id, []).append((weight, progress))
    for change in changes:
        if change.project.pk in by_project and change.project.pk not in projects:
            rolled = weighted_progress(by_project[change.project.pk])  # type: ignore[arg-type]
            if rolled is not None:
                change.project.progress = round(rolled)
            projects[change.project.pk] = change.project
    return projects


def _chunks(groups: dict[_K, list[int]]) -> Iterator[tuple[_K, list[int]]]:
    """Each group's ids in slices SQLite's variable limit takes (999 on older builds)."""
    for key, ids in groups.items():
        for start in range(0, len(ids), 900):
            yield key, ids[start : start + 900]


def _stored_progress(measure: Measure) -> int | None:
    return getattr(measure, "_loaded_progress", None)


def _differs(project: Project) -> bool:
    loaded = getattr(project, "_loaded", None)
    return loaded != (project.progress, project.status, project.progress_note)
