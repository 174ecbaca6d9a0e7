"""Choices of the reporting app's fields, one class per field."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    """How often a reporting cycle asks for reports."""

    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    CUSTOM = "custom", _("Custom (one period from start to end)")


class ReportStatus(models.TextChoices):
    """Where a report is in its review: 草稿, 已报送, 已退回, 已通过."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")


class ReportedStatus(models.TextChoices):
    """How the lead unit says the project stands."""

    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    BEHIND = "behind", _("Behind")
    COMPLETED = "completed", _("Completed")
