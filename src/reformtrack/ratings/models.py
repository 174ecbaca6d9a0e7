"""Citizens' satisfaction ratings (1–5) of public projects, their comments and the office's answers,
and the office's settings for them (consent notice, retention, phone check, sensitive words).

A rating holds no raw phone number or address: the person is an ``identity`` key (an HMAC of the
verified phone or of a signed cookie's token) and the client an ``ip_hash``, both erased with
``reformtrack ratings_purge`` once the retention period has run (the score stays). Rows are written
by :mod:`.services` only; moderation is recorded with history.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reformtrack.core.restrict import RestrictedQuerySet

_USER = settings.AUTH_USER_MODEL


class CommentStatus(models.TextChoices):
    """Where a comment stands in moderation (a rating without a comment has none)."""

    NONE = "none", _("No comment")
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden")


class RatingSettings(models.Model):
    """The coordinating office's settings (one row), edited on its page with history."""

    consent_text = models.TextField(
        _("consent notice"),
        blank=True,
        help_text=_("Shown above the consent box; the standard notice is shown when empty."),
    )
    retention_days = models.PositiveIntegerField(
        _("days personal data are kept"),
        default=365,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    phone_required = models.BooleanField(
        _("verify citizens by a code sent to their phone"),
        default=False,
        help_text=_("Takes effect only when an SMS gateway is configured for the site."),
    )
    sms_signature = models.CharField(_("SMS signature"), max_length=20, blank=True)
    auto_publish = models.BooleanField(
        _("publish comments without a sensitive word at once"),
        default=False,
        help_text=_("Comments with a sensitive word always wait for moderation."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = RestrictedQuerySet["RatingSettings"].as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rating settings")
        verbose_name_plural = _("rating settings")

    def __str__(self) -> str:
        return str(_("rating settings"))


class SensitiveWord(models.Model):
    """A word the office lists: a comment containing it waits for moderation, flagged."""

    word = models.CharField(_("word"), max_length=50, unique=True)
    added_by = models.ForeignKey(
        _USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("added by")
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    archived_at = models.DateTimeField(_("removed at"), null=True, blank=True)

    objects = RestrictedQuerySet["SensitiveWord"].as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["word"]
        verbose_name = _("sensitive word")
        verbose_name_plural = _("sensitive words")

    def __str__(self) -> str:
        return self.word


class Rating(models.Model):
    """One person's rating of one project in one period (the year), with an optional comment."""

    project = models.ForeignKey(
        "ledger.Project", on_delete=models.PROTECT, related_name="ratings", verbose_name=_("project")
    )
    period = models.PositiveSmallIntegerField(_("year"))
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)
    # HMAC of "phone:…" or "cookie:…" (services.identity_of); NULL once erased by ratings_purge
    # NULL, not "": erased rows must not collide in the unique constraint below
    identity = models.CharField(_("identity key"), max_length=64, null=True, blank=True)  # noqa: DJ001
    verified_by_phone = models.BooleanField(_("verified by phone"), default=False)
    ip_hash = models.CharField(_("client address key"), max_length=64, blank=True)
    consented_at = models.DateTimeField(_("consented at"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)
    status = models.CharField(
        _("comment status"), max_length=16, choices=CommentStatus.choices, default=CommentStatus.NONE
    )
    flagged_words = models.CharField(_("sensitive words found"), max_length=200, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=200, blank=True)
    moderated_by = models.ForeignKey(
        _USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    answer = models.TextField(_("the office's answer"), blank=True)
    answered_by = models.ForeignKey(
        _USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answer_published_at = models.DateTimeField(_("answer published at"), null=True, blank=True)

    objects = RestrictedQuerySet["Rating"].as_manager()
    history = HistoricalRecords(excluded_fields=["identity", "ip_hash"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("citizen rating")
        verbose_name_plural = _("citizen ratings")
        constraints = [
            # one rating per person, project and period: a race of two posts cannot count twice
            models.UniqueConstraint(fields=["project", "period", "identity"], name="ratings_one_per_person"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="ratings_score_1_to_5"),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="ratings_status_idx")]

    def __str__(self) -> str:
        return f"{self.project_id} · {self.score}"

    @property
    def flagged(self) -> bool:
        return bool(self.flagged_words)
