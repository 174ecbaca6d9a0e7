"""Social stability risk assessments (社会稳定风险评估) of projects, and the office's rule for them.

An assessment belongs to a project (``PROTECT``: work people did is never deleted with it); its
dimension scores, affected groups and risks belong to the assessment. The office's rule is one row
(:class:`RiskRule`), edited on its page with history. Rows are written by :mod:`.services` only.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reformtrack.core.restrict import RestrictedQuerySet

from .choices import OPEN_STATUSES, AssessmentStatus, Decision, Dimension, RiskLevel

_USER = settings.AUTH_USER_MODEL


class RiskRule(models.Model):
    """The coordinating office's rule (one row): whether 安全性 is assessed, the score scale, and the
    thresholds that turn scores and risks into a level (see :func:`.level.risk_level`)."""

    assess_safety = models.BooleanField(_("assess safety"), default=False)
    scale_max = models.PositiveSmallIntegerField(
        _("highest score"), default=5, validators=[MinValueValidator(2), MaxValueValidator(100)]
    )
    # a dimension scored at or below this makes the assessment high (medium)
    score_high_at = models.PositiveSmallIntegerField(
        _("score at or below which the level is high"), default=1
    )
    score_medium_at = models.PositiveSmallIntegerField(
        _("score at or below which the level is at least medium"), default=2
    )
    # a risk whose likelihood × impact (each 1–5) reaches this makes the assessment high (medium)
    product_high_at = models.PositiveSmallIntegerField(
        _("likelihood × impact from which the level is high"), default=15
    )
    product_medium_at = models.PositiveSmallIntegerField(
        _("likelihood × impact from which the level is at least medium"), default=8
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk level rule")
        verbose_name_plural = _("risk level rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(score_high_at__lte=F("score_medium_at")), name="risk_rule_scores"
            ),
            models.CheckConstraint(condition=Q(score_medium_at__lt=F("scale_max")), name="risk_rule_scale"),
            models.CheckConstraint(
                condition=Q(product_medium_at__lte=F("product_high_at")), name="risk_rule_products"
            ),
        ]

    def __str__(self) -> str:
        return str(_("risk level rule"))


class Assessment(models.Model):
    """One social stability risk assessment of a project: drafted by its lead unit, signed off by
    the office; a project may have several over time (a new one after a decision to change)."""

    project = models.ForeignKey(
        "ledger.Project", on_delete=models.PROTECT, related_name="risk_assessments", verbose_name=_("project")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
    # computed by the office's rule when signed off (level.risk_level); blank before
    level = models.CharField(_("risk level"), max_length=8, choices=RiskLevel.choices, blank=True)
    created_by = models.ForeignKey(
        _USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    signed_off_by = models.ForeignKey(
        _USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed off by"),
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        _USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    # restrict(user, "view"): the rule is risk/permissions.py's
    objects = RestrictedQuerySet["Assessment"].as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("social stability risk assessment")
        verbose_name_plural = _("social stability risk assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["project"], condition=Q(status__in=OPEN_STATUSES), name="risk_one_open_assessment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}"


class DimensionScore(models.Model):
    """The score of one dimension (合法性 …) with the evidence for it."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="scores", verbose_name=_("assessment")
    )
    dimension = models.CharField(_("dimension"), max_length=16, choices=Dimension.choices)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("dimension score")
        verbose_name_plural = _("dimension scores")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "dimension"], name="risk_score_per_dimension"),
        ]

    def __str__(self) -> str:
        return f"{self.get_dimension_display()} {self.score}"


class AffectedGroup(models.Model):
    """A group of people the project affects (利益相关群体), with their concerns."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="groups", verbose_name=_("assessment")
    )
    name = models.CharField(_("group"), max_length=200)
    concerns = models.TextField(_("concerns"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("affected group")
        verbose_name_plural = _("affected groups")

    def __str__(self) -> str:
        return self.name


class Risk(models.Model):
    """One identified risk (风险点): likelihood and impact on 1–5, the mitigation and who owns it."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="risks", verbose_name=_("assessment")
    )
    description = models.TextField(_("description"))
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    impact = models.PositiveSmallIntegerField(
        _("impact"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    mitigation = models.TextField(_("mitigation"), blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5), name="risk_likelihood_1_5"
            ),
            models.CheckConstraint(condition=Q(impact__gte=1, impact__lte=5), name="risk_impact_1_5"),
        ]

    def __str__(self) -> str:
        return self.description[:40]


def _file_path(instance: AssessmentFile, filename: str) -> str:
    # the content hash with the extension of the type the content was recognised as (the service
    # names the file so); the user's file name never reaches the file system
    suffix = PurePosixPath(filename).suffix
    return f"risk/{instance.assessment_id}/{instance.sha256}{suffix}"


class AssessmentFile(models.Model):
    """A file backing an assessment (a dimension's evidence, a survey, a hearing's minutes), checked by
    the evidence rules of progress reports (``reporting.evidence_services.checked_upload``)."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="files", verbose_name=_("assessment")
    )
    dimension = models.CharField(_("dimension"), max_length=16, choices=Dimension.choices, blank=True)
    file = models.FileField(_("file"), upload_to=_file_path, max_length=200)
    original_name = models.CharField(_("original name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        _USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "id"]
        verbose_name = _("assessment file")
        verbose_name_plural = _("assessment files")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "sha256"], name="risk_file_one_content"),
        ]

    def __str__(self) -> str:
        return self.original_name
