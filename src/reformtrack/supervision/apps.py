from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "reformtrack.supervision"
    verbose_name = _("Supervision")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  # registers the restrict() rules (orders, extensions, bulletins, decisions)
