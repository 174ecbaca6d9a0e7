from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudiesConfig(AppConfig):
    name = "reformtrack.studies"
    verbose_name = _("Pre-decision studies")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  # registers the restrict() rules of studies
