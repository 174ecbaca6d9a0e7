"""The file a plan was imported from (see :class:`SourceDocument`).

Kept apart from :mod:`.models` (which imports it) so that the ledger's core tables stay readable.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceDocument(models.Model):
    """The file a plan was imported from, byte for byte, and its repaired text.

    The bytes live in the database rather than in MEDIA_ROOT so that an import is one transaction:
    a failed import leaves no orphan file, and a backup of the database is a backup of the documents.
    """

    plan = models.OneToOneField(
        "ledger.Plan", on_delete=models.CASCADE, related_name="source", verbose_name=_("plan")
    )
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    # 0: the document is this one plan; n: the plan is the n-th of a document holding several (a
    # 通知 with its 附件), whose other plans keep rows of their own with the same SHA-256 and bytes
    part = models.PositiveSmallIntegerField(_("plan in the document"), default=0)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    content = models.BinaryField(_("content"))
    text = models.TextField(_("repaired text"), blank=True)
    source_format = models.CharField(_("format"), max_length=20, blank=True)
    source_encoding = models.CharField(_("encoding"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")
        constraints = [
            models.UniqueConstraint(fields=["sha256", "part"], name="source_document_one_per_part"),
        ]

    def __str__(self) -> str:
        return self.filename
