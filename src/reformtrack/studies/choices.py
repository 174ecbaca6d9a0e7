"""Choices of the pre-decision study: its status and the ways a consultation was held."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StudyStatus(models.TextChoices):
    """Drafted by the lead unit, submitted, then accepted by the coordinating office or returned."""

    DRAFT = "draft", pgettext_lazy("study status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("study status", "Submitted")
    RETURNED = "returned", pgettext_lazy("study status", "Returned")
    ACCEPTED = "accepted", pgettext_lazy("study status", "Accepted")


# A lead unit writes its study while it is a draft or came back; the office until it is accepted.
UNIT_WRITABLE = (StudyStatus.DRAFT, StudyStatus.RETURNED)
OFFICE_WRITABLE = (StudyStatus.DRAFT, StudyStatus.RETURNED, StudyStatus.SUBMITTED)


class ConsultationMethod(models.TextChoices):
    """How the people consulted were asked."""

    HEARING = "hearing", _("Public hearing")
    EXPERT = "expert", _("Expert opinion")
    PUBLIC_COMMENT = "public_comment", _("Public comment")
    SYMPOSIUM = "symposium", _("Symposium")
    DEPARTMENTAL = "departmental", _("Departmental consultation")
    OTHER = "other", pgettext_lazy("consultation method", "Other")
