"""Reads of the risk app: the office's rule, lists and one assessment with what its page needs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from .choices import OPEN_STATUSES
from .level import Rule, risk_level
from .models import AffectedGroup, Assessment, AssessmentFile, DimensionScore, Risk, RiskRule

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser
    from reformtrack.ledger.models import Project

    from .choices import RiskLevel

__all__ = [
    "assessment_level",
    "assessment_list",
    "assessment_of",
    "open_assessment",
    "plain_rule",
    "project_assessments",
    "rule_of",
]


def rule_of() -> RiskRule:
    """The office's rule: the stored row, or the defaults (unsaved) before the office first sets it."""
    return RiskRule.objects.order_by("pk").first() or RiskRule()


def plain_rule(row: RiskRule) -> Rule:
    """The rule's thresholds as the pure :class:`~.level.Rule`."""
    return Rule(
        assess_safety=row.assess_safety,
        scale_max=row.scale_max,
        score_high_at=row.score_high_at,
        score_medium_at=row.score_medium_at,
        product_high_at=row.product_high_at,
        product_medium_at=row.product_medium_at,
    )


def assessment_level(assessment: Assessment, rule: Rule) -> RiskLevel:
    """The level ``assessment`` comes to by ``rule`` (its scores and risks, as prefetched)."""
    scores = {score.dimension: score.score for score in assessment.scores.all()}
    risks = [(risk.likelihood, risk.impact) for risk in assessment.risks.all()]
    return risk_level(rule, scores, risks)


def assessment_list(
    user: AnyUser, *, level: str = "", status: str = "", plan: str = ""
) -> QuerySet[Assessment]:
    """The assessments ``user`` may see, newest first, filtered; one query with the project and plan."""
    found = Assessment.objects.restrict(user, "view").select_related("project", "project__plan")
    if level:
        found = found.filter(level=level)
    if status:
        found = found.filter(status=status)
    if plan.isdigit():
        found = found.filter(project__plan_id=int(plan))
    return found.order_by("-created_at", "-pk")


def assessment_of(user: AnyUser, pk: int) -> Assessment | None:
    """One assessment ``user`` may see, with its project, scores, groups and risks; else ``None``."""
    return (
        Assessment.objects.restrict(user, "view")
        .select_related("project", "project__plan", "created_by", "signed_off_by", "decided_by")
        .prefetch_related(
            Prefetch("scores", DimensionScore.objects.order_by("pk")),
            Prefetch("groups", AffectedGroup.objects.order_by("pk")),
            Prefetch("risks", Risk.objects.order_by("pk")),
            Prefetch("files", AssessmentFile.objects.order_by("pk")),
        )
        .filter(pk=pk)
        .first()
    )


def project_assessments(project: Project) -> QuerySet[Assessment]:
    """A project's assessments, newest first (the caller has checked the project is visible)."""
    return (
        Assessment.objects.filter(project=project)
        .select_related("signed_off_by")
        .order_by("-created_at", "-pk")
    )


def open_assessment(project: Project) -> Assessment | None:
    """The project's assessment in progress (draft, submitted or returned), if any."""
    return Assessment.objects.filter(project=project, status__in=OPEN_STATUSES).first()
