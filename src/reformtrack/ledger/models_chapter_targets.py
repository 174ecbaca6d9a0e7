"""Targets of a chapter (章节指标): the aims a plan states in a chapter's own text, such as a
总体要求和目标 chapter's 主要目标 (满意度不低于95%, 压减50%以上).

Kept apart from :class:`~.models.Target`, which belongs to a project and carries what projects'
targets carry (actual values, reports' figures, baselines): a chapter's aim is the plan's statement,
read beside the chapter, with no report of its own. A separate table keeps every existing query of
project targets as it is.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import TargetForm


class ChapterTarget(models.Model):
    """A quantified aim stated in a chapter's text, in printed order (``position``)."""

    chapter = models.ForeignKey(
        "ledger.Chapter", on_delete=models.CASCADE, related_name="targets", verbose_name=_("chapter")
    )
    text = models.TextField(_("text"))
    subject = models.TextField(_("subject"), blank=True)
    # the whole sentence the target was read from
    sentence = models.TextField(_("sentence"), blank=True)
    min_value = models.FloatField(_("minimum"), null=True, blank=True)
    max_value = models.FloatField(_("maximum"), null=True, blank=True)
    unit = models.CharField(_("unit of measure"), max_length=40, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"))
    form = models.CharField(_("form"), max_length=10, choices=TargetForm.choices, default=TargetForm.AT_LEAST)

    history = HistoricalRecords()

    class Meta:
        ordering = ["chapter", "position"]
        verbose_name = _("chapter target")
        verbose_name_plural = _("chapter targets")
        constraints = [
            models.UniqueConstraint(fields=["chapter", "position"], name="chapter_target_position_unique"),
        ]

    def __str__(self) -> str:
        return self.text
