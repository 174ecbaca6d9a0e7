"""Writes of the reminders app: record the reminders due, send them once, retry failures; read marks.

A run (:func:`reminders_send`) has four steps, each its own transaction, because sending talks to
SMTP servers and group robots and must not hold database locks while it waits on them:

1. :func:`reminders_record` inserts one ``Delivery`` per reminder, recipient and channel with
   ``ON CONFLICT DO NOTHING`` on the unique key: overlapping runs record each reminder once.
2. :func:`deliveries_claim` marks the pending deliveries, and the failed ones whose next attempt is
   due, as this run's in one ``UPDATE … WHERE status IN (…)``: of two overlapping runs only one
   matches a row (PostgreSQL re-checks the condition after the other's row lock is released).
3. :func:`deliveries_send` sends what this run claimed, and
4. records the outcome: in-app notifications are created in the same transaction as the
   ``sent`` mark, so they exist exactly once; a failure keeps the error and the time of the next
   attempt (5, 10, 20, 40 … minutes later) until ``REMINDER_MAX_ATTEMPTS`` attempts are spent.

A run that dies between claiming and recording leaves deliveries ``sending``; after
:data:`STALE_AFTER` another run takes them again (an e-mail may then go twice: the one case).
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reformtrack.core.text import single_line

from . import texts
from .choices import Channel, DeliveryStatus
from .models import Delivery, Notification, WebhookTarget
from .notices import language_of
from .permissions import can_read_notification
from .selectors import Due, reminders_due

if TYPE_CHECKING:
    from collections.abc import Sequence

    from django.contrib.auth.models import User

DIGEST_KIND = "digest"
STALE_AFTER = dt.timedelta(minutes=30)
FIRST_RETRY = dt.timedelta(minutes=5)
WEBHOOK_TIMEOUT = 10  # seconds
_ERROR_LENGTH = 2000


class WebhookRefused(Exception):
    """The robot answered, but with a non-zero ``errcode`` (bad token, keyword missing, rate limit)."""


@dataclass
class Summary:
    """What a run did: deliveries recorded, sent, failed, and how many of those were retries."""

    created: int = 0
    sent: int = 0
    failed: int = 0
    retried: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """The summary as JSON-able data (the result of the background task)."""
        return {
            "created": self.created,
            "sent": self.sent,
            "failed": self.failed,
            "retried": self.retried,
            "errors": self.errors,
        }


def delivery_key(
    *, kind: str, object_ref: str, due: dt.date, offset: int, channel: str, recipient: str
) -> str:
    """The idempotency key: ``report:3/20140301/12/4:2014-04-05:+1:email:user7``."""
    return f"{kind}:{object_ref}:{due.isoformat()}:{offset:+d}:{channel}:{recipient}"


def notice_key(*, kind: str, object_ref: str, channel: str, recipient: str) -> str:
    """The idempotency key of an event notice (``report_returned:12/v4:in_app:user7``) or of a
    day's digest (``digest:2014-10-05::user7``)."""
    return f"{kind}:{object_ref}:{channel}:{recipient}"


def _deliveries(item: Due) -> list[Delivery]:
    """The rows of one reminder: in the app and by e-mail (when the person has an address) to each
    recipient, and one to each group robot."""
    targets: list[tuple[str, User | None, WebhookTarget | None]] = []
    for user in item.recipients:
        targets.append((Channel.IN_APP, user, None))
        if user.email:
            targets.append((Channel.EMAIL, user, None))
    targets += [(Channel.WEBHOOK, None, target) for target in item.webhooks]
    return [
        Delivery(
            key=delivery_key(
                kind=item.kind,
                object_ref=item.object_ref,
                due=item.due,
                offset=item.offset,
                channel=channel,
                recipient=f"user{user.pk}" if user is not None else f"webhook{webhook.pk if webhook else ''}",
            ),
            kind=item.kind,
            object_ref=item.object_ref,
            due=item.due,
            offset=item.offset,
            channel=channel,
            recipient=user,
            webhook=webhook,
            unit=item.units[0] if len(item.units) == 1 else None,
            title=item.title,
            body=item.body,
            url=item.url,
        )
        for channel, user, webhook in targets
    ]


@transaction.atomic
def reminders_record(*, today: dt.date, items: list[Due] | None = None) -> int:
    """Record a delivery for every reminder owed on ``today`` that is not recorded yet; how many.

    The insert ignores conflicts on the unique key, so a concurrent run cannot record one twice; the
    count is of keys this run did not find (an overlapping run may count the same ones).
    """
    items = reminders_due(today) if items is None else items
    rows = [row for item in items for row in _deliveries(item)]
    if not rows:
        return 0
    dues = [row.due for row in rows]
    known = set(Delivery.objects.filter(due__range=(min(dues), max(dues))).values_list("key", flat=True))
    new = [row for row in rows if row.key not in known]
    Delivery.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


