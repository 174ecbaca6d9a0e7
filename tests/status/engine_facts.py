"""Facts for the engine tests: a project of 2014 with a deadline at the end of the year."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reformtrack.status.engine import MeasureFacts, ProjectFacts, ReportFacts

START = dt.date(2014, 1, 1)
DEADLINE = dt.date(2014, 12, 31)
MID_YEAR = dt.date(2014, 7, 2)  # half-way: 50 % expected


def project(**changes: Any) -> ProjectFacts:
    """A project in progress, on schedule at mid-year (50 % done), no measures, milestones or reports."""
    values: dict[str, Any] = {
        "id": 1,
        "start": START,
        "deadline": DEADLINE,
        "progress": 50,
        "status": "in_progress",
        "milestones": (),
        "measures": (),
        "reports": ReportFacts(),
    }
    values.update(changes)
    return ProjectFacts(**values)


def measure(id: int = 10, deadline: dt.date | None = None, progress: int = 50) -> MeasureFacts:
    return MeasureFacts(id=id, deadline=deadline, progress=progress)


def codes(reasons: list[dict[str, Any]]) -> list[str]:
    return [reason["code"] for reason in reasons]
