"""The innovation award (罗湖创新奖): a yearly call, the units' nominations, the expert panel's
scores, the public's votes, the office's decision and its announcement.

    AwardCall (year unique; windows; quota; public vote on/off, weight, window; announced_on)
      1─n Criterion (name, description, weight)       1─n PrizeRule (level, count, bonus points)
      1─n PanelMember (user)                          1─n PublicVote (hashed voter key)
      1─n Nomination (unit, statement, status, reasons as codes, prize, decision reason)
            1─n NominationProject (→ ledger Project: the unit leads it)
            1─n NominationEvidence (a file kept by reporting/evidence.py's rules)
            1─n Score (member × criterion: value 0–100, comment)

Work people did is never deleted by a cascade: every foreign key is ``PROTECT``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reformtrack.core.restrict import RestrictedQuerySet

from .choices import NominationStatus, PrizeLevel

_USER = settings.AUTH_USER_MODEL


class AwardCall(models.Model):
    """A year's call for nominations (评选通知) with its windows, criteria and prizes."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    nomination_opens = models.DateField(_("nominations open"))
    nomination_closes = models.DateField(_("nominations close"))
    scoring_opens = models.DateField(_("scoring opens"))
    scoring_closes = models.DateField(_("scoring closes"))
    max_nominations_per_unit = models.PositiveSmallIntegerField(_("nominations per unit at most"), default=2)
    public_vote = models.BooleanField(_("public vote"), default=False)
    vote_weight = models.DecimalField(
        _("weight of the public vote (%)"), max_digits=5, decimal_places=2, default=0
    )
    vote_opens = models.DateField(_("voting opens"), null=True, blank=True)
    vote_closes = models.DateField(_("voting closes"), null=True, blank=True)
    announced_on = models.DateField(_("announced on"), null=True, blank=True)
    created_by = models.ForeignKey(
        _USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    objects = RestrictedQuerySet["AwardCall"].as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("award call")
        verbose_name_plural = _("award calls")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nomination_opens__lte=models.F("nomination_closes"))
                & models.Q(scoring_opens__lte=models.F("scoring_closes")),
                name="award_call_windows_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(vote_weight__gte=0) & models.Q(vote_weight__lte=100),
                name="award_call_vote_weight_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def announced(self) -> bool:
        return self.announced_on is not None


class Criterion(models.Model):
    """A published criterion (评审标准) the panel scores on, with its weight."""

    call = models.ForeignKey(
        AwardCall, on_delete=models.PROTECT, related_name="criteria", verbose_name=_("call")
    )
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["call", "position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="award_criterion_weight_positive"),
            models.UniqueConstraint(fields=["call", "name"], name="award_criterion_name_once"),
        ]

    def __str__(self) -> str:
        return self.name


