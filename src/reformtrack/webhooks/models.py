"""Outgoing webhooks: the endpoints other systems gave the coordinating office, and every delivery
of an event to one of them.

An endpoint is changed only by :mod:`.services` (with history, the secret left out of it). A
delivery is the record and the log of one event sent to one endpoint: it is never deleted, and it is
unique per endpoint and event (``event_key``), so an event announced twice is delivered once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reformtrack.core.restrict import RestrictedQuerySet

from .choices import DeliveryStatus, kind_label


def _no_events() -> list[str]:
    return []


def _empty_payload() -> dict[str, object]:
    return {}


class Endpoint(models.Model):
    """A URL of another system that receives the events it subscribed to, signed with its secret."""

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("URL"), max_length=500)
    # The shared secret the body is signed with (HMAC-SHA256); the receiving system keeps a copy.
    secret = models.CharField(_("shared secret"), max_length=128)
    events = models.JSONField(_("events subscribed"), default=_no_events, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    # the secret stays out of the history: a copy in every history row would outlive a new one
    history = HistoricalRecords(excluded_fields=["secret"])

    # restrict(user, "view" | "change"): the rule is webhooks/permissions.py's
    objects = RestrictedQuerySet["Endpoint"].as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("webhooks:endpoint_detail", args=[self.pk])

    @property
    def receiving(self) -> bool:
        """Does the endpoint receive events now (active and not archived)?"""
        return self.active and self.archived_at is None


class Delivery(models.Model):
    """One event to one endpoint: the payload as first recorded, and how sending it went."""

    endpoint = models.ForeignKey(
        Endpoint, on_delete=models.PROTECT, related_name="deliveries", verbose_name=_("endpoint")
    )
    kind = models.CharField(_("event"), max_length=32)
    # what the event is, the same for every endpoint: "report_submitted:12/v3"
    event_key = models.CharField(_("event key"), max_length=200)
    # the idempotency key the receiver sees (X-Reformtrack-Delivery): one per endpoint and event
    key = models.CharField(_("delivery id"), max_length=64, unique=True)
    payload = models.JSONField(_("payload"), default=_empty_payload)
    status = models.CharField(
        _("status"), max_length=12, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    claim = models.CharField(_("claim"), max_length=32, blank=True)  # the run sending it
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("last status code"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    # restrict(user, "view" | "change"): the rule is webhooks/permissions.py's
    objects = RestrictedQuerySet["Delivery"].as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event_key"], name="webhook_delivery_once"),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due"),
            models.Index(fields=["endpoint", "-created_at"], name="webhook_delivery_endpoint"),
        ]

    def __str__(self) -> str:
        return f"{self.kind_label} → {self.endpoint_id} ({self.key})"

    @property
    def kind_label(self) -> str:
        """The event's words."""
        return kind_label(self.kind)
