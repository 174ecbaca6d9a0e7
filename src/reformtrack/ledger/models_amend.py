"""Plan amendments (方案调整): the numbered decisions that change a plan's ledger, and their changes.

An amendment is one decision (a 调整方案, a meeting's minutes): its number within the plan, a reason,
the day it was decided, who decided it and the decision's document number. Each change it made is one
:class:`AmendmentChange` row with the object's state before and after, so the project page shows what
changed and when, and a later amendment can revert it. Rows are written only by
:mod:`reformtrack.ledger.services_amend`; nothing here is ever deleted.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .models import Plan, Project


def _empty_dict() -> dict[str, Any]:
    return {}


class ChangeKind(models.TextChoices):
    """What a change did to its object."""

    ADD = "add", _("Added")
    CHANGE = "change", _("Changed")
    DROP = "drop", _("Dropped")
    RESTORE = "restore", _("Restored")


class ChangedModel(models.TextChoices):
    """The kind of ledger object a change concerns."""

    CHAPTER = "chapter", _("chapter")
    PROJECT = "project", _("project")
    MEASURE = "measure", _("measure")
    TARGET = "target", _("target")


class Amendment(models.Model):
    """A numbered amendment of a plan: the changes of one decision."""

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="amendments", verbose_name=_("plan")
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    reason = models.TextField(_("reason"))
    decided_on = models.DateField(_("decided on"))
    decided_by = models.CharField(_("decided by"), max_length=200, blank=True)
    doc_number = models.CharField(_("document number"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    # the amendment this one reverts (its changes undone in reverse order), and when this one was reverted
    reverts = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reverted_by",
        verbose_name=_("reverts"),
    )
    reverted_at = models.DateTimeField(_("reverted at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "-number"]
        verbose_name = _("plan amendment")
        verbose_name_plural = _("plan amendments")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="amendment_number_unique"),
        ]

    def __str__(self) -> str:
        return f"#{self.number} {self.title}"


class AmendmentChange(models.Model):
    """One change of an amendment: an object of the ledger added, changed, dropped or restored.

    ``before`` and ``after`` hold the fields the change touched (units as lists of unit ids; a drop
    lists in ``after`` what it archived with the object, so a revert restores exactly that).
    ``project`` is the project the change concerns (a measure's or target's project; none for a
    chapter), for the project page's list.
    """

    amendment = models.ForeignKey(
        Amendment, on_delete=models.PROTECT, related_name="changes", verbose_name=_("amendment")
    )
    position = models.PositiveIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=8, choices=ChangeKind.choices)
    model = models.CharField(_("object"), max_length=8, choices=ChangedModel.choices)
    object_id = models.PositiveIntegerField(_("object id"))
    project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendment_changes",
        verbose_name=_("project"),
    )
    label = models.TextField(_("what"), blank=True)
    before = models.JSONField(_("before"), default=_empty_dict, blank=True)
    after = models.JSONField(_("after"), default=_empty_dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["amendment", "position"]
        verbose_name = _("amendment change")
        verbose_name_plural = _("amendment changes")
        constraints = [
            models.UniqueConstraint(
                fields=["amendment", "position"], name="amendment_change_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.model} {self.object_id}"
