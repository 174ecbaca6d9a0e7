"""Choices of the supervision app's fields."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrderGrade(models.TextChoices):
    """How urgent a supervision order is, lowest first (the order of escalation)."""

    BLUE = "blue", _("Blue: deadline near")
    YELLOW = "yellow", _("Yellow: behind or poor quality")
    RED = "red", _("Red: overdue")


# The grade an escalated order gets; red is the top and cannot be escalated further.
NEXT_GRADE = {OrderGrade.BLUE: OrderGrade.YELLOW, OrderGrade.YELLOW: OrderGrade.RED}


class OrderStatus(models.TextChoices):
    """Where a supervision order stands."""

    ISSUED = "issued", _("Issued")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed out")
    ESCALATED = "escalated", _("Escalated")


# Orders that still wait for the unit or the issuing office.
OPEN_STATUSES = (OrderStatus.ISSUED, OrderStatus.ANSWERED)


class IssuingOffice(models.TextChoices):
    """The office that issues an order: 区委（政府）办 or 督查室."""

    COORDINATING = "coordinating", _("Coordinating office")
    SUPERVISION = "supervision", _("Supervision office")


class ExtensionStatus(models.TextChoices):
    """Where an extension request stands."""

    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class SequenceKind(models.TextChoices):
    """What a per-year number sequence counts: each kind has its own numbers."""

    ORDER = "order", _("Supervision orders")
    BULLETIN = "bulletin", _("Bulletins")
    DECISION = "decision", _("Decisions")


class BulletinStatus(models.TextChoices):
    """Where a bulletin (通报) stands: generated in the background, then edited, issued, published."""

    GENERATING = "generating", _("Being generated")
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    PUBLISHED = "published", _("Published")


# Bulletins whose text may still be changed.
EDITABLE_BULLETIN = (BulletinStatus.DRAFT,)


class DecisionKind(models.TextChoices):
    """What the offices decide about a unit: praise, or one of four steps against a unit that stalls."""

    COMMENDATION = "commendation", _("Public commendation")
    INTERVIEW = "interview", _("Admonitory interview")
    CRITICISM = "criticism", _("Public criticism")
    RECTIFICATION = "rectification", _("Ordered rectification")
    REFERRAL = "referral", _("Referral to the discipline body")


class DecisionStatus(models.TextChoices):
    """Where a decision stands: issued, answered by the unit, closed (a rectification verified), or
    revoked (never deleted)."""

    ISSUED = "issued", pgettext_lazy("decision status", "Issued")
    ANSWERED = "answered", pgettext_lazy("decision status", "Answered")
    CLOSED = "closed", pgettext_lazy("decision status", "Rectified and closed")
    REVOKED = "revoked", pgettext_lazy("decision status", "Revoked")


# Decisions still waiting for the unit or the office.
OPEN_DECISIONS = (DecisionStatus.ISSUED, DecisionStatus.ANSWERED)
