"""What the public portal reads, in a few queries whatever the number of plans and projects.

Every read starts from an app's public selector (ledger/selectors_public.py for plans and projects,
and the ``published_…`` selectors of supervision, cases, appraisal and award): this module decides
nothing about what is public, it only shapes what those selectors give for the pages. Nothing here
depends on who asks; the pages are the same for a citizen and for staff.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum

from reformtrack.appraisal.selectors import published_results, published_runs
from reformtrack.award.selectors import announced_winners, open_public_votes
from reformtrack.cases.selectors import published_cases
from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.models import Chapter, Milestone, ProjectUnit, Target, TargetValue
from reformtrack.ledger.selectors_public import public_projects, published_plans
from reformtrack.reporting.selectors import approved_public_summary
from reformtrack.supervision.selectors import published_bulletins

if TYPE_CHECKING:
    from reformtrack.appraisal.models import Result, Run
    from reformtrack.award.models import AwardCall, Nomination
    from reformtrack.cases.models import Case
    from reformtrack.ledger.models import Measure, Plan, Project
    from reformtrack.reporting.models import ProgressReport
    from reformtrack.supervision.models import Bulletin

# The home page lists this many of each kind and links to the full list when there are more.
HANDFUL = 5
# A plan's progress is the weighted mean of its top-level public projects (as the ledger's roll-up).
TOP_LEVEL = Q(level=1)
T = TypeVar("T")


@dataclass
class PlanRow:
    """A published plan with its public projects' count and progress (weighted, top level)."""

    plan: Plan
    project_count: int
    progress: float | None


@dataclass
class Section(Generic[T]):
    """The first few of a kind for the home page and whether there are more than those."""

    items: list[T]
    more: bool


@dataclass
class Home:
    """Everything the home page shows."""

    plans: list[PlanRow]
    bulletins: Section[Bulletin]
    cases: Section[Case]
    runs: list[Run]
    winners: list[Nomination]
    votes: list[AwardCall]  # calls whose public vote is open today


def _progress(weighted: Decimal | None, weights: Decimal | None, plain: float | None) -> float | None:
    """Σ(weight × progress) / Σ weight; the plain mean when every weight is 0 (as ledger's roll-up)."""
    if weights:
        return float(Decimal(weighted or 0) / Decimal(weights))
    return None if plain is None else float(plain)


def plan_rows() -> list[PlanRow]:
    """The published plans with their public projects counted and rolled up (two queries)."""
    plans = list(published_plans().only("pk", "title", "doc_number", "issued", "period_start", "period_end"))
    counts = {
        row["plan_id"]: row
        for row in public_projects()
        .filter(plan__in=[plan.pk for plan in plans])
        .order_by()
        .values("plan_id")
        .annotate(
            n=Count("pk"),
            weighted=Sum(F("weight") * F("progress"), filter=TOP_LEVEL),
            weights=Sum("weight", filter=TOP_LEVEL),
            plain_sum=Sum("progress", filter=TOP_LEVEL),
            plain_n=Count("pk", filter=TOP_LEVEL),
        )
    }
    rows = []
    for plan in plans:
        found = counts.get(plan.pk)
        if found is None:
            rows.append(PlanRow(plan, 0, None))
            continue
        plain = found["plain_sum"] / found["plain_n"] if found["plain_n"] else None
        rows.append(PlanRow(plan, found["n"], _progress(found["weighted"], found["weights"], plain)))
    return rows


def _section(items: QuerySet[T]) -> Section[T]:  # type: ignore[type-var]
    found = list(items[: HANDFUL + 1])
    return Section(found[:HANDFUL], len(found) > HANDFUL)


def home() -> Home:
    """The home page: plans, the latest bulletins and cases, published appraisals, award winners."""
    return Home(
        plans=plan_rows(),
        bulletins=_section(published_bulletins().defer("sections")),
        cases=_section(_case_rows()),
        runs=list(published_runs()),
        winners=announced_winners(),
        votes=open_public_votes(),
    )


def _lead_units() -> Prefetch[Any]:
    return Prefetch(
        "project_units",
        queryset=ProjectUnit.objects.filter(role=UnitRole.LEAD).select_related("unit").order_by("position"),
        to_attr="lead_links",
    )


