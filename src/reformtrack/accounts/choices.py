"""Choices of the accounts' fields."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person does in the programme; decides what they may see and do (see ``permissions``)."""

    LEADER = "leader", _("District leader")  # 区领导
    OFFICE = "office", _("Coordinating office")  # 区委（政府）办 / 区发改局
    SUPERVISION = "supervision", _("Supervision office")  # 督查室
    UNIT_LEAD = "unit_lead", _("Unit reform lead")  # 改革分管领导
    CLERK = "clerk", _("Unit clerk")  # 单位联络员
    COUNIT = "counit", _("Co-unit staff")  # 配合单位人员


# The roles that act for one unit (Profile.unit is required for them).
UNIT_ROLES = (Role.UNIT_LEAD, Role.CLERK, Role.COUNIT)
