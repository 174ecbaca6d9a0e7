"""Errors the appraisal services raise for a user to read: one line each."""


class AppraisalError(Exception):
    """A refused request with a one-line message fit for a user."""
