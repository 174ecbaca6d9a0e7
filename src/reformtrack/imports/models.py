"""The import wizard's draft: an uploaded plan document and what the importer found in it.

Nothing reaches the ledger until the draft is confirmed; until then the document, the parsed plan
and the corrections live here, so a reload or a second visit loses nothing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _empty_dict() -> dict[str, Any]:
    return {}


class ImportDraft(models.Model):
    """A plan document being checked before import; only its owner sees it.

    ``parsed`` is :meth:`ParsedPlan.to_dict` of the document as the importer read it and stays as
    it was; ``edits`` holds the owner's corrections (titles, units, targets, unit merges), applied
    on top when the draft is shown and when it is confirmed.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="import_drafts",
        verbose_name=_("owner"),
    )
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    content = models.BinaryField(_("content"))
    parsed = models.JSONField(_("parsed plan"))
    # ParsedPlan.to_dict() leaves out the repaired text; the ledger keeps it with the source document.
    text = models.TextField(_("repaired text"), blank=True)
    edits = models.JSONField(_("corrections"), default=_empty_dict, blank=True)
    # a ledger (台账) spreadsheet: its headings, the column mapping in use, its rows as read, their
    # problems and the owner's row fixes (see imports.sheet); empty for a document
    sheet = models.JSONField(_("spreadsheet ledger"), default=_empty_dict, blank=True)
    # a revised document (调整方案) of this stored plan: the draft is compared with the plan and
    # applied as an amendment of it, never imported as a new plan
    revises = models.ForeignKey(
        "ledger.Plan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revised plan"),
    )
    # a ledger's progress update of this stored plan (进度、完成情况、进展情况 per project): previewed,
    # then applied in one transaction; never imported as a plan
    progress_of = models.ForeignKey(
        "ledger.Plan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan updated"),
    )
    # 0: the document is one plan; n: the draft is the n-th plan of a document holding several
    # (a 通知 with its 附件): one draft per plan, each confirmed or discarded on its own
    part = models.PositiveSmallIntegerField(_("plan in the document"), default=0)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import draft")
        verbose_name_plural = _("import drafts")
        constraints = [
            models.UniqueConstraint(fields=["owner", "sha256", "part"], name="import_draft_one_per_plan"),
        ]

    def __str__(self) -> str:
        return self.filename


class ImportUpload(models.Model):
    """An uploaded plan document waiting for, or done with, its parse in a background job.

    The request only stores the upload and starts the job (:data:`~reformtrack.jobs.choices.JobKind.
    PLAN_PARSE`); the job parses within the document limits and makes the draft, or records the one
    line that says why not. Either way the content is then cleared: the draft keeps its own copy, and
    a refused document leaves nothing behind but the line.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="import_uploads",
        verbose_name=_("owner"),
    )
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    content = models.BinaryField(_("content"), blank=True)
    job = models.OneToOneField(
        "jobs.Job",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_upload",
        verbose_name=_("background job"),
    )
    draft = models.ForeignKey(
        ImportDraft,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uploads",
        verbose_name=_("draft"),
    )
    error = models.TextField(_("error"), blank=True)
    # the stored plan this upload is a revised document of (its draft is made so)
    revises = models.ForeignKey(
        "ledger.Plan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revised plan"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("uploaded plan document")
        verbose_name_plural = _("uploaded plan documents")

    def __str__(self) -> str:
        return self.filename
