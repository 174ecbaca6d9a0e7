"""Writes to accounts: the coordinating office lifts login lockouts.

Accounts are created with their unit by :func:`reformtrack.ledger.services_accounts.account_create`
(the ledger knows the units; accounts sits below it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from axes.utils import reset as axes_reset
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from .permissions import can_manage_programme

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class AccountError(Exception):
    """A refused account request, with a one-line message fit for a user."""


def account_unlock(*, by: User, username: str) -> int:
    """Forget the failed logins of a username, lifting its lockout from every address (the office only).

    Returns how many lockout records were removed.
    """
    return lockout_lift(by=by, username=username)


@transaction.atomic
def lockout_lift(*, by: User, username: str | None = None, ip_address: str | None = None) -> int:
    """Forget failed logins, lifting lockouts (the coordinating office only): a username's from every
    address, an address's for every username (its limit across usernames), or a username's from one
    address when both are given. Returns how many lockout records were removed.
    """
    if not can_manage_programme(by):
        raise PermissionDenied
    if not username and not ip_address:
        raise AccountError(_("Name the username or the address whose lockout to lift."))
    return int(axes_reset(username=username or None, ip=ip_address or None))