@dataclass
class ProjectRow:
    """A public project as the plan page lists it: plain values, no model instance (a plan lists
    hundreds, and building models and prefetching costs more than the rest of the page)."""

    pk: int
    chapter_id: int
    label: str
    title: str
    level: int
    deadline: dt.date | None
    deadline_text: str
    progress: int
    light: str
    lead_units: list[str] = field(default_factory=list)
    milestones: list[tuple[dt.date, str, bool]] = field(default_factory=list)  # date, title, done


@dataclass
class ChapterRows:
    """A chapter of a published plan and its public projects in printed order."""

    chapter: Chapter
    projects: list[ProjectRow] = field(default_factory=list)


def published_plan(pk: int) -> Plan | None:
    """The plan if it is published (one query)."""
    return published_plans().filter(pk=pk).first()


ROW_FIELDS = ("pk", "chapter_id", "label", "title", "level", "deadline", "deadline_text", "progress", "light")


def plan_chapters(plan: Plan) -> list[ChapterRows]:
    """The chapters of a published plan that have public projects, each with those projects, their
    lead units and milestones (four queries, whatever the plan's size)."""
    public = public_projects().filter(plan=plan)
    rows = {values[0]: ProjectRow(*values) for values in public.order_by("position").values_list(*ROW_FIELDS)}
    leads = (
        ProjectUnit.objects.filter(project__in=public, role=UnitRole.LEAD)
        .order_by("project_id", "position")
        .values_list("project_id", "unit__name")
    )
    for project_id, name in leads:
        rows[project_id].lead_units.append(name)
    milestones = (
        Milestone.objects.filter(project__in=public)
        .order_by("project_id", "date", "pk")
        .values_list("project_id", "date", "title", "done")
    )
    for project_id, day, title, done in milestones:
        rows[project_id].milestones.append((day, title, done))
    chapters = {
        chapter.pk: ChapterRows(chapter)
        for chapter in Chapter.objects.filter(pk__in={row.chapter_id for row in rows.values()}).order_by(
            "position"
        )
    }
    for row in rows.values():
        chapters[row.chapter_id].projects.append(row)
    return list(chapters.values())


@dataclass
class ProjectPage:
    """Everything the public project page shows, and nothing else of the project."""

    project: Project
    lead_units: list[str]
    measures: list[Measure]
    targets: list[Any]  # Target rows with latest_value and latest_date
    milestones: list[Milestone]
    summary: ProgressReport | None


def public_project(pk: int) -> ProjectPage | None:
    """The project's public page if it is public (six queries), else ``None``."""
    project = (
        public_projects()
        .filter(pk=pk)
        .select_related("plan", "chapter")
        .prefetch_related(_lead_units())
        .first()
    )
    if project is None:
        return None
    latest = TargetValue.objects.filter(target=OuterRef("pk")).order_by("-date", "-pk")
    targets = list(
        Target.objects.filter(project=project)
        .annotate(
            latest_value=Subquery(latest.values("value")[:1]), latest_date=Subquery(latest.values("date")[:1])
        )
        .order_by("position")
    )
    return ProjectPage(
        project=project,
        lead_units=[link.unit.name for link in project.lead_links],  # type: ignore[attr-defined]
        measures=list(project.measures.order_by("position")),
        targets=targets,
        milestones=list(project.milestones.order_by("date", "pk")),
        summary=approved_public_summary(project),
    )


def bulletin_list() -> QuerySet[Bulletin]:
    """Every published bulletin, without its text (a list row shows the title, number and period)."""
    return published_bulletins().defer("sections")


def published_bulletin(pk: int) -> Bulletin | None:
    """The bulletin if it is published (one query)."""
    return published_bulletins().filter(pk=pk).first()


def _case_rows() -> QuerySet[Case]:
    # a list row shows the title, the unit and the summary: none of the joins a case page needs
    return published_cases().select_related(None).select_related("unit").prefetch_related(None)


def case_list() -> QuerySet[Case]:
    """Every published case, latest approved first (title, unit and summary)."""
    return _case_rows()


def published_case(pk: int) -> Case | None:
    """The case if it is published, with its frozen figures (two queries)."""
    return published_cases().prefetch_related(None).prefetch_related("figures").filter(pk=pk).first()


def published_run(pk: int) -> tuple[Run, list[Result]] | None:
    """A published appraisal and its results in rank order by group (two queries)."""
    run = published_runs().filter(pk=pk).first()
    if run is None:
        return None
    return run, list(published_results(run))
