"""Choices of the status app's fields."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LightCause(models.TextChoices):
    """What made the lights be computed again."""

    RECOMPUTE = "recompute", _("Scheduled recomputation")
    REPORT_ACCEPTED = "report_accepted", _("Progress report accepted")
    REPORT_RETURNED = "report_returned", _("Progress report returned")
    EDIT = "edit", _("Project edited")
    RULES = "rules", _("Rules changed")
    IMPORT = "import", _("Plan imported")
