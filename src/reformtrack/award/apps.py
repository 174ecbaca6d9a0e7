from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardConfig(AppConfig):
    name = "reformtrack.award"
    verbose_name = _("Innovation award")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  # registers the restrict() rules (calls, nominations, scores)
