"""Choices of the api app's fields, one class per field."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TokenScope(models.TextChoices):
    """What a token may do: read only, or read and write (where the pages let its account write)."""

    READ = "read", _("Read")
    WRITE = "write", _("Read and write")


class TokenKind(models.TextChoices):
    """Whom a token is for: a person, or another system (a city dashboard, a WeCom app)."""

    PERSON = "person", _("Person")
    SYSTEM = "system", _("System")
