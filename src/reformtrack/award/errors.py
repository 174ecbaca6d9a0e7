"""Errors of the award app a user can cause, with a message fit to show."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class AwardRefused(Exception):
    """The act is refused as things stand (a window closed, a quota, a stale form …)."""


class OwnUnitScoring(PermissionDenied):
    """A panel member tried to score a nomination of their own unit: refused whatever the path."""


class VoteRefused(Exception):
    """A public vote is refused (no vote, window closed, voted already, too many from one source)."""
