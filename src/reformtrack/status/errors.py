"""Errors of the status app."""


class RulesError(Exception):
    """Thresholds that cannot work together (red below yellow); the message is for the user."""