@transaction.atomic
def deliveries_claim(
    *, now: dt.datetime, keys: Sequence[str] | None = None, channels: Sequence[str] | None = None
) -> list[Delivery]:
    """Take the deliveries to send now for this run: pending ones, failed ones whose next attempt is
    due and that have attempts left, and ones a dead run left ``sending``. Counts the attempt.

    ``keys`` and ``channels`` narrow the claim (an event's in-app notices). A notice kept for the
    digest is never sent alone: :func:`digests_gather` takes it."""
    token = uuid.uuid4().hex
    ready = (
        Q(status=DeliveryStatus.PENDING)
        | Q(
            status=DeliveryStatus.FAILED,
            next_attempt_at__lte=now,
            attempts__lt=settings.REMINDER_MAX_ATTEMPTS,
        )
        | Q(status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_AFTER)
    )
    claimable = Delivery.objects.filter(ready).exclude(channel=Channel.DIGEST)
    if keys is not None:
        claimable = claimable.filter(key__in=keys)
    if channels is not None:
        claimable = claimable.filter(channel__in=channels)
    claimable.update(status=DeliveryStatus.SENDING, claim=token, claimed_at=now, attempts=F("attempts") + 1)
    return list(
        Delivery.objects.filter(claim=token, status=DeliveryStatus.SENDING)
        .select_related("recipient", "webhook")
        .order_by("id")
    )


def outside_text(delivery: Delivery) -> str:
    """The words of an e-mail or a robot message: the body, and where ``SITE_URL`` says at which
    address people open the platform, a line with the link to what the reminder is about (the
    in-app notification links by itself)."""
    if not settings.SITE_URL or not delivery.url:
        return delivery.body
    return f"{delivery.body}\n查看：{settings.SITE_URL.rstrip('/')}{delivery.url}"


def _send_email(delivery: Delivery, connection: BaseEmailBackend) -> None:
    assert delivery.recipient is not None
    message = mail.EmailMessage(
        # a title is data (a project's title, a measure's text): one line, whatever it holds,
        # or Django refuses the header (BadHeaderError) and the reminder never arrives
        subject=single_line(delivery.title),
        body=outside_text(delivery),
        to=[delivery.recipient.email],
        connection=connection,
    )
    if message.send() != 1:
        raise RuntimeError("the mail backend sent nothing")


