"""Errors the ledger's services raise for a user to read: one line each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from datetime import datetime

    from django.contrib.auth.models import User

    from .models import Plan, Project
    from .work import PlanWork


class LedgerError(Exception):
    """A refused request with a one-line message fit for a user."""


class PlanImportError(LedgerError):
    """The parsed plan cannot be stored as it is."""


class DuplicateDocument(PlanImportError):
    """The same document (same SHA-256) is already stored as a plan."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        super().__init__(f"this document is already imported as plan {plan.pk} ({plan.title})")


class PlanHasWork(PlanImportError):
    """The plan holds work people did (see :mod:`reformtrack.ledger.work`): replacing or deleting it
    would lose that work, so nothing is changed. ``work`` says what it holds."""

    def __init__(self, plan: Plan, work: PlanWork) -> None:
        self.plan = plan
        self.work = work
        super().__init__(
            _("Plan %(pk)s (%(title)s) holds work that would be lost: %(work)s. Nothing was changed.")
            % {"pk": plan.pk, "title": plan.title, "work": work.describe()}
        )


class WorkProtected(LedgerError):
    """A delete refused because rows of work hang off what was to be deleted (``PROTECT``)."""


class UnitChanged(LedgerError):
    """A unit changed (renamed, merged, its aliases edited) after the page the request came from
    was shown; nothing was written."""


class PlanNotFound(LedgerError):
    """No stored plan, or more than one, answers to the reference given."""


class ConcurrentEdit(LedgerError):
    """Someone saved the project after the version the user started from; nothing of theirs was written.

    ``project`` is the project as it is now (with the other person's changes), ``saved_by`` who saved
    it last (``None`` if unknown) and ``saved_at`` when.
    """

    def __init__(self, project: Project, saved_by: User | None, saved_at: datetime | None) -> None:
        self.project = project
        self.saved_by = saved_by
        self.saved_at = saved_at
        who = (saved_by.get_full_name() or saved_by.get_username()) if saved_by is not None else _("someone")
        when = localtime(saved_at).strftime("%Y-%m-%d %H:%M") if saved_at is not None else "?"
        super().__init__(
            _(
                "%(who)s saved this project first (at %(when)s); your changes are not saved. "
                "Look at what they changed and save again."
            )
            % {"who": who, "when": when}
        )


class TargetValueRefused(LedgerError):
    """An actual value (or a target's baseline) that cannot be stored as given: not a number, a date
    outside the plan's years, a second value for a date, a wrong evidence file. Nothing is stored."""


class AmendmentRefused(LedgerError):
    """A plan amendment (方案调整) or one of its changes cannot be made as asked; nothing is stored."""


class StateChanged(AmendmentRefused):
    """Someone changed the chapter, measure or target after the user's form was opened (they have no
    version column: the form carries a digest of their state); nothing of the user's is stored."""


class NotCoordinatingOffice(LedgerError, PermissionDenied):
    """Only the coordinating office amends a plan: a :class:`LedgerError` for a caller that shows the
    message (the revised-document import), a ``PermissionDenied`` (403) for a view."""

    def __init__(self) -> None:
        super().__init__(_("Only the coordinating office may amend a plan."))


class StartHeld(LedgerError):
    """The project is held from starting by a social stability risk assessment signed off as high
    (社会稳定风险评估): no report, no 'in progress', no progress until the office records its decision."""

    def __init__(self, project: Project) -> None:
        self.project = project
        super().__init__(
            _(
                "%(project)s is held by its social stability risk assessment (high risk): it cannot start "
                "or report progress until the coordinating office records a decision to go ahead."
            )
            % {"project": f"{project.label}{project.title}"}
        )
