"""Why a rating, a code or a moderation step was refused: the message is the user's."""

from __future__ import annotations


class RatingRefused(Exception):
    """A rating or a code refused; ``str(error)`` says why, for the citizen."""

    status = 400


class RateLimited(RatingRefused):
    """Too many posts from one client in the window."""

    status = 429


class AlreadyRated(RatingRefused):
    """The person rated the project in this period already."""

    status = 409


class ModerationError(Exception):
    """A moderation step refused (a hide without a reason …)."""
