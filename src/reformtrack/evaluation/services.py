"""Writes of evaluations: opening one (by the office, or when a project completes), the lead
unit's self-evaluation, the office's evaluation, the conclusion signed off (which freezes the
achievement figures) and the amendment it may open. The panel's writes are :mod:`.services_panel`.

Each service checks its caller with the predicates of :mod:`.permissions` (``PermissionDenied``),
runs in one transaction, writes history with the user, and refuses a stale save
(:class:`~.errors.ConcurrentEvaluation`) through :func:`~reformtrack.core.versioned.versioned_update`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.core.text import multi_line
from reformtrack.core.versioned import versioned_update
from reformtrack.ledger.choices import ProjectStatus
from reformtrack.ledger.models import Amendment, Project
from reformtrack.ledger.services_amend import amendment_open

from .choices import AMENDING, PRINTED_CONCLUSIONS, Conclusion, EvaluationStatus, GoalsMet
from .errors import ConcurrentEvaluation, EvaluationRefused
from .models import Evaluation
from .permissions import can_manage_evaluations, can_self_evaluate, can_view_evaluation
from .selectors import figures_to_json, live_figures

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = [
    "evaluation_amend",
    "evaluation_conclude",
    "evaluation_office",
    "evaluation_open",
    "evaluation_open_on_completion",
    "evaluation_self",
    "evaluation_set_due",
]

# the days the lead unit has for its self-evaluation when a completed project opens one; the
# office sets another date on the evaluation's page
DUE_DAYS = 60


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _history(evaluation: Evaluation, by: User | None) -> None:
    """The history row of a change made with ``QuerySet.update`` (which sends no signals)."""
    Evaluation.history.bulk_history_create([evaluation], update=True, default_user=by)


def _write(evaluation: Evaluation, by: User, version: int, current: str, **changes: Any) -> Evaluation:
    """Write ``changes`` if the evaluation is still at ``version`` and in status ``current``; else refuse."""
    rows = Evaluation.objects.filter(status=current)
    if not versioned_update(rows, pk=evaluation.pk, version=version, **changes):
        evaluation.refresh_from_db()
        if evaluation.status != current:
            raise EvaluationRefused(_("The evaluation has moved on to another step; reload the page."))
        raise ConcurrentEvaluation(_("Someone saved the evaluation after you opened it; reload the page."))
    evaluation.refresh_from_db()
    _history(evaluation, by)
    return evaluation


@transaction.atomic
def evaluation_open(*, project: Project, by: User, due: dt.date | None = None) -> Evaluation:
    """Open the project's post-implementation evaluation (the office; one per project), its
    self-evaluation due on ``due``."""
    _require(can_manage_evaluations(by))
    if Evaluation.objects.filter(project=project).exists():
        raise EvaluationRefused(_("This project already has a post-implementation evaluation."))
    evaluation = Evaluation(project=project, due=due, opened_by=by)
    evaluation._history_user = by  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            evaluation.save()
    except IntegrityError as exc:  # opened by a colleague at the same moment
        raise EvaluationRefused(_("This project already has a post-implementation evaluation.")) from exc
    return evaluation


def evaluation_open_on_completion(*, project: Project, by: User | None) -> Evaluation | None:
    """Open the evaluation of a project that has just completed, due in :data:`DUE_DAYS` days;
    nothing when it is not completed or has one. Called from the ledger's ``project_changed``
    signal, inside the ledger's transaction."""
    if project.status != ProjectStatus.COMPLETED or Evaluation.objects.filter(project=project).exists():
        return None
    evaluation = Evaluation(
        project=project, due=timezone.localdate() + dt.timedelta(days=DUE_DAYS), opened_by=by
    )
    evaluation._history_user = by  # type: ignore[attr-defined]
    evaluation.save()
    return evaluation


@transaction.atomic
def evaluation_set_due(*, evaluation: Evaluation, by: User, version: int, due: dt.date | None) -> Evaluation:
    """Set the date the self-evaluation is due (the office), until the conclusion."""
    _require(can_manage_evaluations(by))
    if evaluation.status == EvaluationStatus.CONCLUDED:
        raise EvaluationRefused(_("The evaluation is signed off."))
    return _write(evaluation, by, version, evaluation.status, due=due)


