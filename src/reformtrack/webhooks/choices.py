"""Choices of the webhooks app's fields.

The events are the event notices' kinds (:class:`reformtrack.reminders.choices.NoticeKind`): what
a person hears of in the app is what another system can follow here. A test ping has its own kind.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from reformtrack.reminders.choices import NoticeKind

__all__ = ["PING", "DeliveryStatus", "NoticeKind", "kind_label"]

# The kind of a test ping sent by hand from the endpoint's page; no endpoint subscribes to it.
PING = "ping"


class DeliveryStatus(models.TextChoices):
    """Where a delivery stands: pending → sending → sent; back to pending to be tried again after a
    failure (or when its worker died), failed once its attempts are spent."""

    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


def kind_label(kind: str) -> str:
    """The words of a delivery's kind: the event's label, or "Test ping"."""
    if kind == PING:
        return str(_("Test ping"))
    return str(NoticeKind(kind).label) if kind in NoticeKind.values else kind
