"""The reform case library (改革案例库): a write-up of a reform that worked, and its frozen figures.

A case is written about one project (and optionally more) by the project's lead unit, and approved
by the coordinating office. Its figures (the projects' targets with their actual values and
achievement) are read live from the ledger while it is drafted and copied into :class:`CaseFigure`
rows when it is approved, so that an approved case never drifts with later values.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from reformtrack.core.restrict import RestrictedQuerySet
from reformtrack.ledger.models import Project, Target, Unit

from .choices import CaseStatus


class Case(models.Model):
    """One write-up (案例): background, what was done, results, lessons.

    ``version`` grows with every write; a write names the version the user started from and is
    refused when someone wrote in between (:mod:`reformtrack.core.versioned`). A case is archived,
    never deleted.
    """

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="cases", verbose_name=_("project")
    )
    other_projects = models.ManyToManyField(
        Project, blank=True, related_name="related_cases", verbose_name=_("other projects")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="cases", verbose_name=_("lead unit")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    background = models.TextField(_("background"), blank=True)
    actions = models.TextField(pgettext_lazy("case", "what was done"), blank=True)
    results = models.TextField(_("results"), blank=True)
    lessons = models.TextField(_("lessons"), blank=True)
    keywords = models.CharField(_("keywords"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.DRAFT
    )
    return_comment = models.TextField(_("return comment"), blank=True)
    published = models.BooleanField(_("marked for publication"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("drafted by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    # restrict(user, "view" | "change"): the rules are cases/permissions.py's
    objects = RestrictedQuerySet["Case"].as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(published=False) | models.Q(status=CaseStatus.APPROVED),
                name="case_published_only_when_approved",
            ),
            models.CheckConstraint(
                condition=models.Q(published=False) | models.Q(archived_at__isnull=True),
                name="case_archived_not_published",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CaseFigure(models.Model):
    """A target's figure as it stood when the case was approved (copied, so it never changes)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="figures", verbose_name=_("case"))
    target = models.ForeignKey(
        Target, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("target")
    )
    position = models.PositiveIntegerField(_("position"))
    text = models.TextField(_("target"))
    unit = models.CharField(_("unit of measure"), max_length=40, blank=True)
    value = models.DecimalField(_("actual value"), max_digits=18, decimal_places=4, null=True, blank=True)
    value_date = models.DateField(_("as of"), null=True, blank=True)
    achievement = models.FloatField(_("achievement"), null=True, blank=True)

    class Meta:
        ordering = ["case", "position"]
        verbose_name = _("case figure")
        verbose_name_plural = _("case figures")
        constraints = [
            models.UniqueConstraint(fields=["case", "position"], name="case_figure_one_per_position"),
        ]

    def __str__(self) -> str:
        return self.text
