"""Rate limits of the API: per token (or signed-in user) and per anonymous client address.

The rates are read from the settings on every request (``API_TOKEN_RATE``, ``API_ANON_RATE``), so a
changed setting takes effect without a restart of the class; the counts live in Django's cache.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from reformtrack.accounts.lockout import client_address

from .models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per token; a session's requests count per user."""

    scope = "token"

    def get_rate(self) -> str:
        return str(settings.API_TOKEN_RATE)

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if isinstance(request.auth, ApiToken):
            return f"api-throttle-token-{request.auth.pk}"
        if request.user and request.user.is_authenticated:
            return f"api-throttle-user-{request.user.pk}"
        return None


class AnonRateThrottle(SimpleRateThrottle):
    """Anonymous requests per client address (the public API, and refused staff calls)."""

    scope = "anon"

    def get_rate(self) -> str:
        return str(settings.API_ANON_RATE)

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if request.user and request.user.is_authenticated:
            return None
        # the site's one reading of the client address (X-Forwarded-For only from TRUSTED_PROXIES),
        # not DRF's, which believes any X-Forwarded-For and so lets a client pick its own count
        return f"api-throttle-anon-{client_address(request) or 'unknown'}"
