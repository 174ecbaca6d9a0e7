"""Choices of the risk app's fields, one class per field."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Dimension(models.TextChoices):
    """What a social stability risk assessment judges (社会稳定风险评估的评估内容)."""

    LEGALITY = "legality", _("Legality")  # 合法性
    RATIONALITY = "rationality", _("Rationality")  # 合理性
    FEASIBILITY = "feasibility", _("Feasibility")  # 可行性
    CONTROLLABILITY = "controllability", _("Controllability")  # 可控性
    SAFETY = "safety", _("Safety")  # 安全性: only where the office's rule assesses it


# The four dimensions always assessed; SAFETY is added by the office's rule.
CORE_DIMENSIONS = (
    Dimension.LEGALITY,
    Dimension.RATIONALITY,
    Dimension.FEASIBILITY,
    Dimension.CONTROLLABILITY,
)


class RiskLevel(models.TextChoices):
    """The assessment's risk level, computed by the office's rule (:mod:`.level`)."""

    HIGH = "high", pgettext_lazy("risk level", "High")
    MEDIUM = "medium", pgettext_lazy("risk level", "Medium")
    LOW = "low", pgettext_lazy("risk level", "Low")


class AssessmentStatus(models.TextChoices):
    """Draft by the lead unit → submitted → signed off by the office, or returned to the unit."""

    DRAFT = "draft", pgettext_lazy("assessment", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("assessment", "Submitted")
    RETURNED = "returned", pgettext_lazy("assessment", "Returned")
    SIGNED_OFF = "signed_off", _("Signed off")


OPEN_STATUSES = (AssessmentStatus.DRAFT, AssessmentStatus.SUBMITTED, AssessmentStatus.RETURNED)


class Decision(models.TextChoices):
    """The office's decision on a project whose assessment came out high."""

    GO_AHEAD = "go_ahead", _("Go ahead")  # 准予实施
    CHANGE = "change", _("Go ahead after changes")  # 调整后实施
    STOP = "stop", _("Postpone or stop")  # 暂缓或终止
