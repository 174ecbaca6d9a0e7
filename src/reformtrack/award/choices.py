"""Choices of the award app's fields, one class per field."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NominationStatus(models.TextChoices):
    """Where a nomination stands: 草稿 → 已提交 → 符合条件 / 不符合条件 → 入围 → 获奖 / 未获奖."""

    DRAFT = "draft", pgettext_lazy("award nomination", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("award nomination", "Submitted")
    ELIGIBLE = "eligible", pgettext_lazy("award nomination", "Eligible")
    INELIGIBLE = "ineligible", pgettext_lazy("award nomination", "Ineligible")
    SHORTLISTED = "shortlisted", pgettext_lazy("award nomination", "Shortlisted")
    AWARDED = "awarded", pgettext_lazy("award nomination", "Awarded")
    NOT_AWARDED = "not_awarded", pgettext_lazy("award nomination", "Not awarded")


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
