"""The eligibility check of a nomination (资格审查): a pure function of the facts, reasons as codes.

A nomination is eligible when it was submitted within the call's nomination window, rests on at
least one project and only on projects its unit leads (牵头), at least one of them has an accepted
progress report or recorded progress, the unit is within its quota (the nominations it submitted
first count first), and it carries a statement. Each failed rule is a reason: a code with its
parameters, stored on the nomination and rendered in the reader's language by :func:`reason_text`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _

from reformtrack.core.official_docx import chinese_date


class ReasonCode(StrEnum):
    OUT_OF_WINDOW = "out_of_window"
    NO_PROJECT = "no_project"
    NOT_LEAD = "not_lead"
    NO_PROGRESS = "no_progress"
    OVER_QUOTA = "over_quota"
    NO_STATEMENT = "no_statement"


@dataclass(frozen=True)
class ProjectFacts:
    """What the check needs of a linked project."""

    title: str
    led_by_unit: bool
    has_progress: bool  # an accepted report, or progress above zero


@dataclass(frozen=True)
class NominationFacts:
    """What the check needs of a nomination."""

    submitted_on: dt.date | None
    opens: dt.date
    closes: dt.date
    place_in_unit: int  # 1 for the unit's first submitted nomination of the call
    quota: int
    statement: str
    projects: list[ProjectFacts] = field(default_factory=list)


Reason = dict[str, Any]


def _reason(code: ReasonCode, **params: Any) -> Reason:
    return {"code": str(code), "params": params}


def check_eligibility(facts: NominationFacts) -> list[Reason]:
    """The reasons the nomination is not eligible; an empty list when it is."""
    reasons: list[Reason] = []
    day = facts.submitted_on
    if day is None or not facts.opens <= day <= facts.closes:
        reasons.append(
            _reason(ReasonCode.OUT_OF_WINDOW, opens=facts.opens.isoformat(), closes=facts.closes.isoformat())
        )
    if not facts.projects:
        reasons.append(_reason(ReasonCode.NO_PROJECT))
    for project in facts.projects:
        if not project.led_by_unit:
            reasons.append(_reason(ReasonCode.NOT_LEAD, project=project.title))
    if facts.projects and not any(project.has_progress for project in facts.projects):
        reasons.append(_reason(ReasonCode.NO_PROGRESS))
    if facts.place_in_unit > facts.quota:
        reasons.append(_reason(ReasonCode.OVER_QUOTA, quota=facts.quota))
    if not facts.statement.strip():
        reasons.append(_reason(ReasonCode.NO_STATEMENT))
    return reasons


def reason_text(reason: Reason) -> str:
    """One stored reason in the reader's language."""
    params = reason.get("params", {})
    code = reason.get("code")
    if code == ReasonCode.OUT_OF_WINDOW:
        return _("Not submitted within the nomination window (%(opens)s to %(closes)s).") % {
            "opens": chinese_date(dt.date.fromisoformat(params["opens"])),
            "closes": chinese_date(dt.date.fromisoformat(params["closes"])),
        }
    if code == ReasonCode.NO_PROJECT:
        return _("No project of the unit is linked.")
    if code == ReasonCode.NOT_LEAD:
        return _("The unit does not lead the project “%(project)s”.") % {"project": params["project"]}
    if code == ReasonCode.NO_PROGRESS:
        return _("No linked project has an accepted progress report or recorded progress.")
    if code == ReasonCode.OVER_QUOTA:
        return _("Over the unit's quota of %(quota)d nominations.") % {"quota": params["quota"]}
    if code == ReasonCode.NO_STATEMENT:
        return _("The statement is missing.")
    return str(code)
