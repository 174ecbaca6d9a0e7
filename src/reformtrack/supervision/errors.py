"""Errors the supervision services raise for a user to read: one line each."""


class SupervisionError(Exception):
    """A refused request with a one-line message fit for a user."""
