"""Sending deliveries: claim the due ones, POST each signed body, record every outcome.

A run (:func:`deliveries_run`, the work of the background task) does three things:

1. :func:`deliveries_recover_stale` puts back the deliveries a dead run left ``sending`` longer than
   :data:`STALE_AFTER`: pending again to be sent, or failed when that was their last attempt. A
   worker killed mid-send loses no delivery (the receiver may then get it twice: it recognises the
   repeat by its X-Reformtrack-Delivery id).
2. :func:`deliveries_claim` takes up to :data:`BATCH` due deliveries (pending, their next attempt
   due, their endpoint receiving) in one ``UPDATE … WHERE status = 'pending'``: of two overlapping
   runs only one matches a row. The claim counts the attempt.
3. :func:`deliveries_send` POSTs each and records its outcome at once (one ``UPDATE`` each, only
   while the run still holds it): sent on a 2xx answer; otherwise pending again after 1, 2, 4, 8 …
   minutes, until :data:`MAX_ATTEMPTS` attempts are spent, then failed. A redirect is a failure too
   (the body is not posted anywhere the office did not name).

The HTTP client is the standard library's, as for the group robots of the reminders app.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q
from django.utils import timezone

from .choices import DeliveryStatus
from .models import Delivery
from .signing import body_of, signature

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
FIRST_RETRY = dt.timedelta(minutes=1)
TIMEOUT = 10  # seconds per POST
BATCH = 20  # deliveries per claim: a batch of timeouts (200 s) ends well within STALE_AFTER
STALE_AFTER = dt.timedelta(minutes=10)
USER_AGENT = "reformtrack-webhooks/1"
_ERROR_LENGTH = 2000
_WORKER_STOPPED = "The worker stopped while sending; "


@dataclass
class Summary:
    """What a run did: deliveries sent, to be retried, failed for good, recovered from dead runs."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0
    recovered: int = 0

    def as_dict(self) -> dict[str, int]:
        """The summary as JSON-able data (the background task's result)."""
        return {
            "sent": self.sent,
            "retrying": self.retrying,
            "failed": self.failed,
            "recovered": self.recovered,
        }


def deliveries_recover_stale(*, now: dt.datetime) -> int:
    """Put back the deliveries left ``sending`` by a run that died; how many."""
    stale = Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_AFTER)
    again = stale.filter(attempts__lt=MAX_ATTEMPTS).update(
        status=DeliveryStatus.PENDING,
        claim="",
        next_attempt_at=now,
        last_error=_WORKER_STOPPED + "sent again.",
    )
    given_up = stale.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=DeliveryStatus.FAILED,
        claim="",
        next_attempt_at=None,
        last_error=_WORKER_STOPPED + "no attempts left.",
    )
    if again or given_up:
        logger.warning("webhook deliveries of a dead run: %s pending again, %s failed", again, given_up)
    return again + given_up


def _due(now: dt.datetime) -> Q:
    return Q(status=DeliveryStatus.PENDING) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


def deliveries_claim(*, now: dt.datetime, limit: int = BATCH) -> list[Delivery]:
    """Take up to ``limit`` due deliveries of receiving endpoints for this run, oldest first."""
    token = uuid.uuid4().hex
    candidates = list(
        Delivery.objects.filter(_due(now), endpoint__active=True, endpoint__archived_at__isnull=True)
        .order_by("id")
        .values_list("pk", flat=True)[:limit]
    )
    if not candidates:
        return []
    # the condition again: of two runs that read the same candidates, one claims each row
    Delivery.objects.filter(_due(now), pk__in=candidates).update(
        status=DeliveryStatus.SENDING, claim=token, claimed_at=now, attempts=F("attempts") + 1
    )
    return list(
        Delivery.objects.filter(claim=token, status=DeliveryStatus.SENDING)
        .select_related("endpoint")
        .order_by("id")
    )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is answered as the error it is here, not followed."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def post(delivery: Delivery) -> int:
    """POST the delivery's signed body to its endpoint; the status code of a 2xx answer. Raises
    ``urllib.error.HTTPError`` for any other answer and ``OSError`` when none comes."""
    body = body_of(delivery.payload)
    request = urllib.request.Request(
        delivery.endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": USER_AGENT,
            "X-Reformtrack-Event": delivery.kind,
            "X-Reformtrack-Delivery": delivery.key,
            "X-Reformtrack-Timestamp": str(int(time.time())),
            "X-Reformtrack-Signature": signature(delivery.endpoint.secret, body),
        },
    )
    with _opener.open(request, timeout=TIMEOUT) as response:
        response.read(65536)  # the answer is not used; read some so the connection ends cleanly
        return int(response.status)


def _outcome(delivery: Delivery, now: dt.datetime) -> dict[str, Any]:
    """Send one delivery; the changes that record how it went."""
    try:
        code = post(delivery)
    except urllib.error.HTTPError as exc:
        code, error = exc.code, f"HTTP {exc.code} {exc.reason}"
    except Exception as exc:  # no answer: refused, timed out, bad address; recorded, never lost
        code, error = None, f"{type(exc).__name__}: {exc}"
    else:
        return {
            "status": DeliveryStatus.SENT,
            "sent_at": now,
            "next_attempt_at": None,
            "last_status_code": code,
            "last_error": "",
        }
    retry = delivery.attempts < MAX_ATTEMPTS
    return {
        "status": DeliveryStatus.PENDING if retry else DeliveryStatus.FAILED,
        "next_attempt_at": now + FIRST_RETRY * 2 ** (delivery.attempts - 1) if retry else None,
        "last_status_code": code,
        "last_error": error[:_ERROR_LENGTH],
    }


def deliveries_send(*, deliveries: list[Delivery], now: dt.datetime, summary: Summary) -> None:
    """Send the claimed deliveries, recording each outcome as soon as it is known."""
    for delivery in deliveries:
        changes = _outcome(delivery, now)
        # only while this run still holds it: a run declared dead and recovered changes nothing
        if not Delivery.objects.filter(pk=delivery.pk, claim=delivery.claim).update(claim="", **changes):
            logger.warning("webhook delivery %s was taken over; its outcome is dropped", delivery.key)
            continue
        for name, value in changes.items():
            setattr(delivery, name, value)
        if changes["status"] == DeliveryStatus.SENT:
            summary.sent += 1
        elif changes["status"] == DeliveryStatus.PENDING:
            summary.retrying += 1
        else:
            summary.failed += 1


def deliveries_run(*, now: dt.datetime | None = None, claimed: Any = None) -> Summary:
    """Recover what dead runs left, then send every due delivery, a batch at a time. ``claimed`` is
    called once before the first batch is sent (the task schedules its safety net there)."""
    now = now or timezone.now()
    summary = Summary(recovered=deliveries_recover_stale(now=now))
    while batch := deliveries_claim(now=now):
        if claimed is not None:
            claimed()
            claimed = None
        deliveries_send(deliveries=batch, now=now, summary=summary)
    return summary


def next_attempt_due(*, now: dt.datetime) -> dt.datetime | None:
    """When the earliest delivery waiting for a later attempt is due; ``None`` if none waits. Only
    receiving endpoints count: what waits for an archived or inactive one waits for nobody's run."""
    return (
        Delivery.objects.filter(
            status=DeliveryStatus.PENDING,
            next_attempt_at__gt=now,
            endpoint__active=True,
            endpoint__archived_at__isnull=True,
        )
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
