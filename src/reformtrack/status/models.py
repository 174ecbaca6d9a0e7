"""Status lights (红黄绿灯): the rules of each plan and the record of every change of a light.

The current light lives on the ledger's ``Project.light`` and ``Measure.light`` (so lists filter and
sort by it); rows here and those fields are written only by :mod:`reformtrack.status.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reformtrack.ledger.choices import Light
from reformtrack.ledger.models import Measure, Plan, Project

from . import engine
from .choices import LightCause

_DEFAULT = engine.Rules()


def _empty_list() -> list[object]:
    return []


class StatusRules(models.Model):
    """The thresholds the lights of one plan are judged by (docs/architecture.md, "Status lights").

    Created with the defaults the first time a plan's lights are computed; the coordinating office
    changes them on the plan's rules page.
    """

    plan = models.OneToOneField(
        Plan, on_delete=models.CASCADE, related_name="status_rules", verbose_name=_("plan")
    )
    near_days = models.PositiveSmallIntegerField(
        _("days before a deadline that count as near"),
        default=_DEFAULT.near_days,
        validators=[MaxValueValidator(365)],
    )
    yellow_behind_points = models.PositiveSmallIntegerField(
        _("points behind expected progress for yellow"),
        default=_DEFAULT.yellow_behind_points,
        validators=[MaxValueValidator(100)],
    )
    red_behind_points = models.PositiveSmallIntegerField(
        _("points behind expected progress for red"),
        default=_DEFAULT.red_behind_points,
        validators=[MaxValueValidator(100)],
    )
    yellow_report_problems = models.PositiveSmallIntegerField(
        _("missing, late or returned reports for yellow (0: never)"),
        default=_DEFAULT.yellow_report_problems,
    )
    red_report_problems = models.PositiveSmallIntegerField(
        _("missing, late or returned reports for red (0: never)"), default=_DEFAULT.red_report_problems
    )
    overdue_milestone_yellow = models.BooleanField(
        _("an overdue milestone not done makes yellow"), default=_DEFAULT.overdue_milestone_yellow
    )
    target_behind_points = models.PositiveSmallIntegerField(
        _("points a target is behind its expected path for yellow (0: never)"),
        default=_DEFAULT.target_behind_points,
        validators=[MaxValueValidator(100)],
    )
    report_periods = models.PositiveSmallIntegerField(
        _("past reporting periods counted"),
        default=3,
        validators=[MaxValueValidator(60)],
        help_text=_("Only the latest past-due periods of each cycle count."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("status rules")
        verbose_name_plural = _("status rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(red_behind_points__gte=models.F("yellow_behind_points")),
                name="status_rules_red_behind_not_below_yellow",
                violation_error_message=_("Red needs at least as many points behind as yellow."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.plan)

    def as_engine_rules(self) -> engine.Rules:
        """The thresholds as the engine takes them."""
        return engine.Rules(
            near_days=self.near_days,
            yellow_behind_points=self.yellow_behind_points,
            red_behind_points=self.red_behind_points,
            yellow_report_problems=self.yellow_report_problems,
            red_report_problems=self.red_report_problems,
            overdue_milestone_yellow=self.overdue_milestone_yellow,
            target_behind_points=self.target_behind_points,
        )


class StatusChange(models.Model):
    """One change of a project's light (``measure`` empty) or of one of its measures' lights."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("project")
    )
    measure = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="status_changes",
        verbose_name=_("measure"),
    )
    old = models.CharField(_("old light"), max_length=8, choices=Light.choices)
    new = models.CharField(_("new light"), max_length=8, choices=Light.choices)
    reasons = models.JSONField(_("reasons"), default=_empty_list, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)
    on = models.DateField(_("judged as of"))
    cause = models.CharField(_("cause"), max_length=20, choices=LightCause.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        indexes = [models.Index(fields=["project", "-at"], name="status_change_project_at")]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.old} → {self.new}"
