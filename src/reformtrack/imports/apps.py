from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    """The import wizard: upload a plan document, check what the importer found, store it."""

    name = "reformtrack.imports"
    label = "imports"
    verbose_name = _("Plan import")
    default_auto_field = "django.db.models.BigAutoField"
