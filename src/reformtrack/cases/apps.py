"""The reform case library (改革案例库): write-ups of reforms that worked."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "reformtrack.cases"
    verbose_name = _("Case library")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  # registers the restrict() rules of cases
