"""The reminders app's answers to the events the lower apps announce after they commit
(:mod:`reformtrack.reporting.signals`, :mod:`reformtrack.supervision.signals`), connected in
:meth:`.apps.RemindersConfig.ready`: each becomes an event notice (:mod:`.notices`).

A notice is news, not part of the act: a failure to record one is logged and never undoes or
breaks what the person did (the act is committed already).
"""

from __future__ import annotations

import logging
from typing import Any

from . import notices
from .notice_services import notice_deliver

logger = logging.getLogger(__name__)


def _deliver(event: notices.Event) -> None:
    try:
        notice_deliver(event=event)
    except Exception:  # the act stands; the log tells the office a notice is missing
        logger.exception("could not record the notice %s %s", event.kind, event.object_ref)


def on_report_event(sender: type, *, report: Any, event: str, by: Any, **kwargs: Any) -> None:
    """A report submitted, returned or accepted."""
    _deliver(notices.report_event(report=report, event=event, by=by))


def on_order_event(
    sender: type, *, order: Any, event: str, by: Any, successor: Any = None, **kwargs: Any
) -> None:
    """An order issued, answered, closed or escalated."""
    _deliver(notices.order_event(order=order, event=event, by=by, successor=successor))


def on_extension_event(sender: type, *, request: Any, event: str, by: Any, **kwargs: Any) -> None:
    """An extension requested or decided."""
    _deliver(notices.extension_event(request=request, event=event, by=by))


def on_bulletin_issued(sender: type, *, bulletin: Any, by: Any, **kwargs: Any) -> None:
    """A bulletin issued."""
    _deliver(notices.bulletin_event(bulletin=bulletin, by=by))
