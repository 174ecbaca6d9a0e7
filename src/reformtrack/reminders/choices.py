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
