"""Choices of the evaluation app's fields."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EvaluationStatus(models.TextChoices):
    """The steps of a post-implementation evaluation, in order."""

    SELF = "self", _("Self-evaluation by the lead unit")
    OFFICE = "office", _("Evaluation by the office")
    PANEL = "panel", _("Expert panel")
    CONCLUDED = "concluded", _("Concluded and signed off")


class GoalsMet(models.TextChoices):
    """How far the lead unit says the project's goals were met."""

    MET = "met", _("Fully met")
    PARTLY = "partly", _("Partly met")
    NOT_MET = "not_met", _("Not met")


class Conclusion(models.TextChoices):
    """What the evaluation concludes for the reform."""

    KEEP = "keep", _("Keep implementing")
    EXTEND = "extend", _("Extend")
    ADJUST = "adjust", _("Adjust and improve")
    STOP = "stop", _("Stop")


# conclusions that may open the plan's next amendment
AMENDING = (Conclusion.EXTEND, Conclusion.ADJUST, Conclusion.STOP)


class AssignmentStatus(models.TextChoices):
    """Where a reviewer's assignment stands."""

    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", pgettext_lazy("invitation", "Accepted")
    DECLINED = "declined", _("Declined")
    DONE = "done", _("Scored")


# the words official documents and amendments print, Chinese whatever the reader's language
PRINTED_CONCLUSIONS = {
    Conclusion.KEEP: "继续实施",
    Conclusion.EXTEND: "扩大推广",
    Conclusion.ADJUST: "调整完善",
    Conclusion.STOP: "停止实施",
}
PRINTED_GOALS = {GoalsMet.MET: "全部达成", GoalsMet.PARTLY: "部分达成", GoalsMet.NOT_MET: "未达成"}
