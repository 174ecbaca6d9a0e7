"""Pre-decision studies (决策前研究论证): one per project, with the options considered, the
consultation record, the decision and the files backing it.

Rows are written only by :mod:`reformtrack.studies.services` and read through
:mod:`reformtrack.studies.selectors`; nothing is ever deleted: an option, a consultation or a file
taken off a study is archived (``archived_at``), and the study itself is protected with its project.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reformtrack.core.restrict import RestrictedQuerySet
from reformtrack.ledger.models import Project

from .choices import ConsultationMethod, StudyStatus


class Study(models.Model):
    """The pre-decision study of a project: background, decision and where it stands in review.

    ``version`` grows with every write: a save names the version its form was opened at and is
    refused when someone saved in between (``core.versioned``)."""

    project = models.OneToOneField(
        Project, on_delete=models.PROTECT, related_name="study", verbose_name=_("project")
    )
    background = models.TextField(_("background"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=StudyStatus.choices, default=StudyStatus.DRAFT
    )
    decision_text = models.TextField(_("decision"), blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_body = models.CharField(_("decided by"), max_length=200, blank=True)
    decision_number = models.CharField(_("document number"), max_length=100, blank=True)
    decision_title = models.CharField(_("document title"), max_length=200, blank=True)
    return_comment = models.TextField(_("return comment"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    # restrict(user, "view" | "change"): the rules are studies/permissions.py's
    objects = RestrictedQuerySet["Study"].as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("pre-decision study")
        verbose_name_plural = _("pre-decision studies")
        indexes = [models.Index(fields=["status"], name="studies_study_status")]

    def __str__(self) -> str:
        return str(self.project)

    def get_absolute_url(self) -> str:
        return reverse("studies:detail", args=[self.pk])


class StudyOption(models.Model):
    """An option the study considered, with its assessment (pros and cons); ``chosen`` marks the
    one (or ones) the decision took."""

    study = models.ForeignKey(
        Study, on_delete=models.PROTECT, related_name="options", verbose_name=_("study")
    )
    description = models.TextField(_("description"))
    assessment = models.TextField(_("assessment"), blank=True)
    chosen = models.BooleanField(_("chosen"), default=False)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["study", "id"]
        verbose_name = _("option considered")
        verbose_name_plural = _("options considered")

    def __str__(self) -> str:
        return self.description[:50]


class Consultation(models.Model):
    """One entry of the consultation record: who was asked, how, when, what they said and how it
    was taken into account."""

    study = models.ForeignKey(
        Study, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("study")
    )
    consulted = models.CharField(_("consulted"), max_length=200)
    method = models.CharField(_("method"), max_length=16, choices=ConsultationMethod.choices)
    held_on = models.DateField(_("date"))
    opinions = models.TextField(_("opinions"))
    response = models.TextField(_("how it was taken into account"), blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["study", "held_on", "id"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self) -> str:
        return f"{self.consulted} {self.held_on}"


def _attachment_path(instance: StudyAttachment, filename: str) -> str:
    # the content hash with the extension of the type the content was recognised as (the service
    # names the file so); the user's file name never reaches the file system
    return f"studies/{instance.study_id}/{instance.sha256}{PurePosixPath(filename).suffix}"


class StudyAttachment(models.Model):
    """A file backing the study, checked by the evidence rules of progress reports
    (``reporting.evidence_services.checked_upload``): its type judged by its content."""

    study = models.ForeignKey(
        Study, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("study")
    )
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=200)
    original_name = models.CharField(_("original name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["study", "id"]
        verbose_name = _("study attachment")
        verbose_name_plural = _("study attachments")
        constraints = [
            models.UniqueConstraint(
                fields=["study", "sha256"],
                condition=models.Q(archived_at__isnull=True),
                name="studies_attachment_one_content",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name
