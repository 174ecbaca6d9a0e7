"""System checks of the accounts: settings that would let strangers lock people out, or serve logins
with a key that dies with the process."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured


@register(Tags.security, deploy=True)
def check_trusted_proxies(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Behind a reverse proxy (BEHIND_HTTPS_PROXY) without TRUSTED_PROXIES every client has the
    proxy's address: one stranger's failed logins lock a username, or past the address limit every
    login, for everyone."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and not settings.TRUSTED_PROXIES:
        return [
            Warning(
                "Behind a reverse proxy without TRUSTED_PROXIES, every client has the proxy's address "
                "and the login lockout counts all of them as one.",
                hint="Set TRUSTED_PROXIES to the proxy's address (docs/deployment.md).",
                id="accounts.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_secret_key(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Without DEBUG and without SECRET_KEY each process draws a random key (settings.py): fine for a
    command, but a served site would sign sessions and CSRF tokens with a key that changes at every
    restart and differs between workers, logging everyone out."""
    if settings.DEBUG or getattr(settings, "SECRET_KEY_SET", True):
        return []
    return [
        Error(
            "SECRET_KEY is not set: the site would sign logins with a random key of each process.",
            hint="Set SECRET_KEY to 50 random characters (docs/deployment.md).",
            id="reformtrack.E001",
        )
    ]


def refuse_to_serve_without_a_key() -> None:
    """Called by the WSGI and ASGI entry points (gunicorn, runserver): the check above, as a refusal
    to start, since a server runs no system checks of its own."""
    for message in check_secret_key():
        raise ImproperlyConfigured(f"{message.id}: {message.msg} {message.hint}")
