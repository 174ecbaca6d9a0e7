"""The SMS gateway: a pluggable sender named by the site's ``RATINGS_SMS_SENDER`` setting (a dotted
path to a class with ``send(phone, text)``), off by default. No vendor's SDK lives here: a deployment
adds its gateway's class and names it; :class:`LocmemSender` keeps messages in memory, for tests and
demonstrations, as Django's locmem e-mail backend does.
"""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

__all__ = ["LocmemSender", "Sender", "outbox", "sender"]


class Sender(Protocol):
    """What a gateway class provides."""

    def send(self, phone: str, text: str) -> None: ...


# (phone, text) of every message the in-memory sender "sent", oldest first
outbox: list[tuple[str, str]] = []


class LocmemSender:
    """Keeps the messages in :data:`outbox` instead of sending them."""

    def send(self, phone: str, text: str) -> None:
        outbox.append((phone, text))


def sender() -> Sender | None:
    """The configured sender, or ``None`` when the site has no SMS gateway."""
    path = settings.RATINGS_SMS_SENDER
    if not path:
        return None
    found: Sender = import_string(path)()
    return found
