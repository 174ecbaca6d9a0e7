"""Writes of the webhooks app: endpoints (create, edit, archive), an event's deliveries recorded
once, a test ping and a retry by hand.

Every service is keyword-only and runs in one transaction; those a person calls check ``by``
(``PermissionDenied``) and write history. The sending itself is :mod:`.sending`'s, in the background
task queued once the deliveries are committed.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.core.versioned import versioned_update

from .choices import PING, DeliveryStatus, NoticeKind
from .errors import ConcurrentEndpointEdit, WebhookError
from .models import Delivery, Endpoint
from .payloads import Event
from .permissions import can_manage_webhooks
from .signing import new_secret
from .tasks import enqueue_send

if TYPE_CHECKING:
    import datetime as dt

    from django.contrib.auth.models import User

    from reformtrack.accounts.permissions import AnyUser

# the namespace of the delivery ids: uuid5(namespace, "<endpoint id>:<event key>")
_KEYS = uuid.UUID("5d0f3c2e-8a41-4c8e-9a53-3f0b6f7e2a10")


def delivery_key(endpoint_id: int, event_key: str) -> str:
    """The delivery's id (X-Reformtrack-Delivery): the same for the same endpoint and event, so a
    receiver can recognise a repeat, and different for every other pair."""
    return str(uuid.uuid5(_KEYS, f"{endpoint_id}:{event_key}"))


def _require(user: AnyUser) -> None:
    if not can_manage_webhooks(user):
        raise PermissionDenied


def _events(events: Sequence[str]) -> list[str]:
    return [kind for kind in NoticeKind.values if kind in set(events)]


def _saved_by(endpoint: Endpoint, by: User) -> None:
    endpoint._history_user = by  # type: ignore[attr-defined]
    endpoint.save()


@transaction.atomic
def endpoint_create(*, by: User, name: str, url: str, events: Sequence[str], active: bool = True) -> Endpoint:
    """A new endpoint subscribed to ``events`` (kinds of :class:`NoticeKind`), with a fresh secret."""
    _require(by)
    endpoint = Endpoint(
        name=name.strip(),
        url=url.strip(),
        secret=new_secret(),
        events=_events(events),
        active=active,
        created_by=by,
    )
    _saved_by(endpoint, by)
    return endpoint


def _stale() -> ConcurrentEndpointEdit:
    return ConcurrentEndpointEdit(
        _("Someone saved this endpoint after you opened it; nothing of yours was saved. Look again.")
    )


@transaction.atomic
def endpoint_update(
    *,
    by: User,
    endpoint: Endpoint,
    version: int,
    name: str,
    url: str,
    events: Sequence[str],
    active: bool,
    new_secret_wanted: bool = False,
) -> Endpoint:
    """Change an endpoint opened at ``version``; with ``new_secret_wanted`` a fresh secret replaces
    the old one (the receiving system must take the new one). An archived endpoint is not edited."""
    _require(by)
    if endpoint.archived_at is not None:
        raise WebhookError(_("An archived endpoint cannot be changed."))
    changes: dict[str, object] = {
        "name": name.strip(),
        "url": url.strip(),
        "events": _events(events),
        "active": active,
    }
    if new_secret_wanted:
        changes["secret"] = new_secret()
    if not versioned_update(
        Endpoint.objects.filter(archived_at__isnull=True), pk=endpoint.pk, version=version, **changes
    ):
        raise _stale()
    endpoint.refresh_from_db()
    _saved_by(endpoint, by)  # the history row of the change, by whom
    return endpoint


@transaction.atomic
def endpoint_archive(*, by: User, endpoint: Endpoint) -> Endpoint:
    """Archive an endpoint: it receives nothing more (its deliveries waiting stay, unsent); it is
    kept with its deliveries, never deleted."""
    _require(by)
    if endpoint.archived_at is None:
        endpoint.archived_at = timezone.now()
        endpoint.version += 1
        _saved_by(endpoint, by)
    return endpoint


def _envelope(*, key: str, kind: str, data: dict[str, object], now: dt.datetime) -> dict[str, object]:
    return {"id": key, "event": kind, "occurred_at": now.isoformat(), "data": data}


@transaction.atomic
def event_record(*, event: Event, now: dt.datetime | None = None) -> int:
    """Record a delivery of ``event`` to every receiving endpoint subscribed to its kind, unless it is
    recorded already (the insert ignores the unique key); queue the sending once this commits. How
    many endpoints it is for."""
    now = now or timezone.now()
    endpoints = [
        endpoint
        for endpoint in Endpoint.objects.filter(active=True, archived_at__isnull=True).only("pk", "events")
        if event.kind in endpoint.events
    ]
    if not endpoints:
        return 0
    rows = []
    for endpoint in endpoints:
        key = delivery_key(endpoint.pk, event.key)
        payload = _envelope(key=key, kind=event.kind, data=event.data, now=now)
        rows.append(
            Delivery(endpoint=endpoint, kind=event.kind, event_key=event.key, key=key, payload=payload)
        )
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    transaction.on_commit(enqueue_send)
    return len(rows)


@transaction.atomic
def endpoint_ping(*, by: User, endpoint: Endpoint) -> Delivery:
    """A test ping to one receiving endpoint, sent like any event (signed, retried)."""
    _require(by)
    if not endpoint.receiving:
        raise WebhookError(_("Only an active endpoint can be pinged."))
    now = timezone.now()
    event_key = f"{PING}:{uuid.uuid4().hex}"
    key = delivery_key(endpoint.pk, event_key)
    data: dict[str, object] = {"endpoint": {"id": endpoint.pk, "name": endpoint.name}}
    delivery = Delivery.objects.create(
        endpoint=endpoint,
        kind=PING,
        event_key=event_key,
        key=key,
        payload=_envelope(key=key, kind=PING, data=data, now=now),
    )
    transaction.on_commit(enqueue_send)
    return delivery


@transaction.atomic
def delivery_retry(*, by: User, delivery: Delivery) -> Delivery:
    """Send a failed delivery again, with its attempts counted afresh (the same id and body)."""
    _require(by)
    if not delivery.endpoint.receiving:
        raise WebhookError(_("The endpoint is archived or inactive; nothing is sent to it."))
    changes: dict[str, object] = {"status": DeliveryStatus.PENDING, "attempts": 0, "next_attempt_at": None}
    if not Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.FAILED).update(**changes):
        raise WebhookError(_("Only a failed delivery can be sent again."))
    for name, value in changes.items():
        setattr(delivery, name, value)
    transaction.on_commit(enqueue_send)
    return delivery
