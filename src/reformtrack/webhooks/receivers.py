"""The webhooks' answers to the events the lower apps announce after they commit: the same signals
the event notices follow (:mod:`reformtrack.reporting.signals`, :mod:`reformtrack.supervision.signals`),
connected in :meth:`.apps.WebhooksConfig.ready`. Each event becomes a delivery to every endpoint
subscribed to it (:func:`.services.event_record`).

A delivery is news, not part of the act: a failure to record one is logged and never undoes or
breaks what the person did (the act is committed already).
"""

from __future__ import annotations

import logging
from typing import Any

from . import payloads
from .services import event_record

logger = logging.getLogger(__name__)


def _record(event: payloads.Event) -> None:
    try:
        event_record(event=event)
    except Exception:  # the act stands; the log tells the office a delivery is missing
        logger.exception("could not record the webhook deliveries of %s", event.key)


def on_report_event(sender: type, *, report: Any, event: str, **kwargs: Any) -> None:
    """A report submitted, returned or accepted."""
    _record(payloads.report_event(report=report, event=event))


def on_order_event(sender: type, *, order: Any, event: str, successor: Any = None, **kwargs: Any) -> None:
    """An order issued, answered, closed or escalated."""
    _record(payloads.order_event(order=order, event=event, successor=successor))


def on_extension_event(sender: type, *, request: Any, event: str, **kwargs: Any) -> None:
    """An extension requested or decided."""
    _record(payloads.extension_event(request=request, event=event))


def on_bulletin_issued(sender: type, *, bulletin: Any, **kwargs: Any) -> None:
    """A bulletin issued."""
    _record(payloads.bulletin_event(bulletin=bulletin))
