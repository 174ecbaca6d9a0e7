"""System checks of the accounts: settings that would let strangers lock people out."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


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
