"""API tokens and the log of the API's writes.

A token's key is shown once, when the office creates it; only its SHA-256 is stored (``key_hash``),
with its first characters (``key_prefix``) to tell tokens apart in lists. A token acts as its
``owner``: a person's own account, or the account the office keeps for another system; what it
may see and do is that account's, narrowed by its ``scope``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import TokenKind, TokenScope


class ApiToken(models.Model):
    """A key to the API for a person or a system, created and revoked by the coordinating office."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=TokenKind.choices, default=TokenKind.PERSON)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_tokens",
        verbose_name=_("acts as"),
    )
    scope = models.CharField(_("scope"), max_length=8, choices=TokenScope.choices, default=TokenScope.READ)
    key_prefix = models.CharField(_("key prefix"), max_length=16)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    # last_used_at moves with use: not a change anyone made
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"


class ApiWriteLog(models.Model):
    """One write request to the API (POST, PUT, PATCH, DELETE) with its token and its answer."""

    token = models.ForeignKey(
        ApiToken,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="writes",
        verbose_name=_("token"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    method = models.CharField(_("method"), max_length=8)
    path = models.CharField(_("path"), max_length=300)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    status = models.PositiveSmallIntegerField(_("status"))
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("API write")
        verbose_name_plural = _("API writes")

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.status}"
