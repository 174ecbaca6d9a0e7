"""A person's place in the programme: the profile next to Django's user (role, unit, phone).

Accounts are created by the coordinating office through
:func:`reformtrack.ledger.services_accounts.account_create`; the user's ``first_name`` holds the full
name as written (Chinese names are not split).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import UNIT_ROLES, Role


class Profile(models.Model):
    """The role and unit of a user. A user without a profile has no role and sees nothing."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    unit = models.ForeignKey(
        "ledger.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="profiles",
        verbose_name=_("unit"),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["user__username"]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        constraints = [
            # the unit roles act for a unit: without one they would see nothing
            models.CheckConstraint(
                condition=~models.Q(role__in=UNIT_ROLES) | models.Q(unit__isnull=False),
                name="profile_unit_role_has_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.get_role_display()})"
