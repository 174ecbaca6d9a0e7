"""Choices of the award app's fields, one class per field."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NominationStatus(models.TextChoices):
    """Where a nomination stands: 草稿 → 已提交 → 符合条件 / 不符合条件 → 入围 → 获奖 / 未获奖."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Ineligible")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    AWARDED = "awarded", _("Awarded")
    NOT_AWARDED = "not_awarded", _("Not awarded")


class PrizeLevel(models.TextChoices):
    """The prizes of the award, highest first: 一等奖, 二等奖, 三等奖, 优秀奖."""

    FIRST = "first", _("First prize")
    SECOND = "second", _("Second prize")
    THIRD = "third", _("Third prize")
    MERIT = "merit", _("Merit award")


# The statuses the panel scores: checked eligible, or shortlisted from them.
SCORED = (NominationStatus.ELIGIBLE, NominationStatus.SHORTLISTED)
# The statuses a decision can be taken on.
DECIDABLE = (
    NominationStatus.ELIGIBLE,
    NominationStatus.SHORTLISTED,
    NominationStatus.AWARDED,
    NominationStatus.NOT_AWARDED,
)
