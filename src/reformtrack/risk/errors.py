"""Errors the risk app's services raise for a user to read: one line each."""

from __future__ import annotations


class AssessmentError(Exception):
    """A refused request on an assessment or the rule, with a message fit for a user; nothing stored."""


class ConcurrentAssessment(AssessmentError):
    """Someone saved the assessment (or the rule) after the version the user started from."""
