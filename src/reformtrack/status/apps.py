from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from reformtrack.ledger.signals import plan_imported, plan_progress_updated, project_changed
from reformtrack.reporting.signals import report_reviewed


class StatusConfig(AppConfig):
    name = "reformtrack.status"
    verbose_name = _("Status lights")

    def ready(self) -> None:
        # The ledger announces its changes through its signals; the lights follow them here, so
        # the ledger never calls up into this app.
        from . import receivers

        project_changed.connect(receivers.judge_changed_project, dispatch_uid="status.judge_changed_project")
        plan_imported.connect(receivers.judge_imported_plan, dispatch_uid="status.judge_imported_plan")
        plan_progress_updated.connect(receivers.judge_updated_plan, dispatch_uid="status.judge_updated_plan")
        # likewise a reviewed report: reporting never calls up into this app
        report_reviewed.connect(receivers.judge_reviewed_report, dispatch_uid="status.judge_reviewed_report")
