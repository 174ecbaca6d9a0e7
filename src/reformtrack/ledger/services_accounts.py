"""Accounts for people of the programme, tied to their unit: the coordinating office creates them.

This write lives in the ledger rather than in accounts because an account of a unit role names a
:class:`~reformtrack.ledger.models.Unit`, and accounts sits below the ledger (it knows roles, not
units). Lockouts, which need no unit, stay in :mod:`reformtrack.accounts.services`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reformtrack.accounts.choices import UNIT_ROLES, Role
from reformtrack.accounts.models import Profile
from reformtrack.accounts.permissions import can_manage_programme
from reformtrack.accounts.services import AccountError
from reformtrack.core.text import single_line

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .models import Unit


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