@transaction.atomic
def evaluation_self(
    *,
    evaluation: Evaluation,
    by: User,
    version: int,
    goals_met: str,
    summary: str,
    cost: Decimal | None,
    problems: str,
) -> Evaluation:
    """The lead unit's self-evaluation (its reform lead or clerk): goals met, what was done, the
    cost (万元) and the problems; it goes to the office. The target achievement is not typed: it is
    read from the recorded actual values. The public satisfaction comes from the public portal."""
    _require(can_view_evaluation(by, evaluation) and can_self_evaluate(by, evaluation))
    if goals_met not in GoalsMet.values:
        raise EvaluationRefused(_("Say how far the goals were met."))
    summary = multi_line(summary).strip()
    if not summary:
        raise EvaluationRefused(_("Write the self-evaluation."))
    if cost is not None and cost < 0:
        raise EvaluationRefused(_("The cost cannot be negative."))
    return _write(
        evaluation,
        by,
        version,
        EvaluationStatus.SELF,
        goals_met=goals_met,
        self_summary=summary,
        cost=cost,
        problems=multi_line(problems).strip(),
        self_by=by,
        self_at=timezone.now(),
        status=EvaluationStatus.OFFICE,
    )


@transaction.atomic
def evaluation_office(
    *, evaluation: Evaluation, by: User, version: int, opinion: str, panel: bool
) -> Evaluation:
    """The office's evaluation of the self-evaluation; with ``panel`` the evaluation goes to an
    expert panel, which scores the published criteria, before the conclusion."""
    _require(can_manage_evaluations(by))
    opinion = multi_line(opinion).strip()
    if not opinion:
        raise EvaluationRefused(_("Write the office's evaluation."))
    status = EvaluationStatus.PANEL if panel else EvaluationStatus.OFFICE
    return _write(
        evaluation,
        by,
        version,
        EvaluationStatus.OFFICE,
        office_opinion=opinion,
        office_by=by,
        office_at=timezone.now(),
        status=status,
    )


@transaction.atomic
def evaluation_conclude(
    *, evaluation: Evaluation, by: User, version: int, conclusion: str, reasons: str
) -> Evaluation:
    """Conclude and sign off (the office), after its evaluation (and the panel, when there is one).
    The achievement figures are read from the recorded values once more and stored: from here on
    they never move, whatever values are recorded later."""
    _require(can_manage_evaluations(by))
    if conclusion not in Conclusion.values:
        raise EvaluationRefused(_("Choose a conclusion."))
    reasons = multi_line(reasons).strip()
    if not reasons:
        raise EvaluationRefused(_("Give the reasons for the conclusion."))
    if evaluation.office_at is None or evaluation.status not in (
        EvaluationStatus.OFFICE,
        EvaluationStatus.PANEL,
    ):
        raise EvaluationRefused(_("The office evaluates before it concludes."))
    figures = figures_to_json(live_figures(evaluation.project, timezone.localdate()))
    return _write(
        evaluation,
        by,
        version,
        evaluation.status,
        conclusion=conclusion,
        conclusion_reasons=reasons,
        signed_by=by,
        signed_at=timezone.now(),
        figures=figures,
        status=EvaluationStatus.CONCLUDED,
    )


@transaction.atomic
def evaluation_amend(*, evaluation: Evaluation, by: User, decided_on: dt.date | None = None) -> Amendment:
    """Open the plan's next amendment from a conclusion to extend, adjust or stop (the office):
    its reason names the evaluation and links to it. One amendment per evaluation."""
    _require(can_manage_evaluations(by))
    locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if locked.status != EvaluationStatus.CONCLUDED or locked.conclusion not in AMENDING:
        raise EvaluationRefused(_("Only a conclusion to extend, adjust or stop opens an amendment."))
    if locked.amendment_id is not None:
        raise EvaluationRefused(_("An amendment was opened from this evaluation already."))
    project = locked.project
    word = PRINTED_CONCLUSIONS[Conclusion(locked.conclusion)]
    link = settings.SITE_URL.rstrip("/") + reverse("evaluation:detail", args=[locked.pk])
    amendment = amendment_open(
        plan=project.plan,
        by=by,
        title=f"根据《{project.label}{project.title}》实施后评估{word}"[:200],
        reason=f"实施后评估结论：{word}。\n{locked.conclusion_reasons}\n评估：{link}",
        decided_on=decided_on or timezone.localdate(),
    )
    Evaluation.objects.filter(pk=locked.pk).update(amendment=amendment)
    locked.refresh_from_db()
    _history(locked, by)
    evaluation.refresh_from_db()
    return amendment
