"""Reminders (催办 / 提醒): in-app notifications, delivery records and group-robot webhooks.

Rows are written only by :mod:`reformtrack.reminders.services` and read through
:mod:`reformtrack.reminders.selectors`; models hold no business logic.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reformtrack.ledger.models import Unit

from .choices import DELIVERY_KINDS, Channel, DeliveryStatus, NoticeChannel, NoticeKind, WebhookKind


class Notification(models.Model):
    """A message in a person's in-app inbox (the bell in the navigation bar)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        # the bell counts a person's unread notifications on every page
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title


class WebhookTarget(models.Model):
    """A WeCom or DingTalk group robot that hears the reminders of one unit, or of all (no unit)."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=WebhookKind.choices)
    url = models.URLField(_("webhook URL"), max_length=500)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="webhook_targets",
        verbose_name=_("unit"),
        help_text=_("Empty: the reminders of every unit."),
    )
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("webhook target")
        verbose_name_plural = _("webhook targets")

    def __str__(self) -> str:
        return self.name


class Delivery(models.Model):
    """One reminder to one recipient on one channel, and how sending it went.

    ``key`` is unique: kind, object, due date, offset, channel and recipient. Every run inserts the
    reminders due with ``ON CONFLICT DO NOTHING``, so the same reminder is recorded (and sent) once
    however many runs overlap. The record is its own log (attempts, last error, sent at), so it
    keeps no separate history.
    """

    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=DELIVERY_KINDS)
    object_ref = models.CharField(_("object"), max_length=100)
    due = models.DateField(_("due date"))
    offset = models.SmallIntegerField(_("days after the due date"), help_text=_("Negative: before it."))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recipient"),
    )
    webhook = models.ForeignKey(
        WebhookTarget,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
        verbose_name=_("webhook target"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    claim = models.CharField(_("claim"), max_length=32, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_status_next")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recipient__isnull=False) | models.Q(webhook__isnull=False),
                name="delivery_has_recipient_or_webhook",
            ),
        ]

    def __str__(self) -> str:
        return self.key


class NoticePreference(models.Model):
    """How one person hears of one kind of event; a kind without a row is heard in the app.

    Written only by :func:`reformtrack.reminders.notice_services.notice_preferences_save`, by the
    person themselves.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notice_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NoticeKind.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=NoticeChannel.choices)

    class Meta:
        ordering = ["user", "kind"]
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notice_preference_once")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.channel}"
