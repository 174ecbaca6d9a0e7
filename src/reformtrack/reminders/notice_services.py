"""Writes of the event notices: record an event's deliveries once, deliver the in-app ones at once,
gather the daily digests, save a person's preferences.

An event (:class:`.notices.Event`) becomes one ``Delivery`` per recipient on the channel they chose
(:class:`.choices.NoticeChannel`; in the app unless they chose otherwise) and one per group robot,
under the unique key ``kind:object:channel:recipient`` inserted with ``ON CONFLICT DO NOTHING``: the
same event announced twice records nothing new, and a delivery is sent once (the claim of
:func:`.services.deliveries_claim`). In-app notices are delivered in the receiver; e-mails and robot
messages go from a background task (the request does not wait on SMTP), and the hourly reminder
run sends whatever is still pending. Digest deliveries wait for :func:`digests_gather`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from .choices import Channel, DeliveryStatus, NoticeChannel, NoticeKind
from .models import Delivery, NoticePreference
from .notices import Event, language_of, recipients_find, rendered
from .services import Summary, deliveries_claim, deliveries_send, notice_key

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .models import WebhookTarget

logger = logging.getLogger(__name__)

# the channels a person may choose, as the channel a delivery goes by
_DELIVERY_CHANNEL = {
    NoticeChannel.APP: Channel.IN_APP,
    NoticeChannel.EMAIL: Channel.EMAIL,
    NoticeChannel.DIGEST: Channel.DIGEST,
}


def preferences_of(users: list[User], kind: str) -> dict[int, str]:
    """How each of ``users`` hears of ``kind`` (one query): their choice, else in the app."""
    chosen = dict(
        NoticePreference.objects.filter(user__in=users, kind=kind).values_list("user_id", "channel")
    )
    return {user.pk: chosen.get(user.pk, NoticeChannel.APP) for user in users}


def _channel(choice: str, user: User) -> str | None:
    """The delivery channel of a person's choice; e-mail without an address comes in the app."""
    if choice == NoticeChannel.NONE:
        return None
    if choice == NoticeChannel.EMAIL and not user.email:
        return Channel.IN_APP
    return _DELIVERY_CHANNEL[NoticeChannel(choice)]


def _rows(event: Event) -> list[Delivery]:
    """The deliveries of an event: each person on their channel, each group robot once; the words
    rendered once per language."""
    words: dict[str, tuple[str, str]] = {}
    chosen = preferences_of(event.recipients, event.kind)
    targets: list[tuple[str, User | None, WebhookTarget | None, str]] = []
    for person in event.recipients:
        chosen_channel = _channel(chosen[person.pk], person)
        if chosen_channel is not None:
            targets.append((chosen_channel, person, None, language_of(person)))
    targets += [(Channel.WEBHOOK, None, hook, language_of(None)) for hook in event.webhooks]
    rows = []
    for channel, user, hook, language in targets:
        if language not in words:
            words[language] = rendered(event, language)
        title, body = words[language]
        recipient = f"user{user.pk}" if user is not None else f"webhook{hook.pk if hook else ''}"
        rows.append(
            Delivery(
                key=notice_key(
                    kind=event.kind, object_ref=event.object_ref, channel=channel, recipient=recipient
                ),
                kind=event.kind,
                object_ref=event.object_ref,
                due=event.day,
                offset=0,
                channel=channel,
                recipient=user,
                webhook=hook,
                unit=event.units[0] if len(event.units) == 1 else None,
                title=title,
                body=body,
                url=event.url,
            )
        )
    return rows


@transaction.atomic
def notice_record(*, event: Event) -> list[str]:
    """Record the deliveries of ``event`` that are not recorded yet; the keys of all of them."""
    recipients_find(event)
    rows = _rows(event)
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    return [row.key for row in rows]


def notice_deliver(*, event: Event, now: dt.datetime | None = None) -> Summary:
    """Record ``event`` and put its in-app notices in the inboxes now; queue the e-mails and robot
    messages for a worker (a queue that is down leaves them to the hourly run)."""
    now = now or timezone.now()
    keys = notice_record(event=event)
    summary = deliveries_send(
        deliveries=deliveries_claim(now=now, keys=keys, channels=(Channel.IN_APP,)), now=now
    )
    outside = Delivery.objects.filter(
        key__in=keys, status=DeliveryStatus.PENDING, channel__in=(Channel.EMAIL, Channel.WEBHOOK)
    )
    if outside.exists():
        from .tasks import deliveries_send_task  # the tasks module imports the services

        try:
            deliveries_send_task.enqueue()
        except Exception:  # the hourly run sends what a broken queue left
            logger.exception("could not queue the notices of %s %s", event.kind, event.object_ref)
    return summary


@transaction.atomic
def notice_preferences_save(*, user: User, by: User, choices: Mapping[str, str]) -> None:
    """Save how ``user`` hears of each kind of event; a person sets only their own."""
    from django.core.exceptions import PermissionDenied

    if by.pk != user.pk or not by.is_authenticated:
        raise PermissionDenied
    rows = [
        NoticePreference(user=user, kind=kind, channel=channel)
        for kind, channel in choices.items()
        if kind in NoticeKind.values and channel in NoticeChannel.values
    ]
    NoticePreference.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["user", "kind"], update_fields=["channel"]
    )
