"""What an event tells another system: its kind, a key naming it, and the ids and public-safe
summary of the objects it is about.

Public-safe: ids, numbers, titles, statuses and dates, the unit's name. Never the text people wrote
inside the platform (a report's content, a review comment, an order's reasons and requirements, an
extension's reasons): a system that needs those reads them through the API with its own token.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .choices import NoticeKind

if TYPE_CHECKING:
    from reformtrack.ledger.models import Project, Unit
    from reformtrack.reporting.models import ProgressReport
    from reformtrack.supervision.models import Bulletin, ExtensionRequest, SupervisionOrder

Data = dict[str, Any]


@dataclass(frozen=True)
class Event:
    """One event as the webhooks send it: its kind, the key that names it (the same for every
    endpoint, so an event announced twice is recorded once) and its data."""

    kind: str
    key: str
    data: Data


def _date(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _unit(unit: Unit) -> Data:
    return {"id": unit.pk, "name": unit.name}


def _project(project: Project) -> Data:
    return {"id": project.pk, "plan_id": project.plan_id, "label": project.label, "title": project.title}


def report_event(*, report: ProgressReport, event: str) -> Event:
    """A report submitted, returned or accepted; the version makes a resubmission a new event."""
    kind = NoticeKind(f"report_{event}")
    data = {
        "report": {
            "id": report.pk,
            "version": report.version,
            "status": report.status,
            "period_start": _date(report.period_start),
            "period_end": _date(report.period_end),
            "percent_complete": report.percent_complete,
            "unit": _unit(report.unit),
        },
        "project": _project(report.project),
    }
    return Event(kind, f"{kind}:{report.pk}/v{report.version}", data)


def _order(order: SupervisionOrder) -> Data:
    return {
        "id": order.pk,
        "number": order.number,
        "grade": order.grade,
        "status": order.status,
        "issuing_office": order.issuing_office,
        "response_due": _date(order.response_due),
        "measure_id": order.measure_id,
        "unit": _unit(order.unit),
    }


def order_event(*, order: SupervisionOrder, event: str, successor: SupervisionOrder | None = None) -> Event:
    """An order issued, answered, closed or escalated (with the order of the next grade)."""
    kind = NoticeKind(f"order_{event}")
    data: Data = {"order": _order(order), "project": _project(order.project)}
    if successor is not None:
        data["successor"] = _order(successor)
    return Event(kind, f"{kind}:{order.pk}", data)


def extension_event(*, request: ExtensionRequest, event: str) -> Event:
    """An extension of a project's or a measure's deadline requested or decided."""
    kind = NoticeKind(f"extension_{event}")
    data = {
        "extension": {
            "id": request.pk,
            "status": request.status,
            "measure_id": request.measure_id,
            "original_deadline": _date(request.original_deadline),
            "requested_deadline": _date(request.requested_deadline),
            "unit": _unit(request.unit),
        },
        "project": _project(request.project),
    }
    return Event(kind, f"{kind}:{request.pk}", data)


def bulletin_event(*, bulletin: Bulletin) -> Event:
    """A bulletin issued with its number."""
    kind = NoticeKind.BULLETIN_ISSUED
    data = {
        "bulletin": {
            "id": bulletin.pk,
            "number": bulletin.number,
            "title": bulletin.title,
            "period_start": _date(bulletin.period_start),
            "period_end": _date(bulletin.period_end),
            "issued_at": _date(bulletin.issued_at),
        }
    }
    return Event(kind, f"{kind}:{bulletin.pk}", data)
