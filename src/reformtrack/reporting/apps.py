from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reformtrack.reporting"
    verbose_name = _("Progress reports")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  # registers the restrict() rules of progress reports
