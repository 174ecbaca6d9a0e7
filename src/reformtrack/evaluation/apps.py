"""Post-implementation evaluations (实施后评估), their expert reviewers and reports."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "reformtrack.evaluation"
    verbose_name = _("Evaluations")

    def ready(self) -> None:
        from reformtrack.ledger.signals import project_changed
        from reformtrack.reporting.signals import report_reviewed

        from . import permissions, receivers  # noqa: F401  # permissions registers the restrict() rules

        project_changed.connect(receivers.open_on_completion, dispatch_uid="evaluation.open_on_completion")
        report_reviewed.connect(
            receivers.open_on_accepted_report, dispatch_uid="evaluation.open_on_accepted_report"
        )
