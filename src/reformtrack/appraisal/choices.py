"""Choices of the appraisal app's fields, one class per field."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    """Where a year's appraisal stands: computed (the office checks it), published (units see it and
    may appeal within the window), closed (appeals over, final)."""

    COMPUTED = "computed", _("Computed")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class AppealStatus(models.TextChoices):
    """A unit's appeal (申诉): waiting for the office, upheld (the score changed) or rejected."""

    PENDING = "pending", _("Awaiting decision")
    UPHELD = "upheld", _("Upheld")
    REJECTED = "rejected", _("Not upheld")


class UnitGroup(models.TextChoices):
    """The kinds of unit ranked apart: district departments and street offices."""

    DEPARTMENT = "department", _("District departments")
    STREET = "street", _("Street offices")
