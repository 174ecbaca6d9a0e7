"""Post-implementation evaluations (实施后评估) of projects, their published criteria, the expert
reviewers assigned to score them and their scores.

Rows are written only by :mod:`.services` and :mod:`.services_panel` and read through
:mod:`.selectors`; models hold no business logic.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from reformtrack.core.restrict import RestrictedQuerySet
from reformtrack.ledger.models import Amendment, Project

from .choices import AssignmentStatus, Conclusion, EvaluationStatus, GoalsMet

_USER = settings.AUTH_USER_MODEL


def _user_fk(verbose: Any, related: str = "+") -> models.ForeignKey:  # type: ignore[type-arg]
    return models.ForeignKey(
        _USER, on_delete=models.PROTECT, null=True, blank=True, related_name=related, verbose_name=verbose
    )


class Evaluation(models.Model):
    """The post-implementation evaluation of one project: the lead unit's self-evaluation, the
    office's evaluation, an optional expert panel, and the conclusion signed off by the office.

    ``figures`` is empty until sign-off: the achievement is read live from the targets' recorded
    values; at sign-off the figures are stored here and never move after.
    """

    project = models.OneToOneField(
        Project, on_delete=models.PROTECT, related_name="evaluation", verbose_name=_("project")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=EvaluationStatus.choices, default=EvaluationStatus.SELF
    )
    due = models.DateField(_("due"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    opened_by = _user_fk(_("opened by"))
    # the lead unit's self-evaluation
    goals_met = models.CharField(_("goals met"), max_length=10, choices=GoalsMet.choices, blank=True)
    self_summary = models.TextField(_("self-evaluation"), blank=True)
    cost = models.DecimalField(
        _("cost (10,000 yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    problems = models.TextField(pgettext_lazy("evaluation", "problems"), blank=True)
    # public satisfaction, in percent: brought by the public portal when it exists
    satisfaction = models.DecimalField(
        _("public satisfaction"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    self_by = _user_fk(_("self-evaluated by"))
    self_at = models.DateTimeField(_("self-evaluated at"), null=True, blank=True)
    # the office's evaluation
    office_opinion = models.TextField(_("office's evaluation"), blank=True)
    office_by = _user_fk(_("evaluated by"))
    office_at = models.DateTimeField(_("evaluated at"), null=True, blank=True)
    # the conclusion, signed off
    conclusion = models.CharField(_("conclusion"), max_length=10, choices=Conclusion.choices, blank=True)
    conclusion_reasons = models.TextField(_("reasons"), blank=True)
    signed_by = _user_fk(_("signed off by"))
    signed_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    figures = models.JSONField(_("achievement figures at sign-off"), null=True, blank=True)
    amendment = models.ForeignKey(
        Amendment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("amendment opened"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    # restrict(user, "view"): the rule is evaluation/permissions.py's
    objects = RestrictedQuerySet["Evaluation"].as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("post-implementation evaluation")
        verbose_name_plural = _("post-implementation evaluations")

    def __str__(self) -> str:
        return f"{self.project.label}{self.project.title}"


class Criterion(models.Model):
    """A published criterion the panel scores, with its weight."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.PROTECT, related_name="criteria", verbose_name=_("evaluation")
    )
    name = models.CharField(_("name"), max_length=100)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"))

    objects = RestrictedQuerySet["Criterion"].as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["evaluation", "position"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "position"], name="evaluation_criterion_position"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="evaluation_criterion_weight"),
        ]

    def __str__(self) -> str:
        return self.name


class ReviewerAssignment(models.Model):
    """A reviewer invited by the office to score one evaluation: any user, or an external expert
    account that has nothing but its assignments."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("evaluation")
    )
    reviewer = models.ForeignKey(
        _USER, on_delete=models.PROTECT, related_name="evaluation_assignments", verbose_name=_("reviewer")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AssignmentStatus.choices, default=AssignmentStatus.INVITED
    )
    invited_by = _user_fk(_("invited by"))
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    comments = models.TextField(_("comments"), blank=True)
    done_at = models.DateTimeField(_("scored at"), null=True, blank=True)

    objects = RestrictedQuerySet["ReviewerAssignment"].as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["evaluation", "invited_at", "pk"]
        verbose_name = _("reviewer assignment")
        verbose_name_plural = _("reviewer assignments")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "reviewer"], name="evaluation_reviewer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} · {self.evaluation_id}"


class Score(models.Model):
    """A reviewer's score (0–100) of one criterion, with a comment."""

    assignment = models.ForeignKey(
        ReviewerAssignment, on_delete=models.PROTECT, related_name="scores", verbose_name=_("assignment")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    comment = models.TextField(_("comment"), blank=True)

    objects = RestrictedQuerySet["Score"].as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="evaluation_score_once"),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=100), name="evaluation_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion} {self.score}"
