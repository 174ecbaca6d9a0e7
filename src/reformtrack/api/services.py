"""Writes of the api app: tokens created and revoked by the coordinating office, the write log.

A key is ``rt_`` and 43 random URL-safe characters (256 bits); the database keeps its SHA-256
only, so a stolen copy of the database opens nothing. :func:`token_create` returns the raw key
once, for the page that shows it; it is never shown again.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.accounts.permissions import can_manage_programme
from reformtrack.core.text import single_line

from .choices import TokenKind, TokenScope
from .models import ApiToken, ApiWriteLog

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = ["KEY_PREFIX_LENGTH", "TokenError", "key_hash", "token_create", "token_revoke", "write_log"]

KEY_PREFIX_LENGTH = 10  # "rt_" and 7 characters: enough to tell tokens apart, useless to guess with


class TokenError(ValueError):
    """A token the office asked for cannot be made (a message fit to show)."""


def key_hash(key: str) -> str:
    """The stored form of a key: its SHA-256, hex."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@transaction.atomic
def token_create(
    *, by: User, name: str, owner: User, scope: str = TokenScope.READ, kind: str = TokenKind.PERSON
) -> tuple[ApiToken, str]:
    """A new token acting as ``owner``; returns it with its raw key, which only this call ever sees.

    The coordinating office only (``PermissionDenied`` otherwise). The owner must be an active
    account (a person's own, or the one the office keeps for a system).
    """
    if not can_manage_programme(by):
        raise PermissionDenied
    name = single_line(name).strip()[:200]
    if not name:
        raise TokenError(_("A token needs a name."))
    if scope not in TokenScope.values or kind not in TokenKind.values:
        raise TokenError(_("Unknown scope or kind."))
    if not owner.is_active:
        raise TokenError(_("The account the token acts as is deactivated."))
    key = "rt_" + secrets.token_urlsafe(32)
    token = ApiToken(
        name=name,
        kind=kind,
        owner=owner,
        scope=scope,
        key_prefix=key[:KEY_PREFIX_LENGTH],
        key_hash=key_hash(key),
        created_by=by,
    )
    token._history_user = by  # type: ignore[attr-defined]
    token.save()
    return token, key


@transaction.atomic
def token_revoke(*, by: User, token: ApiToken) -> ApiToken:
    """Revoke the token: the next request with it is refused (401). Revoking twice changes nothing."""
    if not can_manage_programme(by):
        raise PermissionDenied
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = by
        token._history_user = by  # type: ignore[attr-defined]
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def write_log(
    *,
    token: ApiToken | None,
    user: User | None,
    method: str,
    path: str,
    status: int,
    object_type: str = "",
    object_id: str = "",
) -> ApiWriteLog:
    """Record one write request to the API with its token (or the session's user) and its answer."""
    return ApiWriteLog.objects.create(
        token=token,
        user=user,
        method=method[:8],
        path=path[:300],
        status=status,
        object_type=object_type[:60],
        object_id=object_id[:40],
    )
