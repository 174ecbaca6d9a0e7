"""Citizens' satisfaction ratings and comments on projects, their abuse limits and moderation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingsConfig(AppConfig):
    name = "reformtrack.ratings"
    verbose_name = _("Citizen ratings")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  # registers the restrict() rules of the ratings
