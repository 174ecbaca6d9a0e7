"""The yearly performance appraisal (绩效考核): a scheme per year, the run that computed it, the frozen
result per unit, reform bonus points (改革加分), appeals (申诉) and the score changes they made.

A result holds everything its score was computed from, as JSON, when the run was computed: the page
that explains a score reads it and nothing else, so a published score never moves with the data.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reformtrack.core.restrict import RestrictedQuerySet
from reformtrack.ledger.models import Unit

from .choices import AppealStatus, RunStatus, UnitGroup


def _no_weights() -> dict[str, Any]:
    return {}


def _no_components() -> list[Any]:
    return []


class Scheme(models.Model):
    """A year's rules: which components count with which weight, the bonus cap, the appeal window."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    weights = models.JSONField(_("component weights"), default=_no_weights, blank=True)
    bonus_cap = models.DecimalField(
        _("bonus cap"), max_digits=6, decimal_places=2, default=Decimal(5), validators=[MinValueValidator(0)]
    )
    appeal_days = models.PositiveSmallIntegerField(
        _("appeal window in days"), default=10, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = RestrictedQuerySet["Scheme"].as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appraisal scheme")
        verbose_name_plural = _("appraisal schemes")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(_("Appraisal scheme %(year)d") % {"year": self.year})


class Run(models.Model):
    """One computation of a year's appraisal; one per year, recomputed only while not published."""

    scheme = models.OneToOneField(
        Scheme, on_delete=models.PROTECT, related_name="run", verbose_name=_("scheme")
    )
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    weights = models.JSONField(_("weights used"), default=_no_weights, blank=True)
    bonus_cap = models.DecimalField(_("bonus cap used"), max_digits=6, decimal_places=2)
    as_of = models.DateField(_("data as of"))
    status = models.CharField(
        _("status"), max_length=12, choices=RunStatus.choices, default=RunStatus.COMPUTED
    )
    computed_at = models.DateTimeField(_("computed at"))
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("computed by")
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    appeal_until = models.DateField(_("appeals until"), null=True, blank=True)

    objects = RestrictedQuerySet["Run"].as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appraisal")
        verbose_name_plural = _("appraisals")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(_("Performance appraisal %(year)d") % {"year": self.year})


class Result(models.Model):
    """A unit's frozen result: each component's data, score and rule (``components``), the bonus, the
    adjustments from appeals, the total and the rank within the unit's group."""

    run = models.ForeignKey(
        Run, on_delete=models.PROTECT, related_name="results", verbose_name=_("appraisal")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    group = models.CharField(_("ranked among"), max_length=12, choices=UnitGroup.choices)
    components = models.JSONField(_("components"), default=_no_components, blank=True)
    bonus_claimed = models.DecimalField(
        _("bonus claimed"), max_digits=8, decimal_places=2, default=Decimal(0)
    )
    bonus = models.DecimalField(_("bonus counted"), max_digits=8, decimal_places=2, default=Decimal(0))
    bonus_items = models.JSONField(_("bonus items"), default=_no_components, blank=True)
    adjustment = models.DecimalField(_("adjustment"), max_digits=8, decimal_places=2, default=Decimal(0))
    total = models.DecimalField(_("total score"), max_digits=8, decimal_places=2)
    rank = models.PositiveIntegerField(_("rank"))

    objects = RestrictedQuerySet["Result"].as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appraisal result")
        verbose_name_plural = _("appraisal results")
        ordering = ["run", "group", "rank", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["run", "unit"], name="appraisal_result_once_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit} {self.run.year}"


class BonusClaim(models.Model):
    """A reform achievement listed for a unit (改革加分): points, evidence, and whether it counts."""

    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    description = models.TextField(_("achievement"))
    points = models.DecimalField(
        _("points"), max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    evidence = models.TextField(_("evidence"), blank=True)
    approved = models.BooleanField(_("approved"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("listed by")
    )
    created_at = models.DateTimeField(_("listed at"), auto_now_add=True)

    objects = RestrictedQuerySet["BonusClaim"].as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bonus claim")
        verbose_name_plural = _("bonus claims")
        ordering = ["-year", "unit__name", "pk"]

    def __str__(self) -> str:
        return self.description[:40]


def _attachment_path(instance: Appeal, filename: str) -> str:
    return f"appraisal/appeals/{PurePosixPath(filename).name}"


class Appeal(models.Model):
    """A unit's objection to its result (申诉) with reasons and an attachment, and the office's decision."""

    result = models.ForeignKey(
        Result, on_delete=models.PROTECT, related_name="appeals", verbose_name=_("unit's result")
    )
    reasons = models.TextField(_("reasons"))
    attachment = models.FileField(_("attachment"), upload_to=_attachment_path, max_length=200, blank=True)
    attachment_name = models.CharField(_("attachment name"), max_length=255, blank=True)
    attachment_type = models.CharField(_("attachment type"), max_length=100, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("appealed by")
    )
    submitted_at = models.DateTimeField(_("appealed at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AppealStatus.choices, default=AppealStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("decision reason"), blank=True)

    objects = RestrictedQuerySet["Appeal"].as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return str(_("Appeal of %(unit)s") % {"unit": self.result.unit})


class Adjustment(models.Model):
    """A change of a result's score decided on an appeal: the points, the reason, who and when."""

    result = models.ForeignKey(
        Result, on_delete=models.PROTECT, related_name="adjustments", verbose_name=_("unit's result")
    )
    appeal = models.OneToOneField(
        Appeal, on_delete=models.PROTECT, related_name="adjustment", verbose_name=_("appeal")
    )
    points = models.DecimalField(_("points"), max_digits=8, decimal_places=2)
    total_before = models.DecimalField(_("total before"), max_digits=8, decimal_places=2)
    total_after = models.DecimalField(_("total after"), max_digits=8, decimal_places=2)
    reason = models.TextField(_("reason for the change"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("decision by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    objects = RestrictedQuerySet["Adjustment"].as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score adjustment")
        verbose_name_plural = _("score adjustments")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.result} {self.points:+}"
