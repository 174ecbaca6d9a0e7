"""Commendation and accountability decisions (表扬与问责决定) about a unit, their follow-ups and files.

A decision is never deleted: it is revoked with a reason. Rows are written only by
:mod:`reformtrack.supervision.decision_services` and read through
:mod:`reformtrack.supervision.decision_selectors`; :mod:`.models` imports these models so that
Django finds them.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reformtrack.core.restrict import RestrictedQuerySet
from reformtrack.ledger.models import Project, Unit

from .choices import DecisionKind, DecisionStatus, IssuingOffice

# The number's issuer code: 罗督决〔2014〕3号 (罗湖区督查室的决定), on the decisions' own sequence.
DECISION_NUMBER_PREFIX = "罗督决"

# The effect on the annual appraisal, in points, by kind: (lowest, highest) allowed, both included.
# A commendation adds up to 5 points; the steps against a unit take off more the heavier they are;
# zero is never allowed (a decision without an effect is not one of these). The check constraint
# below keeps the sign; the service keeps the limits.
POINT_LIMITS: dict[str, tuple[Decimal, Decimal]] = {
    DecisionKind.COMMENDATION: (Decimal("0.5"), Decimal("5")),
    DecisionKind.INTERVIEW: (Decimal("-2"), Decimal("-0.5")),
    DecisionKind.CRITICISM: (Decimal("-5"), Decimal("-1")),
    DecisionKind.RECTIFICATION: (Decimal("-5"), Decimal("-1")),
    DecisionKind.REFERRAL: (Decimal("-10"), Decimal("-3")),
}
# What the form proposes for each kind.
DEFAULT_POINTS: dict[str, Decimal] = {
    DecisionKind.COMMENDATION: Decimal("2"),
    DecisionKind.INTERVIEW: Decimal("-1"),
    DecisionKind.CRITICISM: Decimal("-2"),
    DecisionKind.RECTIFICATION: Decimal("-3"),
    DecisionKind.REFERRAL: Decimal("-5"),
}


def _no_record() -> dict[str, object]:
    return {}


class Decision(models.Model):
    """A decision about a unit (通报表扬, 约谈, 通报批评, 责令整改, 移送纪委): 罗督决〔2014〕3号.

    ``record`` is the accountability record it came from as it stood that day (``as_of``,
    ``overdue_projects`` and ``unanswered_orders`` with their labels, titles and dates), empty for a
    decision made by hand; it is a snapshot, so the evidence stays what it was when the data move on.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    kind = models.CharField(_("kind"), max_length=16, choices=DecisionKind.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="supervision_decisions", verbose_name=_("unit")
    )
    projects = models.ManyToManyField(
        Project, blank=True, related_name="supervision_decisions", verbose_name=_("projects")
    )
    issuing_office = models.CharField(_("issuing office"), max_length=16, choices=IssuingOffice.choices)
    reason = models.TextField(_("reason"))
    evidence = models.TextField(_("evidence"), blank=True)
    record = models.JSONField(_("accountability record"), default=_no_record, blank=True)
    points = models.DecimalField(_("appraisal points"), max_digits=4, decimal_places=1)
    deadline = models.DateField(_("rectification deadline"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    decided_on = models.DateField(_("decided on"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=12, choices=DecisionStatus.choices, default=DecisionStatus.ISSUED
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)

    # restrict(user, "view"): the rule is supervision/permissions.py's
    objects = RestrictedQuerySet["Decision"].as_manager()
    history = HistoricalRecords(m2m_fields=[projects])

    class Meta:
        ordering = ["-year", "-sequence"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="supervision_decision_number_unique"),
            models.CheckConstraint(
                condition=(
                    models.Q(kind=DecisionKind.COMMENDATION, points__gt=0)
                    | (~models.Q(kind=DecisionKind.COMMENDATION) & models.Q(points__lt=0))
                ),
                name="supervision_decision_points_sign",
            ),
            models.CheckConstraint(
                condition=models.Q(kind=DecisionKind.RECTIFICATION, deadline__isnull=False)
                | ~models.Q(kind=DecisionKind.RECTIFICATION),
                name="supervision_decision_rectification_deadline",
            ),
        ]
        indexes = [models.Index(fields=["unit", "status"], name="supervision_decision_unit")]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("supervision:decision_detail", args=[self.pk])

    @property
    def number(self) -> str:
        """The printed number: 罗督决〔2014〕3号."""
        return f"{DECISION_NUMBER_PREFIX}〔{self.year}〕{self.sequence}号"


class DecisionFollowup(models.Model):
    """A note of the office on a rectification's progress (跟踪督查); the last one may close it."""

    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="followups", verbose_name=_("decision")
    )
    note = models.TextField(_("note"))
    closes = models.BooleanField(_("verified and closed"), default=False)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("written by")
    )
    written_at = models.DateTimeField(_("written at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "written_at", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.decision}: {self.note[:20]}"


class DecisionFilePurpose(models.TextChoices):
    """Whether a file backs the office's decision or the unit's answer."""

    EVIDENCE = "evidence", _("Evidence")
    ANSWER = "answer", _("Answer")


def _file_path(instance: DecisionAttachment, filename: str) -> str:
    # the content hash with the extension the content was recognised as; never the user's name
    suffix = PurePosixPath(filename).suffix
    return f"decisions/{instance.decision_id}/{instance.sha256}{suffix}"


class DecisionAttachment(models.Model):
    """A file of the decision's evidence or of the unit's answer, checked by the evidence rules of
    progress reports (``reporting.evidence_services.checked_upload``)."""

    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("decision")
    )
    purpose = models.CharField(_("purpose"), max_length=10, choices=DecisionFilePurpose.choices)
    file = models.FileField(_("file"), upload_to=_file_path, max_length=200)
    original_name = models.CharField(_("original name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "purpose", "id"]
        verbose_name = _("decision file")
        verbose_name_plural = _("decision files")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "purpose", "sha256"], name="decision_attachment_one_content"
            ),
        ]

    def __str__(self) -> str:
        return self.original_name
