"""Outgoing webhooks: signed, retried, idempotent deliveries of the platform's events."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from reformtrack.reporting.signals import report_event
from reformtrack.supervision.signals import bulletin_issued, extension_event, order_event


class WebhooksConfig(AppConfig):
    name = "reformtrack.webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        # importing permissions registers the restrict() rules
        from . import permissions, receivers  # noqa: F401

        # The same signals the event notices follow (reminders/apps.py): reports and orders announce
        # their events after they commit, and the deliveries follow them here.
        report_event.connect(receivers.on_report_event, dispatch_uid="webhooks.on_report_event")
        order_event.connect(receivers.on_order_event, dispatch_uid="webhooks.on_order_event")
        extension_event.connect(receivers.on_extension_event, dispatch_uid="webhooks.on_extension_event")
        bulletin_issued.connect(receivers.on_bulletin_issued, dispatch_uid="webhooks.on_bulletin_issued")
