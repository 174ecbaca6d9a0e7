from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RiskConfig(AppConfig):
    name = "reformtrack.risk"
    verbose_name = _("Risk assessments")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  # registers the restrict() rule of assessments
