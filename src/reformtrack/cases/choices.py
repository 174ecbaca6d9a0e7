"""Choices of the case library's fields."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CaseStatus(models.TextChoices):
    """Where a case stands: drafted by the lead unit, submitted to the office, returned or approved."""

    DRAFT = "draft", _("Draft")  # 草稿
    SUBMITTED = "submitted", _("Submitted")  # 已报送
    RETURNED = "returned", _("Returned")  # 已退回
    APPROVED = "approved", pgettext_lazy("case status", "Approved")  # 已审定


# What the lead unit may still change; what the office may change (before approval: an approved
# case is final, its figures frozen).
UNIT_EDITABLE = (CaseStatus.DRAFT, CaseStatus.RETURNED)
OFFICE_EDITABLE = (CaseStatus.DRAFT, CaseStatus.SUBMITTED, CaseStatus.RETURNED)


class CaseSort(models.TextChoices):
    """Orders of the library."""

    UPDATED = "updated", _("Last changed first")
    APPROVED = "approved", _("Last approved first")
    TITLE = "title", _("By title")
