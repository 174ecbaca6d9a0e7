"""Who may manage the programme and its accounts, and each user's role.

The access rules of plans, projects and units are the ledger's (:mod:`reformtrack.ledger.permissions`);
orders, reports, lights, reminders and jobs each have their app's ``permissions.py``. Every view,
service and admin page asks these functions; none decides on its own.

A superuser counts as the coordinating office; an inactive user, or one without a profile, has no
role. Accounts: the office manages the programme's people (create, change, reset a password,
deactivate); a superuser's or a staff account (the offices' own among them) only a superuser does, so
that no office account can raise itself to a superuser's powers.

Lists of accounts take the rule through ``restrict(User.objects.all(), user, "change")``
(:mod:`reformtrack.core.restrict`; Django's ``User`` has no manager of ours), registered here.

Rule for views: anonymous → redirect to login; an object the user cannot view → 404 (never reveal
that it exists); an object they can view but an action they may not take → 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.db.models import QuerySet

from reformtrack.core.restrict import restriction

from .choices import Role

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

    AnyUser = AbstractBaseUser | AnonymousUser

__all__ = [
    "can_manage_account",
    "can_manage_programme",
    "role_of",
]

# Roles that read every project and every unit.
_READ_ALL = (Role.OFFICE, Role.LEADER, Role.SUPERVISION)


def role_of(user: AnyUser) -> str | None:
    """The user's :class:`~reformtrack.accounts.choices.Role` value, or ``None`` for no access at all."""
    if not user.is_authenticated or not user.is_active:
        return None
    if getattr(user, "is_superuser", False):
        return Role.OFFICE
    profile = getattr(user, "profile", None)  # the reverse one-to-one raises when missing
    return None if profile is None else str(profile.role)


def can_manage_programme(user: AnyUser) -> bool:
    """The coordinating office's powers: assign leaders and units, fix flags, import, merge units,
    create accounts. (Milestones go with :func:`can_edit_project`: a lead unit schedules its own.)"""
    return role_of(user) == Role.OFFICE


def _is_superuser(user: AnyUser) -> bool:
    return user.is_authenticated and user.is_active and bool(getattr(user, "is_superuser", False))


def can_manage_account(user: AnyUser, account: AbstractBaseUser) -> bool:
    """May the user change the account, set its password or delete it? A superuser may change any;
    the office only the programme's accounts, never a superuser's or a staff account."""
    if _is_superuser(user):
        return True
    is_privileged = getattr(account, "is_superuser", False) or getattr(account, "is_staff", False)
    return can_manage_programme(user) and not is_privileged


@restriction(User, "view", "change")
def _manage_accounts(accounts: QuerySet[User], user: AnyUser) -> QuerySet[User]:
    """``restrict(User.objects.all(), user, "change")``: the accounts of :func:`can_manage_account`.

    "view" is the same rule: accounts are listed in the admin alone, where one sees what one manages.
    """
    if _is_superuser(user):
        return accounts.all()
    if can_manage_programme(user):
        return accounts.filter(is_superuser=False, is_staff=False)
    return accounts.none()
