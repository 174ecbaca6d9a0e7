"""The login lockout (django-axes): who the client is, when an address is locked, what it is told.

Two limits, both over the last ``AXES_COOLOFF_TIME``:

- a username from one address is refused after ``AXES_FAILURE_LIMIT`` failures (axes' own rule,
  ``AXES_LOCKOUT_PARAMETERS``): guessing one person's password is slow, and nobody else can lock that
  person out from another address;
- an address is refused, for every username, after ``AXES_ADDRESS_FAILURE_LIMIT`` failures across
  usernames: trying many usernames is limited too. The limit is higher, as a whole office may sit
  behind one address of the government network.

Both need the client's real address. Behind a reverse proxy every request comes from the proxy, so
the address is taken from ``X-Forwarded-For``, but only when the request comes from one of
``TRUSTED_PROXIES``: anyone else could write that header. django-ipware's proxy settings judge the
header's chain, not the address the request came from, hence this small function instead.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from functools import lru_cache
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _trusted(address: str, proxies: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def client_address(request: HttpRequest) -> str | None:
    """The client's address: ``REMOTE_ADDR``, unless that is a trusted proxy; then the right-most
    ``X-Forwarded-For`` entry that is not a trusted proxy (each proxy appends the address it saw, so
    the entries left of it are the client's word and may be forged)."""
    remote: str | None = request.META.get("REMOTE_ADDR")
    proxies = _networks(tuple(settings.TRUSTED_PROXIES))
    if remote is None or not _trusted(remote, proxies):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for entry in reversed([part for part in forwarded if part]):
        if not _trusted(entry, proxies):
            try:
                return str(ipaddress.ip_address(entry))
            except ValueError:
                return remote  # a proxy that writes nonsense: count the proxy, never fail the login
    return remote


def _recent(**lookups: Any) -> Any:
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(attempt_time__gte=since, **lookups)


def address_failures(ip_address: str | None) -> int:
    """Failed logins from the address over the cool-off time, whatever the username."""
    if ip_address is None:
        return 0
    return int(_recent(ip_address=ip_address).aggregate(n=Sum("failures_since_start"))["n"] or 0)


def address_locked(ip_address: str | None) -> bool:
    return address_failures(ip_address) >= settings.AXES_ADDRESS_FAILURE_LIMIT


class AddressLimitHandler(AxesDatabaseHandler):  # type: ignore[misc]  # axes is untyped
    """axes' database handler, with the limit per address across usernames on top of its own."""

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        locked: bool = super().is_locked(request, credentials)
        return locked or address_locked(getattr(request, "axes_ip_address", None))

    def user_login_failed(
        self, sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
    ) -> None:
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        marked: Any = request  # axes marks the request with its findings
        # the failure that reaches the address limit is answered with the lockout page at once
        if marked is not None and not marked.axes_locked_out and address_locked(marked.axes_ip_address):
            marked.axes_locked_out = True
            marked.axes_credentials = credentials


def retry_at(ip_address: str | None, username: str | None) -> dt.datetime | None:
    """When the lockout ends at the latest: the cool-off time after the last failure that counts."""
    attempts = _recent(ip_address=ip_address)
    if username and not address_locked(ip_address):
        attempts = attempts.filter(username=username)
    last = attempts.aggregate(last=Max("attempt_time"))["last"]
    return None if last is None else timezone.localtime(last + settings.AXES_COOLOFF_TIME)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The lockout page: what happened (this username from this address, or this whole address) and
    the time to try again (AXES_LOCKOUT_CALLABLE)."""
    ip_address = getattr(request, "axes_ip_address", None) or client_address(request)
    username = get_client_username(request, credentials)
    context = {
        "by_address": address_locked(ip_address),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "address_failure_limit": settings.AXES_ADDRESS_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "retry_at": retry_at(ip_address, username),
    }
    return render(request, "registration/lockout.html", context, status=429)
