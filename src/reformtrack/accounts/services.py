"""Writes to accounts: the coordinating office creates accounts and lifts login lockouts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reformtrack.core.text import single_line
from reformtrack.ledger.errors import LedgerError

from .choices import UNIT_ROLES, Role
from .models import Profile
from .permissions import can_manage_programme

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Unit


class AccountError(LedgerError):
    """A refused account request, with a one-line message fit for a user."""


@transaction.atomic
def account_create(
    *, by: User, username: str, name: str, role: str, unit: Unit | None, password: str, phone: str = ""
) -> User:
    """Create a person's account with its role and unit (the coordinating office only).

    ``name`` is the full name as written (Chinese names are not split into first and last). The
    unit roles (``unit_lead``, ``clerk``, ``counit``) need a unit. The password must pass the
    password validators; it is hashed with Argon2. Office accounts may use the admin (``is_staff``).
    Raises ``PermissionDenied`` for anyone but the office and :class:`AccountError` for bad input.
    """
    if not can_manage_programme(by):
        raise PermissionDenied
    username = single_line(username)
    if not username:
        raise AccountError(_("An account needs a username."))
    if role not in Role.values:
        raise AccountError(_("Unknown role %(role)r.") % {"role": role})
    if role in UNIT_ROLES and unit is None:
        raise AccountError(_("This role acts for a unit: choose one."))
    user_model = get_user_model()
    if user_model._default_manager.filter(username__iexact=username).exists():
        raise AccountError(_("The username %(username)s is taken.") % {"username": username})
    user = user_model(username=username, first_name=single_line(name), is_staff=role == Role.OFFICE)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise AccountError(" ".join(exc.messages)) from exc
    user.set_password(password)
    user.save()
    Profile.objects.create(user=user, role=role, unit=unit, phone=single_line(phone))
    return user


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
