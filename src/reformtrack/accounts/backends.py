"""The lockout check of django-axes, as an authentication backend in front of Django's own."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LockoutBackend(AxesStandaloneBackend):  # type: ignore[misc]  # axes is untyped
    """Refuse a locked-out username from the same address, or a locked-out address (``lockout``); let
    everything else through to the next backend.

    Every login over HTTP passes its request and is counted. Code that authenticates without one
    (the test client's ``login``, a shell) has no address to lock out and is not checked, instead
    of failing as ``AxesStandaloneBackend`` would.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        super().authenticate(request, username=username, password=password, **kwargs)
        return None
