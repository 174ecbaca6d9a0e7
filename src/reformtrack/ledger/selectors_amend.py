"""Reads of the plan amendments: a plan's amendments, a project's changes, the ledger as of a day and
the difference between two days (from django-simple-history's records of the projects)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from .models import Chapter, Measure, Plan, Project, Target, Unit
from .models_amend import Amendment, AmendmentChange, ChangedModel, ChangeKind

# The fields of a project the comparison of two days looks at.
COMPARED = ("label", "title", "deadline", "deadline_text", "status", "progress")


def plan_amendments(plan: Plan) -> QuerySet[Amendment]:
    """The plan's amendments, newest first, each with ``change_count`` (one query)."""
    return (
        Amendment.objects.filter(plan=plan)
        .select_related("created_by", "reverts", "reverted_by")
        .annotate(change_count=Count("changes"))
        .order_by("-number")
    )


def with_unit_names(changes: list[AmendmentChange]) -> list[AmendmentChange]:
    """The changes, each with ``unit_names`` (unit id → name) for the units they name and
    ``chapter_names`` (chapter id → title) for the chapters a project moved between (a query each,
    only when some change names one)."""
    sides = [side for change in changes for side in (change.before, change.after)]
    ids = {pk for side in sides for key in ("lead_units", "co_units") for pk in side.get(key) or []}
    chapter_ids = {side["chapter"] for side in sides if side.get("chapter")}
    moved = any("chapter" in change.after for change in changes if change.kind == ChangeKind.CHANGE)
    names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    chapters = (
        dict(Chapter.all_objects.filter(pk__in=chapter_ids).values_list("pk", "title")) if moved else {}
    )
    for change in changes:
        change.unit_names = names  # type: ignore[attr-defined]
        change.chapter_names = chapters  # type: ignore[attr-defined]
    return changes


def amendment_changes(amendment: Amendment) -> list[AmendmentChange]:
    """The amendment's changes in the order they were made, with unit names (two queries)."""
    return with_unit_names(list(amendment.changes.select_related("project").order_by("position")))


def project_amendment_changes(project: Project, limit: int = 20) -> list[AmendmentChange]:
    """The changes of amendments that concern the project (its own, its measures' and targets'),
    newest first (one query)."""
    return with_unit_names(
        list(
            AmendmentChange.objects.filter(project=project)
            .select_related("amendment")
            .order_by("-amendment__decided_on", "-amendment__number", "-position")[:limit]
        )
    )


def _end_of(day: dt.date) -> dt.datetime:
    """The first moment after ``day`` in the site's time zone."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))


def ledger_as_of(plan: Plan, day: dt.date) -> list[Any]:
    """The plan's live projects as they stood at the end of ``day`` (historical records, in printed
    order; ``chapter_title`` set on each). Two queries."""
    end = _end_of(day)
    rows = [
        row
        for row in Project.history.filter(plan_id=plan.pk, history_date__lt=end).latest_of_each()
        if row.history_type != "-" and row.archived_at is None
    ]
    rows.sort(key=lambda row: row.position)
    chapters = dict(Chapter.all_objects.filter(plan=plan).values_list("pk", "title"))
    for row in rows:
        row.chapter_title = chapters.get(row.chapter_id, "")
    return rows


@dataclass
class Difference:
    """What changed in a plan's ledger between two days."""

    added: list[Any] = field(default_factory=list)
    dropped: list[Any] = field(default_factory=list)
    # (the row then, the row later, the names of the fields that differ)
    changed: list[tuple[Any, Any, list[str]]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.dropped or self.changed)


def ledger_difference(plan: Plan, first: dt.date, second: dt.date) -> Difference:
    """The projects added, dropped and changed between the end of ``first`` and of ``second``."""
    then = {row.id: row for row in ledger_as_of(plan, first)}
    later = {row.id: row for row in ledger_as_of(plan, second)}
    difference = Difference(
        added=[row for pk, row in later.items() if pk not in then],
        dropped=[row for pk, row in then.items() if pk not in later],
    )
    for pk, row in later.items():
        before = then.get(pk)
        if before is not None:
            fields = [name for name in COMPARED if getattr(before, name) != getattr(row, name)]
            if fields:
                difference.changed.append((before, row, fields))
    return difference


def amendment_marks(project_ids: list[int]) -> dict[int, list[AmendmentChange]]:
    """The amendment changes of each project (added, changed, restored), oldest first (one query):
    the roadmap marks them on the projects' rows."""
    marks: dict[int, list[AmendmentChange]] = {}
    changes = (
        AmendmentChange.objects.filter(
            project_id__in=project_ids,
            model=ChangedModel.PROJECT,
            kind__in=[ChangeKind.ADD, ChangeKind.CHANGE, ChangeKind.RESTORE],
        )
        .select_related("amendment")
        .order_by("amendment__decided_on", "amendment__number", "position")
    )
    for change in changes:
        if change.project_id is not None:
            marks.setdefault(change.project_id, []).append(change)
    return marks


def dropped_projects(plan_ids: list[int]) -> list[AmendmentChange]:
    """The drops of projects still dropped in these plans, by amendments not reverted (one query)."""
    return list(
        AmendmentChange.objects.filter(
            amendment__plan_id__in=plan_ids,
            amendment__reverted_at__isnull=True,
            model=ChangedModel.PROJECT,
            kind=ChangeKind.DROP,
            project__archived_at__isnull=False,
        )
        .select_related("amendment", "project")
        .order_by("amendment__decided_on", "position")
    )


def amendment_outline(plan: Plan) -> list[Chapter]:
    """The plan's live chapters in order, each with ``outline`` (its live projects in printed order,
    with their live measures and targets): what an amendment can change. Four queries."""
    chapters = list(Chapter.objects.filter(plan=plan).order_by("position"))
    projects = (
        Project.objects.filter(plan=plan)
        .only("pk", "chapter_id", "parent_id", "level", "label", "title", "position", "deadline")
        .order_by("position")
        .prefetch_related(
            Prefetch(
                "measures", queryset=Measure.objects.order_by("position").only("pk", "project_id", "text")
            ),
            Prefetch(
                "targets", queryset=Target.objects.order_by("position").only("pk", "project_id", "text")
            ),
        )
    )
    by_chapter: dict[int, list[Project]] = {}
    for project in projects:
        by_chapter.setdefault(project.chapter_id, []).append(project)
    for chapter in chapters:
        chapter.outline = by_chapter.get(chapter.pk, [])  # type: ignore[attr-defined]
    return chapters


def open_amendment(plan_id: int) -> Amendment | None:
    """The plan's latest amendment that is not reverted (it still takes changes), if any (one query)."""
    return Amendment.objects.filter(plan_id=plan_id, reverted_at__isnull=True).order_by("-number").first()