def _send_webhook(delivery: Delivery) -> None:
    """POST the text message WeCom and DingTalk robots both take; a non-zero errcode is a failure."""
    assert delivery.webhook is not None
    content = outside_text(delivery)
    payload = json.dumps({"msgtype": "text", "text": {"content": content}}, ensure_ascii=False)
    request = urllib.request.Request(
        delivery.webhook.url,
        data=payload.encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:
        answer = response.read().decode("utf-8", "replace")
    try:
        data = json.loads(answer) if answer.strip() else {}
    except ValueError:
        data = {}
    errcode = data.get("errcode", 0) if isinstance(data, dict) else 0
    if errcode not in (0, "0"):
        raise WebhookRefused(f"{delivery.webhook.kind} errcode {errcode}: {data.get('errmsg', '')}")


def _error(exc: BaseException) -> str:
    if isinstance(exc, WebhookRefused):
        text = str(exc)
    elif isinstance(exc, urllib.error.HTTPError):
        text = f"HTTP {exc.code} {exc.reason}"
    else:
        text = f"{type(exc).__name__}: {exc}"
    return text[:_ERROR_LENGTH]


def deliveries_send(*, deliveries: list[Delivery], now: dt.datetime) -> Summary:
    """Send the claimed deliveries, then record every outcome in one transaction."""
    summary = Summary(retried=sum(1 for d in deliveries if d.attempts > 1))
    notifications: list[Notification] = []
    connection = mail.get_connection(fail_silently=False)
    for delivery in deliveries:
        try:
            if delivery.channel == Channel.IN_APP:
                assert delivery.recipient is not None
                notifications.append(
                    Notification(
                        recipient=delivery.recipient,
                        title=delivery.title,
                        body=delivery.body,
                        url=delivery.url,
                    )
                )
            elif delivery.channel == Channel.EMAIL:
                _send_email(delivery, connection)
            else:
                _send_webhook(delivery)
        except Exception as exc:  # any failure of any channel is recorded, never lost
            delivery.status = DeliveryStatus.FAILED
            delivery.last_error = _error(exc)
            if delivery.attempts < settings.REMINDER_MAX_ATTEMPTS:
                delivery.next_attempt_at = now + FIRST_RETRY * 2 ** (delivery.attempts - 1)
            else:
                delivery.next_attempt_at = None  # given up: stays on the log as failed
            summary.failed += 1
            summary.errors.append(f"{delivery.key}: {delivery.last_error}")
        else:
            delivery.status = DeliveryStatus.SENT
            delivery.sent_at = now
            delivery.next_attempt_at = None
            summary.sent += 1
        delivery.claim = ""
    with transaction.atomic():
        Notification.objects.bulk_create(notifications)
        Delivery.objects.bulk_update(
            deliveries, ["status", "last_error", "next_attempt_at", "sent_at", "claim"], batch_size=500
        )
    return summary


def reminders_send(*, today: dt.date, now: dt.datetime | None = None) -> Summary:
    """Record the reminders owed on ``today`` and send everything due to go: the run of
    ``reformtrack remind`` and of the background task. Safe to run twice or at the same time."""
    now = now or timezone.now()
    created = reminders_record(today=today)
    created += digests_gather(today=today, now=now)
    summary = deliveries_send(deliveries=deliveries_claim(now=now), now=now)
    summary.created = created
    return summary


def _digest_words(items: list[Delivery], today: dt.date) -> tuple[str, str]:
    title = _("Daily digest of %(date)s: %(count)d notices") % {
        "date": texts.date(today),
        "count": len(items),
    }
    return title, "\n".join(f"• {item.title}\n  {item.body}" for item in items)


def _digest(user: User, items: list[Delivery], today: dt.date, token: str) -> Delivery:
    with translation.override(language_of(user)):
        title, body = _digest_words(items, today)
    channel = Channel.EMAIL if user.email else Channel.IN_APP
    return Delivery(
        key=notice_key(
            kind=DIGEST_KIND, object_ref=today.isoformat(), channel="", recipient=f"user{user.pk}"
        ),
        kind=DIGEST_KIND,
        object_ref=today.isoformat(),
        due=today,
        offset=0,
        channel=channel,
        recipient=user,
        title=title[:200],
        body=body,
        url=reverse("reminders:notifications"),
        claim=token,
    )


@transaction.atomic
def digests_gather(*, today: dt.date, now: dt.datetime) -> int:
    """Gather each person's waiting digest notices into one delivery for ``today``; how many.

    Runs from ``NOTICE_DIGEST_HOUR`` (local time) on; a person gets one digest a day (its key is
    unique): what comes after it waits for tomorrow's. The notices are claimed first, so two runs at
    once never gather one twice, and the digest's insert decides, under its unique key, whose run
    sends today's; the other run's notices go back to waiting.
    """
    if timezone.localtime(now).hour < settings.NOTICE_DIGEST_HOUR:
        return 0
    token = uuid.uuid4().hex
    waiting = Q(status=DeliveryStatus.PENDING) | Q(
        status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_AFTER
    )
    Delivery.objects.filter(waiting, channel=Channel.DIGEST).update(
        status=DeliveryStatus.SENDING, claim=token, claimed_at=now
    )
    items = list(
        Delivery.objects.filter(claim=token).select_related("recipient").order_by("created_at", "id")
    )
    if not items:
        return 0
    people: dict[int, tuple[User, list[Delivery]]] = {}
    for item in items:
        assert item.recipient is not None
        people.setdefault(item.recipient.pk, (item.recipient, []))[1].append(item)
    digests = [_digest(user, gathered, today, token) for user, gathered in people.values()]
    Delivery.objects.bulk_create(digests, ignore_conflicts=True)
    ours = Delivery.objects.filter(key__in=[digest.key for digest in digests], claim=token)
    sent_to = set(ours.values_list("recipient_id", flat=True))
    ours.update(claim="")
    gathered = [item.pk for item in items if item.recipient_id in sent_to]
    Delivery.objects.filter(pk__in=gathered).update(status=DeliveryStatus.SENT, sent_at=now, claim="")
    Delivery.objects.filter(claim=token).update(status=DeliveryStatus.PENDING, claim="")
    return len(sent_to)


@transaction.atomic
def notification_mark_read(*, notification: Notification, by: User) -> Notification:
    """Mark one of the user's own notifications read (again: no change)."""
    if not can_read_notification(by, notification):
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


@transaction.atomic
def notifications_mark_all_read(*, by: User) -> int:
    """Mark all the user's unread notifications read; how many."""
    return Notification.objects.filter(recipient=by, read_at__isnull=True).update(read_at=timezone.now())
