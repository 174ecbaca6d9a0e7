from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """People and their accounts: role, unit, login, and who may see and do what (``permissions``)."""

    name = "reformtrack.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # registered on import: the system checks, and the restrict() rule of accounts
        from . import checks, permissions  # noqa: F401
