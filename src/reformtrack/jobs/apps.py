from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "reformtrack.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  # registers the restrict() rules of jobs
