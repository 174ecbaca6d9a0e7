"""Reads of the status app: a plan's rules, the lights rolled up to chapters and plan, recent changes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from reformtrack.ledger.choices import Light
from reformtrack.ledger.models import Plan, Project
from reformtrack.ledger.selectors import ChapterProgress, PlanProgress, plan_progress_report

from .models import StatusChange, StatusRules

LIGHT_ORDER = [Light.RED, Light.YELLOW, Light.GREEN, Light.NONE]


def rules_of(plan: Plan) -> StatusRules:
    """The plan's rules; the defaults (not saved) when its lights have never been computed."""
    found = StatusRules.objects.filter(plan=plan).first()
    return found if found is not None else StatusRules(plan=plan)


@dataclass
class LightCounts:
    """How many projects have each light."""

    counts: Counter[str]

    def of(self, light: str) -> int:
        return self.counts[light]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def rows(self) -> list[tuple[str, str, int]]:
        """(light, label, count) in the order red, yellow, green, not assessed."""
        labels = dict(Light.choices)
        return [(light.value, str(labels[light]), self.counts[light]) for light in LIGHT_ORDER]


@dataclass
class ChapterLights:
    progress: ChapterProgress
    lights: LightCounts


@dataclass
class PlanLights:
    """A plan's weighted progress and lights, overall and per chapter (top-level projects)."""

    progress: PlanProgress
    lights: LightCounts
    chapters: list[ChapterLights]


def plan_lights(plan: Plan | int, *, within: QuerySet[Project] | None = None) -> PlanLights:
    """The plan's progress from :func:`~reformtrack.ledger.selectors.plan_progress_report` and the
    count of its top-level projects (the ones the progress rolls up from) per light, overall and per
    chapter. Four queries whatever the plan's size; ``within`` limits the projects as there."""
    report = plan_progress_report(plan, within=within)
    projects = (within if within is not None else Project.objects.all()).filter(
        plan_id=report.plan.pk, level=1
    )
    per_chapter: dict[int, Counter[str]] = {}
    for row in projects.order_by().values("chapter_id", "light").annotate(n=Count("pk")):
        per_chapter.setdefault(row["chapter_id"], Counter())[row["light"]] = row["n"]
    overall: Counter[str] = Counter()
    for counts in per_chapter.values():
        overall.update(counts)
    return PlanLights(
        progress=report,
        lights=LightCounts(overall),
        chapters=[
            ChapterLights(chapter, LightCounts(per_chapter.get(chapter.chapter.pk, Counter())))
            for chapter in report.chapters
        ],
    )


def status_changes_of(project: Project, *, limit: int = 10) -> list[StatusChange]:
    """The latest changes of the project's and its measures' lights, newest first (one query)."""
    return list(
        StatusChange.objects.filter(project=project)
        .select_related("measure", "by")
        .only(
            "pk",
            "project_id",
            "old",
            "new",
            "reasons",
            "at",
            "on",
            "cause",
            "measure__id",
            "measure__text",
            "measure__position",
            "by__id",
            "by__username",
            "by__first_name",
            "by__last_name",
        )
        .order_by("-at", "-id")[:limit]
    )
