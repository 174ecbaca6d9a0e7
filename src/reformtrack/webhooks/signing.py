"""The body of a delivery and its signature: what a receiving system checks.

The body is the payload as UTF-8 JSON (Chinese kept as is, keys sorted, no spaces), the same bytes
on every attempt. The signature is ``sha256=`` and the hex HMAC-SHA256 of those bytes with the
endpoint's shared secret (docs/webhooks.md shows how to verify it).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from typing import Any

SIGNATURE_PREFIX = "sha256="


def body_of(payload: dict[str, Any]) -> bytes:
    """The bytes sent: UTF-8 JSON, keys sorted, so every attempt sends (and signs) the same body."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def signature(secret: str, body: bytes) -> str:
    """``sha256=<hex HMAC-SHA256 of body with secret>``: the X-Reformtrack-Signature header."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return SIGNATURE_PREFIX + digest


def new_secret() -> str:
    """A fresh shared secret: 32 random bytes, URL-safe text."""
    return secrets.token_urlsafe(32)
