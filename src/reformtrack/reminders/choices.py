"""Choices of the reminders app's fields."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    """What a reminder is about."""

    REPORT = "report", _("Progress report")
    PROJECT = "project", _("Project deadline")
    MEASURE = "measure", _("Measure deadline")
    ORDER = "order", _("Supervision order")


class Channel(models.TextChoices):
    """How a reminder reaches people."""

    IN_APP = "in_app", _("In the app")
    EMAIL = "email", _("E-mail")
    WEBHOOK = "webhook", _("Group robot")
    # an event notice kept for the person's daily digest; gathered into one e-mail a day
    DIGEST = "digest", _("Daily digest")


class DeliveryStatus(models.TextChoices):
    """Where a delivery stands: pending → sending → sent, or failed (retried until attempts run out)."""

    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class WebhookKind(models.TextChoices):
    """The group robot's messenger: 企业微信 or 钉钉 (both take the same text message)."""

    WECOM = "wecom", _("WeCom")
    DINGTALK = "dingtalk", _("DingTalk")


class NoticeKind(models.TextChoices):
    """An event a person hears of (事项通知), as opposed to a reminder of a deadline."""

    REPORT_SUBMITTED = "report_submitted", _("Progress report submitted")
    REPORT_RETURNED = "report_returned", _("Progress report returned")
    REPORT_ACCEPTED = "report_accepted", _("Progress report accepted")
    ORDER_ISSUED = "order_issued", _("Supervision order issued")
    ORDER_ANSWERED = "order_answered", _("Supervision order answered")
    ORDER_CLOSED = "order_closed", _("Supervision order closed out")
    ORDER_ESCALATED = "order_escalated", _("Supervision order escalated")
    EXTENSION_REQUESTED = "extension_requested", _("Extension requested")
    EXTENSION_DECIDED = "extension_decided", _("Extension request decided")
    BULLETIN_ISSUED = "bulletin_issued", _("Bulletin issued")


# Every kind a delivery records: reminders, event notices and the digest that gathers them.
DELIVERY_KINDS = [*ReminderKind.choices, *NoticeKind.choices, ("digest", _("Daily digest"))]


class NoticeChannel(models.TextChoices):
    """How a person chooses to hear of one kind of event."""

    APP = "app", _("In the app")
    EMAIL = "email", _("By e-mail")
    DIGEST = "digest", _("In the daily digest")
    NONE = "none", _("Not at all")
