"""Supervision (督查督办): numbered supervision orders to units, extension requests, bulletins (通报).

Rows are written only by :mod:`reformtrack.supervision.services` and read through
:mod:`reformtrack.supervision.selectors`; models hold no business logic.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reformtrack.core.restrict import RestrictedQuerySet
from reformtrack.jobs.models import Job
from reformtrack.ledger.models import Measure, Project, Unit

from .choices import BulletinStatus, ExtensionStatus, IssuingOffice, OrderGrade, OrderStatus, SequenceKind


class SupervisionSequence(models.Model):
    """The last number of a kind (orders, bulletins) given out in a year; locked
    (``SELECT … FOR UPDATE``) to give the next. Orders and bulletins are counted apart."""

    kind = models.CharField(
        _("kind"), max_length=12, choices=SequenceKind.choices, default=SequenceKind.ORDER
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="supervision_sequence_kind_year_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last}"


class SupervisionOrder(models.Model):
    """A supervision order (督办单) to a unit about a project or one of its measures: 督办〔2014〕12号."""

    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issuing_office = models.CharField(_("issuing office"), max_length=16, choices=IssuingOffice.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="supervision_orders", verbose_name=_("addressed unit")
    )
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="supervision_orders", verbose_name=_("project")
    )
    measure = models.ForeignKey(
        Measure,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervision_orders",
        verbose_name=_("measure"),
    )
    reason = models.TextField(_("reason"))
    requirements = models.TextField(_("requirements"))
    response_due = models.DateField(_("response due"))
    grade = models.CharField(_("grade"), max_length=8, choices=OrderGrade.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=OrderStatus.choices, default=OrderStatus.ISSUED
    )
    response = models.TextField(_("response"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responded by"),
    )
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    escalated_from = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="escalated_to",
        verbose_name=_("escalated from"),
    )

    # restrict(user, "view"): the rule is supervision/permissions.py's
    objects = RestrictedQuerySet["SupervisionOrder"].as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-sequence"]
        verbose_name = _("supervision order")
        verbose_name_plural = _("supervision orders")
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="supervision_order_number_unique"),
        ]
        indexes = [models.Index(fields=["unit", "status"], name="supervision_order_unit_status")]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        """The printed number: 督办〔2014〕12号."""
        return f"督办〔{self.year}〕{self.sequence}号"


class ExtensionRequest(models.Model):
    """A unit's request (延期申请) for a later deadline of a project or measure; the office decides.

    ``original_deadline`` is the deadline when the request was made, kept so that both dates show.
    """

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="extension_requests", verbose_name=_("project")
    )
    measure = models.ForeignKey(
        Measure,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="extension_requests",
        verbose_name=_("measure"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="extension_requests", verbose_name=_("unit")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    original_deadline = models.DateField(_("original deadline"), null=True, blank=True)
    requested_deadline = models.DateField(_("requested deadline"))
    reasons = models.TextField(_("reasons"))
    status = models.CharField(
        _("status"), max_length=10, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("decision comment"), blank=True)

    # restrict(user, "view"): the rule is supervision/permissions.py's
    objects = RestrictedQuerySet["ExtensionRequest"].as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")

    def __str__(self) -> str:
        return f"{self.project} → {self.requested_deadline}"


def _no_sections() -> list[dict[str, object]]:
    return []


class Bulletin(models.Model):
    """A bulletin (通报) of a period: generated from the data, edited, issued with a number, published.

    ``sections`` is a list of ``{"heading", "paragraphs", "header", "rows"}`` (the fields of
    :class:`reformtrack.supervision.bulletin.Section`). The number, 督查通报〔2014〕3号, is given at
    issue from the bulletins' own sequence of the year; ``version`` grows with every write (an edit
    names the version it started from and is refused when someone saved in between).
    """

    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    sections = models.JSONField(_("sections"), default=_no_sections, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=BulletinStatus.choices, default=BulletinStatus.GENERATING
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("sequence"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)
    job = models.ForeignKey(
        Job, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("job")
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    # restrict(user, "view" | "change"): the rules are supervision/permissions.py's
    objects = RestrictedQuerySet["Bulletin"].as_manager()
    history = HistoricalRecords(excluded_fields=["job"])

    class Meta:
        ordering = ["-period_end", "-id"]
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="supervision_bulletin_number_unique"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="supervision_bulletin_period_order",
            ),
        ]
        indexes = [models.Index(fields=["status", "-period_end"], name="supervision_bulletin_status")]

    def __str__(self) -> str:
        return self.number or self.title

    def get_absolute_url(self) -> str:
        return reverse("supervision:bulletin_detail", args=[self.pk])

    @property
    def number(self) -> str:
        """The printed number once issued: 督查通报〔2014〕3号; empty before."""
        if self.year is None or self.sequence is None:
            return ""
        return f"督查通报〔{self.year}〕{self.sequence}号"


def _attachment_path(instance: OrderAttachment, filename: str) -> str:
    # the content hash with the extension of the type the content was recognised as (the service
    # names the file so); the user's file name never reaches the file system
    suffix = PurePosixPath(filename).suffix
    return f"orders/{instance.order_id}/{instance.sha256}{suffix}"


class OrderAttachment(models.Model):
    """A file backing a unit's answer to an order, checked by the evidence rules of progress reports
    (``reporting.evidence_services.checked_upload``): its type judged by its content."""

    order = models.ForeignKey(
        SupervisionOrder, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("order")
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
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("answer attachment")
        verbose_name_plural = _("answer attachments")
        constraints = [
            models.UniqueConstraint(fields=["order", "sha256"], name="order_attachment_one_content"),
        ]

    def __str__(self) -> str:
        return self.original_name


# The decisions (表扬与问责决定) live in their own module; imported here so that Django finds them.
from .decision_models import Decision, DecisionAttachment, DecisionFollowup  # noqa: E402

__all__ = [
    "Bulletin",
    "Decision",
    "DecisionAttachment",
    "DecisionFollowup",
    "ExtensionRequest",
    "OrderAttachment",
    "SupervisionOrder",
    "SupervisionSequence",
]
