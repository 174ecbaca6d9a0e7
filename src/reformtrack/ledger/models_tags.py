"""Tags (标签) the coordinating office puts on projects: its own words across plans (重点项目, 民生实事 …).

Kept apart from :mod:`.models` (which imports them) so that the ledger's core tables stay readable.
A tag is never deleted once it is on a project (``PROTECT``): it is archived, which takes it out of
the choices and the library's facets but leaves the projects' history whole.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import TagColour


class Tag(models.Model):
    """A word of the office's own, put on projects to find them across plans."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    colour = models.CharField(_("colour"), max_length=16, choices=TagColour.choices, default=TagColour.BLUE)
    archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class ProjectTag(models.Model):
    """A tag on a project; its history says who put it on or took it off, and when."""

    project = models.ForeignKey(
        "ledger.Project", on_delete=models.CASCADE, related_name="project_tags", verbose_name=_("project")
    )
    tag = models.ForeignKey(Tag, on_delete=models.PROTECT, related_name="project_tags", verbose_name=_("tag"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "tag__name"]
        verbose_name = _("project tag")
        verbose_name_plural = _("project tags")
        constraints = [models.UniqueConstraint(fields=["project", "tag"], name="project_tag_unique")]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.tag_id}"
