"""The engine's reasons (codes with parameters) as sentences in the user's language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import engine


def describe(reason: dict[str, Any]) -> str:
    """One reason of a light as a sentence; an unknown code is shown as it is."""
    code = reason.get("code", "")
    p = reason
    if code == engine.COMPLETED:
        return _("Completed.")
    if code == engine.SUSPENDED:
        return _("Suspended: not assessed.")
    if code == engine.ON_TRACK:
        return _("On schedule: no deadline near, progress as expected, reports in order.")
    if code == engine.OVERDUE:
        return (
            ngettext(
                "The deadline %(deadline)s passed %(days)d day ago.",
                "The deadline %(deadline)s passed %(days)d days ago.",
                p["days"],
            )
            % p
        )
    if code == engine.DEADLINE_NEAR:
        return (
            ngettext(
                "The deadline %(deadline)s is %(days)d day away.",
                "The deadline %(deadline)s is %(days)d days away.",
                p["days"],
            )
            % p
        )
    if code in (engine.BEHIND_RED, engine.BEHIND_YELLOW):
        return (
            _("Progress %(progress)d%% against %(expected)d%% expected by now: %(behind)d points behind.") % p
        )
    if code in (engine.REPORTS_RED, engine.REPORTS_YELLOW):
        return _("Reports: %(missing)d missing or late, %(returned)d returned.") % p
    if code == engine.MILESTONE_OVERDUE:
        return (
            ngettext(
                "%(count)d milestone is past its date and not done (from %(first)s).",
                "%(count)d milestones are past their date and not done (from %(first)s).",
                p["count"],
            )
            % p
        )
    if code == engine.MEASURE_RED:
        return ngettext("%(count)d measure is red.", "%(count)d measures are red.", p["count"]) % p
    if code == engine.MEASURE_YELLOW:
        return ngettext("%(count)d measure is yellow.", "%(count)d measures are yellow.", p["count"]) % p
    if code == engine.TARGET_BEHIND:
        return (
            ngettext(
                "%(count)d target is behind its expected path: “%(target)s” is %(achievement)d%% achieved "
                "against %(expected)d%% expected by now.",
                "%(count)d targets are behind their expected path; the furthest, “%(target)s”, is "
                "%(achievement)d%% achieved against %(expected)d%% expected by now.",
                p["count"],
            )
            % p
        )
    return str(code)
