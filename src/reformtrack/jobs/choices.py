"""Choices of the jobs app's fields."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    """Where a background job stands."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


# A job in one of these states will not change any more: the page stops refreshing.
FINISHED = (JobStatus.DONE, JobStatus.FAILED)


class JobKind(models.TextChoices):
    """What a job does; each kind has its task in the app that owns the work."""

    BULLETIN = "bulletin", _("Bulletin generation")
    LEDGER_EXPORT = "ledger_export", _("Excel export of the ledger")
    PLAN_PARSE = "plan_parse", _("Reading a plan document")
