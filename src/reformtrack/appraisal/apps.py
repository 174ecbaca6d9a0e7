"""Units' yearly performance appraisal (绩效考核) with reform bonus points (改革加分)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppraisalConfig(AppConfig):
    name = "reformtrack.appraisal"
    verbose_name = _("Performance appraisal")

    def ready(self) -> None:
        from . import (
            permissions,  # noqa: F401  # registers the restrict() rules
            sources,  # noqa: F401  # registers the award's and the decisions' bonus points
        )
