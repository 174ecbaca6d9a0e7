"""Reads from the ledger: prefetched querysets and the assembled ledger tree of a plan.

Showing a plan's ledger costs a fixed number of queries whatever its size (tests hold it to that).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django_stubs_ext import WithAnnotations

from .choices import UnitRole
from .errors import PlanNotFound
from .models import Chapter, Measure, MeasureUnit, Plan, Project, ProjectUnit, Target, Unit
from .models_chapter_targets import ChapterTarget
from .work import PlanWork as PlanWork  # the work people did on a plan, counted (see .work)
from .work import plan_work_counts as plan_work_counts

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser


def units_expanded(units: Iterable[Unit]) -> list[Unit]:
    """The units given with every collective replaced by its members, each unit once, in order.

    One query for the members of all the units (none when ``members`` is prefetched). A collective
    whose members are not recorded stands for itself (see :meth:`Unit.expand`).
    """
    given = list(units)
    unprefetched = [unit for unit in given if "members" not in getattr(unit, "_prefetched_objects_cache", {})]
    if unprefetched:
        prefetch_related_objects(unprefetched, Prefetch("members", queryset=Unit.objects.order_by("name")))
    seen: set[int] = set()
    expanded: list[Unit] = []
    for unit in given:
        for member in unit.expand():
            if member.pk not in seen:
                seen.add(member.pk)
                expanded.append(member)
    return expanded


class PlanCounts(TypedDict):
    project_count: int
    measure_count: int


def plan_list() -> QuerySet[WithAnnotations[Plan, PlanCounts]]:
    """All plans, newest issued first, with ``project_count`` and ``measure_count``; documents not loaded."""
    measures = (
        Measure.objects.filter(project__plan=OuterRef("pk"))
        .order_by()
        .values("project__plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Plan.objects.select_related("source")
        .defer("source__content", "source__text", "preamble")
        .annotate(
            project_count=Count("projects", distinct=True, filter=Q(projects__archived_at__isnull=True)),
            measure_count=Coalesce(Subquery(measures, output_field=IntegerField()), 0),
        )
    )


def plan_by_sha256(sha256: str, part: int | None = None) -> Plan | None:
    """The plan imported from the document with this SHA-256 (its ``part``-th plan, if given;
    else the first of the document's plans), if any."""
    plans = Plan.objects.filter(source__sha256=sha256)
    if part is not None:
        plans = plans.filter(source__part=part)
    return plans.order_by("source__part", "pk").first()


def plan_find(ref: str) -> Plan:
    """The plan a person means by ``ref``: its id, its document number, or a fragment of one title.

    Raises :class:`PlanNotFound` when no plan or several plans answer to it.
    """
    ref = ref.strip()
    plans = Plan.objects.defer("preamble")
    if ref.isdigit():
        found = plans.filter(pk=int(ref)).first()
        if found is not None:
            return found
    by_number = list(plans.filter(doc_number=ref)[:2]) if ref else []
    if len(by_number) == 1:
        return by_number[0]
    by_title = list(plans.filter(title__icontains=ref)[:6]) if ref else []
    if len(by_title) == 1:
        return by_title[0]
    if len(by_title) > 1 or len(by_number) > 1:
        candidates = by_number if len(by_number) > 1 else by_title
        names = "; ".join(f"{plan.pk} {plan.title}" for plan in candidates[:5])
        raise PlanNotFound(f"{ref!r} matches several plans ({names}); give the plan id")
    raise PlanNotFound(f"no plan {ref!r}; `reformtrack plans` lists the stored plans")


@dataclass
class MeasureRow:
    """A measure with its units split by role."""

    measure: Measure
    lead_units: list[Unit]
    co_units: list[Unit]


@dataclass
class ProjectNode:
    """A project of the ledger tree with everything shown next to it."""

    project: Project
    lead_units: list[Unit]
    co_units: list[Unit]
    targets: list[Target]
    measures: list[MeasureRow]
    children: list[ProjectNode] = field(default_factory=list)

    def walk(self) -> Iterator[ProjectNode]:
        """This project and its descendants, depth first, in printed order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class ChapterNode:
    """A chapter, its top-level projects and the targets its own text states."""

    chapter: Chapter
    projects: list[ProjectNode]
    targets: list[ChapterTarget] = field(default_factory=list)


@dataclass
class Ledger:
    """The 台账 of one plan: chapters → project tree → measures, units, targets."""

    plan: Plan
    chapters: list[ChapterNode]

    def projects(self) -> Iterator[ProjectNode]:
        """Every project, depth first, in printed order."""
        for chapter in self.chapters:
            for project in chapter.projects:
                yield from project.walk()


def _split_roles(links: list[ProjectUnit] | list[MeasureUnit]) -> tuple[list[Unit], list[Unit]]:
    lead = [link.unit for link in links if link.role == UnitRole.LEAD]
    co = [link.unit for link in links if link.role == UnitRole.CO]
    return lead, co


def plan_ledger(plan: Plan | int) -> Ledger:
    """The ledger tree of a plan in eight queries, whatever the plan's size."""
    plan_id = plan if isinstance(plan, int) else plan.pk
    stored = Plan.objects.select_related("source").defer("source__content", "source__text").get(pk=plan_id)
    chapters = list(
        Chapter.objects.filter(plan_id=plan_id)
        .order_by("position")
        .prefetch_related(Prefetch("targets", queryset=ChapterTarget.objects.order_by("position")))
    )
    projects = list(
        Project.objects.filter(plan_id=plan_id)
        .order_by("position")
        .prefetch_related(
            Prefetch(
                "project_units",
                queryset=ProjectUnit.objects.select_related("unit").order_by("role", "position"),
            ),
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

    nodes: dict[int, ProjectNode] = {}
    roots: dict[int, list[ProjectNode]] = {chapter.pk: [] for chapter in chapters}
    for project in projects:
        lead, co = _split_roles(list(project.project_units.all()))
        node = ProjectNode(
            project=project,
            lead_units=lead,
            co_units=co,
            targets=list(project.targets.all()),
            measures=[
                MeasureRow(measure, *_split_roles(list(measure.measure_units.all())))
                for measure in project.measures.all()
            ],
        )
        nodes[project.pk] = node
        # position is printed order, so a parent is always seen before its children
        if project.parent_id is not None and project.parent_id in nodes:
            nodes[project.parent_id].children.append(node)
        else:
            roots[project.chapter_id].append(node)
    return Ledger(
        plan=stored,
        chapters=[
            ChapterNode(chapter=chapter, projects=roots[chapter.pk], targets=list(chapter.targets.all()))
            for chapter in chapters
        ],
    )


# ---------------------------------------------------------------------------------------------------
# Progress: measures roll up into their project when reported (services.measure_update), and the
# projects of a chapter (level 1, each carrying its sub-items) into the chapter and the plan, by weight.


def weighted_progress(rows: Iterable[tuple[Decimal, int]]) -> float | None:
    """Σ(weight × progress) / Σ weight of (weight, progress) pairs; the plain mean when every weight is 0;
    ``None`` for no rows."""
    pairs = [(Decimal(weight), progress) for weight, progress in rows]
    if not pairs:
        return None
    total = sum((weight for weight, _ in pairs), Decimal(0))
    if total == 0:
        return sum(progress for _, progress in pairs) / len(pairs)
    return float(sum((weight * progress for weight, progress in pairs), Decimal(0)) / total)


@dataclass
class ChapterProgress:
    """A chapter's progress: the weighted mean of its top-level projects' (``None`` without any)."""

    chapter: Chapter
    progress: float | None
    weight: Decimal
    project_count: int


@dataclass
class PlanProgress:
    """A plan's progress and its chapters': the weighted mean over all its top-level projects."""

    plan: Plan
    progress: float | None
    chapters: list[ChapterProgress]


def plan_progress_report(plan: Plan | int, *, within: QuerySet[Project] | None = None) -> PlanProgress:
    """The progress of a plan and of each of its chapters, in three queries whatever the plan's size.

    ``within`` limits the projects counted (``Project.objects.restrict(user)``, a filtered list); by default
    every project of the plan counts.
    """
    plan_id = plan if isinstance(plan, int) else plan.pk
    stored = plan if isinstance(plan, Plan) else Plan.objects.defer("preamble").get(pk=plan_id)
    projects = (within if within is not None else Project.objects.all()).filter(plan_id=plan_id, level=1)
    rows: dict[int, list[tuple[Decimal, int]]] = {}
    for chapter_id, weight, progress in projects.order_by().values_list("chapter_id", "weight", "progress"):
        rows.setdefault(chapter_id, []).append((weight, progress))
    chapters = [
        ChapterProgress(
            chapter=chapter,
            progress=weighted_progress(rows.get(chapter.pk, [])),
            weight=sum((weight for weight, _ in rows.get(chapter.pk, [])), Decimal(0)),
            project_count=len(rows.get(chapter.pk, [])),
        )
        for chapter in Chapter.objects.filter(plan_id=plan_id).order_by("position")
    ]
    every = [row for chapter_rows in rows.values() for row in chapter_rows]
    return PlanProgress(plan=stored, progress=weighted_progress(every), chapters=chapters)


def plan_progress(plan: Plan | int, *, within: QuerySet[Project] | None = None) -> float | None:
    """A plan's progress in percent: the weighted mean of its top-level projects' progress."""
    return plan_progress_report(plan, within=within).progress


def chapter_progress(chapter: Chapter, *, within: QuerySet[Project] | None = None) -> float | None:
    """A chapter's progress in percent: the weighted mean of its top-level projects' progress (one query)."""
    projects = (within if within is not None else Project.objects.all()).filter(chapter=chapter, level=1)
    return weighted_progress(projects.order_by().values_list("weight", "progress"))


@dataclass
class ChapterRollup:
    """A chapter's top-level projects with their weights, and the weighted mean they give:
    ``progress`` = ``weighted_sum`` / ``weight_total`` (the plain mean when every weight is 0)."""

    chapter: Chapter
    projects: list[Project]
    weighted_sum: Decimal
    weight_total: Decimal
    progress: float | None


def chapter_rollup(chapter: Chapter, *, within: QuerySet[Project] | None = None) -> ChapterRollup:
    """The roll-up of a chapter as its page shows it: its top-level projects in printed order
    (one query; ``within`` limits them to what a user may see) and their weighted mean."""
    projects = list(
        (within if within is not None else Project.objects.all())
        .filter(chapter=chapter, level=1)
        .only("pk", "chapter_id", "label", "title", "weight", "progress", "version", "position", "status")
        .order_by("position")
    )
    pairs = [(project.weight, project.progress) for project in projects]
    return ChapterRollup(
        chapter=chapter,
        projects=projects,
        weighted_sum=sum((Decimal(w) * p for w, p in pairs), Decimal(0)),
        weight_total=sum((Decimal(w) for w, _ in pairs), Decimal(0)),
        progress=weighted_progress(pairs),
    )


def project_progress(project: Project) -> float | None:
    """The weighted mean of the project's measures' progress (``None`` without measures).

    The project's own ``progress`` is what is shown and rolled up; reporting a measure sets it to this.
    """
    return weighted_progress(project.measures.order_by().values_list("weight", "progress"))


def project_list(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Project]:
    """The projects the user may see in printed order, with plan, chapter, leader and units loaded:
    three queries for any number of projects."""
    return (
        Project.objects.restrict(user, "view")
        .select_related("plan", "chapter", "leader")
        .defer("plan__preamble", "plan__warnings", "text")
        .prefetch_related(
            Prefetch(
                "project_units",
                queryset=ProjectUnit.objects.select_related("unit").order_by("role", "position"),
            )
        )
        .order_by("plan_id", "position")
    )
