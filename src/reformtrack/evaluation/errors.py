"""Errors the evaluation services raise for a user to read: one line each."""

from __future__ import annotations


class EvaluationRefused(Exception):
    """A refused request with a one-line message fit for a user; nothing was written."""


class ConcurrentEvaluation(EvaluationRefused):
    """Someone saved the evaluation after the version the user started from; nothing was written."""
