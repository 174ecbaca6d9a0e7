from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from reformtrack.reporting.signals import report_event
from reformtrack.supervision.signals import bulletin_issued, extension_event, order_event


class RemindersConfig(AppConfig):
    name = "reformtrack.reminders"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        # Reports and orders announce their events through their signals after they commit; the
        # notices follow them here, so those apps never call up into this one.
        from . import receivers

        report_event.connect(receivers.on_report_event, dispatch_uid="reminders.on_report_event")
        order_event.connect(receivers.on_order_event, dispatch_uid="reminders.on_order_event")
        extension_event.connect(receivers.on_extension_event, dispatch_uid="reminders.on_extension_event")
        bulletin_issued.connect(receivers.on_bulletin_issued, dispatch_uid="reminders.on_bulletin_issued")