class PrizeRule(models.Model):
    """How many of a prize the call gives, and the appraisal bonus points it adds to the unit."""

    call = models.ForeignKey(
        AwardCall, on_delete=models.PROTECT, related_name="prizes", verbose_name=_("call")
    )
    level = models.CharField(_("prize"), max_length=16, choices=PrizeLevel.choices)
    count = models.PositiveSmallIntegerField(_("how many"))
    bonus_points = models.DecimalField(_("bonus points"), max_digits=5, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["call", "pk"]
        verbose_name = _("prize")
        verbose_name_plural = _("prizes")
        constraints = [
            models.UniqueConstraint(fields=["call", "level"], name="award_prize_level_once"),
            models.CheckConstraint(
                condition=models.Q(bonus_points__gte=0), name="award_prize_bonus_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_level_display())


class Nomination(models.Model):
    """A unit's nomination (申报): its projects, statement and evidence, checked, scored, decided."""

    call = models.ForeignKey(
        AwardCall, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("call")
    )
    unit = models.ForeignKey(
        "ledger.Unit", on_delete=models.PROTECT, related_name="award_nominations", verbose_name=_("unit")
    )
    title = models.CharField(_("title"), max_length=200)
    statement = models.TextField(_("statement"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=NominationStatus.choices, default=NominationStatus.DRAFT
    )
    # the eligibility check's reasons as codes with parameters (eligibility.py renders them)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    prize = models.CharField(_("prize"), max_length=16, choices=PrizeLevel.choices, blank=True)
    decision_reason = models.TextField(_("reason of the decision"), blank=True)
    created_by = models.ForeignKey(
        _USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    objects = RestrictedQuerySet["Nomination"].as_manager()

    class Meta:
        ordering = ["call", "unit__name", "pk"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")

    def __str__(self) -> str:
        return self.title


class NominationProject(models.Model):
    """A project of the ledger a nomination rests on (the nominating unit leads it)."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, related_name="links", verbose_name=_("nomination")
    )
    project = models.ForeignKey(
        "ledger.Project", on_delete=models.PROTECT, related_name="award_links", verbose_name=_("project")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["nomination", "project__position"]
        verbose_name = _("nominated project")
        verbose_name_plural = _("nominated projects")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "project"], name="award_nomination_project_once")
        ]

    def __str__(self) -> str:
        return str(self.project_id)


class NominationEvidence(models.Model):
    """An evidence file (佐证材料) of a nomination, kept by the rules of reporting/evidence.py."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("nomination")
    )
    file = models.FileField(_("file"), upload_to="award/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        _USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["nomination", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "sha256"], name="award_evidence_once"),
        ]

    def __str__(self) -> str:
        return self.original_name


class PanelMember(models.Model):
    """An expert the office appointed to the call's panel (评审专家); any user."""

    call = models.ForeignKey(
        AwardCall, on_delete=models.PROTECT, related_name="panel", verbose_name=_("call")
    )
    user = models.ForeignKey(
        _USER, on_delete=models.PROTECT, related_name="award_panels", verbose_name=_("user")
    )
    appointed_by = models.ForeignKey(
        _USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("appointed by")
    )
    appointed_at = models.DateTimeField(_("appointed at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["call", "user__username"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [models.UniqueConstraint(fields=["call", "user"], name="award_panel_member_once")]

    def __str__(self) -> str:
        return str(self.user.get_full_name() or self.user.get_username())


class Score(models.Model):
    """A panel member's score of a nomination on one criterion (0–100), with a comment."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, related_name="scores", verbose_name=_("nomination")
    )
    member = models.ForeignKey(
        PanelMember, on_delete=models.PROTECT, related_name="scores", verbose_name=_("panel member")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    value = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    objects = RestrictedQuerySet["Score"].as_manager()

    class Meta:
        ordering = ["nomination", "member", "criterion__position"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "member", "criterion"], name="award_score_once"),
            models.CheckConstraint(
                condition=models.Q(value__gte=0) & models.Q(value__lte=100), name="award_score_0_to_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"


class PublicVote(models.Model):
    """One vote of the public for a nomination; the voter's key is kept only as its hash.

    No history: a vote is cast once and never changed, and the rows are themselves the record.
    """

    call = models.ForeignKey(
        AwardCall, on_delete=models.PROTECT, related_name="votes", verbose_name=_("call")
    )
    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, related_name="votes", verbose_name=_("nomination")
    )
    voter_hash = models.CharField(_("voter key (hashed)"), max_length=64)
    source_hash = models.CharField(_("source (hashed)"), max_length=64, blank=True)
    cast_at = models.DateTimeField(_("cast at"), auto_now_add=True)

    class Meta:
        ordering = ["call", "pk"]
        verbose_name = _("public vote")
        verbose_name_plural = _("public votes")
        constraints = [
            models.UniqueConstraint(fields=["call", "voter_hash"], name="award_vote_once_per_call")
        ]
        indexes = [models.Index(fields=["source_hash", "cast_at"], name="award_vote_rate_idx")]

    def __str__(self) -> str:
        return f"{self.call_id}/{self.nomination_id}"
