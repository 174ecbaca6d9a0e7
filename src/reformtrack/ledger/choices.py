"""Choices of the ledger's fields, one class per field (NetBox style)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class UnitKind(models.TextChoices):
    """What sort of body a unit is; guessed from its name on import, corrected by hand in the admin."""

    PARTY = "party", _("Party committee department")
    GOVERNMENT = "government", _("Government department")
    STREET = "street", _("Street office")
    COMMUNITY = "community", _("Community")
    MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
    CONGRESS = "congress", _("People's congress / CPPCC")
    JUDICIAL = "judicial", _("Court / procuratorate")
    CITY_BRANCH = "city_branch", _("Branch of a city body")
    COLLECTIVE = "collective", _("Collective (several units)")
    OTHER = "other", _("Other")


class UnitRole(models.TextChoices):
    """A unit's part in a project or measure: 牵头单位 or 配合单位."""

    LEAD = "lead", _("Lead unit")
    CO = "co", _("Co-unit")


class ProjectStatus(models.TextChoices):
    """Where a project stands."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")


class Light(models.TextChoices):
    """A project's or measure's status light (红黄绿灯), set only by the status services.

    The labels are words, not colours, so a printed page reads without colour.
    """

    GREEN = "green", pgettext_lazy("status light", "On track")
    YELLOW = "yellow", pgettext_lazy("status light", "At risk")
    # red for any of its reasons (overdue, far behind, reports missing, a red measure): not only overdue,
    # which is counted by its own rule (ledger/overdue.py)
    RED = "red", pgettext_lazy("status light", "Off track")
    NONE = "none", pgettext_lazy("status light", "Not assessed")


class TagColour(models.TextChoices):
    """The colour a tag is shown in: Bootstrap's badge colours, named by what a reader sees."""

    BLUE = "primary", _("Blue")
    GREEN = "success", _("Green")
    RED = "danger", _("Red")
    YELLOW = "warning", _("Yellow")
    CYAN = "info", _("Cyan")
    GREY = "secondary", _("Grey")
    BLACK = "dark", _("Black")


class TargetForm(models.TextChoices):
    """How a target's figure is read (ledger.achievement): set at import, corrected by the office."""

    EXACT = "exact", _("Exact figure")
    AT_LEAST = "at_least", _("At least")
    AT_MOST = "at_most", _("At most")
    RANGE = "range", _("Range")
    DECREASE = "decrease", _("Decrease from the baseline")
    INCREASE = "increase", _("Increase from the baseline")
