"""Writes of the risk app: assessments from draft to sign-off, the decision, and the office's rule.

Every service is keyword-only, checks its caller (``PermissionDenied``), runs in one transaction and
writes history rows with ``by``. Edits of an assessment name the ``version`` the user started from;
a stale one raises :class:`~.errors.ConcurrentAssessment`.

The start gate: these services are the only writers of the ledger's ``Project.start_held``. A
sign-off at level high holds the project; a decision to go ahead releases it; a decision to change
keeps it held until a new assessment is signed off below high (which releases it); a decision to
stop holds it and suspends the project. The ledger's :func:`~reformtrack.ledger.gate.ensure_may_start`
refuses every start and progress of a held project.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.core.text import multi_line, single_line
from reformtrack.core.versioned import versioned_update
from reformtrack.ledger.choices import ProjectStatus
from reformtrack.ledger.models import Project
from reformtrack.ledger.signals import project_changed
from reformtrack.reporting.errors import EvidenceRefused
from reformtrack.reporting.evidence_services import checked_upload

from .choices import OPEN_STATUSES, AssessmentStatus, Decision, Dimension, RiskLevel
from .errors import AssessmentError, ConcurrentAssessment
from .level import assessed_dimensions
from .models import AffectedGroup, Assessment, AssessmentFile, DimensionScore, Risk, RiskRule
from .permissions import can_draft_assessment, can_sign_off
from .selectors import assessment_level, plain_rule, rule_of

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import UploadedFile

__all__ = [
    "assessment_create",
    "assessment_decide",
    "assessment_return",
    "assessment_save",
    "assessment_sign_off",
    "assessment_submit",
    "file_add",
    "group_add",
    "group_remove",
    "risk_add",
    "risk_remove",
    "rule_update",
]

_REASON_LENGTH = 100


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _saved_by(instance: Model, by: User) -> None:
    instance._history_user = by  # type: ignore[attr-defined]
    instance.save()


def _stale() -> ConcurrentAssessment:
    return ConcurrentAssessment(
        _("Someone saved this after you opened it; nothing of yours was saved. Look again.")
    )


def _write(assessment: Assessment, *, by: User, version: int, reason: str, **changes: Any) -> Assessment:
    if not versioned_update(Assessment.objects.all(), pk=assessment.pk, version=version, **changes):
        raise _stale()
    assessment.refresh_from_db()
    Assessment.history.bulk_history_create(
        [assessment], update=True, default_user=by, default_change_reason=reason[:_REASON_LENGTH]
    )
    return assessment


def _require_status(assessment: Assessment, version: int, *allowed: str) -> None:
    if assessment.version != version:
        raise _stale()
    if assessment.status not in allowed:
        raise AssessmentError(
            _("The assessment is %(status)s; that cannot be done now.")
            % {"status": assessment.get_status_display()}
        )


def _require_open(assessment: Assessment, by: User) -> None:
    _require(can_draft_assessment(by, assessment.project))
    if assessment.status not in (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED):
        raise AssessmentError(_("Only a draft or a returned assessment is changed."))


@transaction.atomic
def assessment_create(*, project: Project, by: User) -> Assessment:
    """Start a draft assessment of ``project`` with a row for each dimension the rule assesses.

    The office or the lead unit's reform lead and clerk; refused while another is in progress.
    """
    _require(can_draft_assessment(by, project))
    Project.all_objects.select_for_update().filter(pk=project.pk).first()
    if Assessment.objects.filter(project=project, status__in=OPEN_STATUSES).exists():
        raise AssessmentError(_("The project has an assessment in progress already."))
    assessment = Assessment(project=project, created_by=by)
    _saved_by(assessment, by)
    for dimension in assessed_dimensions(plain_rule(rule_of())):
        _saved_by(DimensionScore(assessment=assessment, dimension=dimension), by)
    return assessment


@transaction.atomic
def assessment_save(
    *,
    assessment: Assessment,
    by: User,
    version: int,
    summary: str,
    scores: Mapping[str, tuple[int | None, str]],
) -> Assessment:
    """Save the summary and the dimensions' scores and evidence (dimension → (score, evidence)).

    A score is a whole number from 1 to the rule's highest score, or none yet.
    """
    _require_open(assessment, by)
    _require_status(assessment, version, AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)
    scale = rule_of().scale_max
    for row in DimensionScore.objects.filter(assessment=assessment):
        if row.dimension not in scores:
            continue
        score, evidence = scores[row.dimension]
        if score is not None and not 1 <= score <= scale:
            raise AssessmentError(_("A score is a whole number from 1 to %(max)d.") % {"max": scale})
        evidence = multi_line(evidence).strip()
        if (row.score, row.evidence) != (score, evidence):
            row.score, row.evidence = score, evidence
            _saved_by(row, by)
    return _write(assessment, by=by, version=version, reason="saved", summary=multi_line(summary).strip())


@transaction.atomic
def group_add(*, assessment: Assessment, by: User, name: str, concerns: str = "") -> AffectedGroup:
    """Add an affected group to a draft or returned assessment."""
    _require_open(assessment, by)
    name = single_line(name)[:200]
    if not name:
        raise AssessmentError(_("Name the affected group."))
    group = AffectedGroup(assessment=assessment, name=name, concerns=multi_line(concerns).strip())
    _saved_by(group, by)
    return group


@transaction.atomic
def group_remove(*, group: AffectedGroup, by: User) -> None:
    """Remove an affected group from a draft or returned assessment (its history keeps it)."""
    _require_open(group.assessment, by)
    group._history_user = by  # type: ignore[attr-defined]
    group.delete()


@transaction.atomic
def risk_add(
    *,
    assessment: Assessment,
    by: User,
    description: str,
    likelihood: int,
    impact: int,
    mitigation: str = "",
    owner: str = "",
) -> Risk:
    """Add a risk (likelihood and impact from 1 to 5) to a draft or returned assessment."""
    _require_open(assessment, by)
    description = multi_line(description).strip()
    if not description:
        raise AssessmentError(_("Describe the risk."))
    if not (1 <= likelihood <= 5 and 1 <= impact <= 5):
        raise AssessmentError(_("Likelihood and impact are whole numbers from 1 to 5."))
    risk = Risk(
        assessment=assessment,
        description=description,
        likelihood=likelihood,
        impact=impact,
        mitigation=multi_line(mitigation).strip(),
        owner=single_line(owner)[:200],
    )
    _saved_by(risk, by)
    return risk


@transaction.atomic
def risk_remove(*, risk: Risk, by: User) -> None:
    """Remove a risk from a draft or returned assessment (its history keeps it)."""
    _require_open(risk.assessment, by)
    risk._history_user = by  # type: ignore[attr-defined]
    risk.delete()


@transaction.atomic
def file_add(
    *, assessment: Assessment, by: User, upload: UploadedFile[bytes], dimension: str = ""
) -> AssessmentFile:
    """Keep a file backing a draft or returned assessment (for one dimension, or the whole), stored
    under the type its content was recognised as: the evidence rules of progress reports
    (``checked_upload``: size, kind by content, unpacked size). A refused file or a copy of one the
    assessment keeps raises :class:`AssessmentError`, storing nothing."""
    _require_open(assessment, by)
    if dimension and dimension not in Dimension.values:
        raise AssessmentError(_("Choose a dimension."))
    try:
        checked = checked_upload(upload)
    except EvidenceRefused as exc:
        raise AssessmentError(str(exc)) from exc
    if AssessmentFile.objects.filter(assessment=assessment, sha256=checked.sha256).exists():
        raise AssessmentError(_("%(name)s is kept already.") % {"name": checked.name})
    kept = AssessmentFile(
        assessment=assessment,
        dimension=dimension,
        original_name=checked.name,
        content_type=checked.kind.mime,
        size=len(checked.content),
        sha256=checked.sha256,
        uploaded_by=by,
    )
    kept.file.save(f"{checked.sha256}.{checked.kind.extension}", ContentFile(checked.content), save=False)
    _saved_by(kept, by)
    return kept


@transaction.atomic
def assessment_submit(*, assessment: Assessment, by: User, version: int) -> Assessment:
    """Send the assessment to the office: every assessed dimension needs a score and its evidence."""
    _require(can_draft_assessment(by, assessment.project))
    _require_status(assessment, version, AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)
    missing = DimensionScore.objects.filter(assessment=assessment).filter(score__isnull=True).exists() or (
        DimensionScore.objects.filter(assessment=assessment, evidence="").exists()
    )
    if missing:
        raise AssessmentError(_("Score every dimension and give its evidence before submitting."))
    return _write(
        assessment,
        by=by,
        version=version,
        reason="submitted",
        status=AssessmentStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )


@transaction.atomic
def assessment_return(*, assessment: Assessment, by: User, version: int, comment: str) -> Assessment:
    """The office sends a submitted assessment back to the lead unit, saying what to change."""
    _require(can_sign_off(by))
    comment = multi_line(comment).strip()
    if not comment:
        raise AssessmentError(_("Say what the unit should change when returning an assessment."))
    _require_status(assessment, version, AssessmentStatus.SUBMITTED)
    return _write(
        assessment,
        by=by,
        version=version,
        reason="returned",
        status=AssessmentStatus.RETURNED,
        review_comment=comment,
    )


def _hold(project: Project, by: User, *, held: bool, suspend: bool = False) -> None:
    """Write the ledger's hold (and a suspension) on ``project``: a new version and a history row
    whose reason is the ledger's code ``changed <fields>`` (the history pages word it in Chinese)."""
    changes: dict[str, Any] = {"start_held": held}
    if suspend:
        changes["status"] = ProjectStatus.SUSPENDED
    Project.all_objects.filter(pk=project.pk).update(**changes, version=F("version") + 1)
    project.refresh_from_db()
    Project.history.bulk_history_create(
        [project], update=True, default_user=by, default_change_reason="changed " + ", ".join(sorted(changes))
    )
    if suspend:
        project_changed.send(sender=Project, project=project, by=by)


@transaction.atomic
def assessment_sign_off(*, assessment: Assessment, by: User, version: int) -> Assessment:
    """The office signs off a submitted assessment: its level is computed by the rule as it stands.

    High holds the project from starting; below high releases a hold (a decision to change asked
    for this new assessment).
    """
    _require(can_sign_off(by))
    _require_status(assessment, version, AssessmentStatus.SUBMITTED)
    level = assessment_level(assessment, plain_rule(rule_of()))
    assessment = _write(
        assessment,
        by=by,
        version=version,
        reason=f"signed off: {level}",
        status=AssessmentStatus.SIGNED_OFF,
        level=level,
        signed_off_by=by,
        signed_off_at=timezone.now(),
    )
    project = assessment.project
    held = level == RiskLevel.HIGH
    if project.start_held != held:
        _hold(project, by, held=held)
    return assessment


@transaction.atomic
def assessment_decide(
    *, assessment: Assessment, by: User, version: int, decision: str, reason: str
) -> Assessment:
    """The office records its decision on a project whose assessment was signed off high, with why.

    Go ahead (准予实施) releases the hold; change (调整后实施) keeps it until a new assessment is
    signed off below high; stop (暂缓或终止) keeps it and suspends the project.
    """
    _require(can_sign_off(by))
    if decision not in Decision.values:
        raise AssessmentError(_("Choose a decision."))
    reason = multi_line(reason).strip()
    if not reason:
        raise AssessmentError(_("Give the reason for the decision."))
    _require_status(assessment, version, AssessmentStatus.SIGNED_OFF)
    if assessment.level != RiskLevel.HIGH or assessment.decision:
        raise AssessmentError(_("A decision is recorded once, on an assessment signed off as high."))
    assessment = _write(
        assessment,
        by=by,
        version=version,
        reason=f"decided: {decision}",
        decision=decision,
        decision_reason=reason,
        decided_by=by,
        decided_at=timezone.now(),
    )
    _hold(assessment.project, by, held=decision != Decision.GO_AHEAD, suspend=decision == Decision.STOP)
    return assessment


_RULE_FIELDS = (
    "assess_safety",
    "scale_max",
    "score_high_at",
    "score_medium_at",
    "product_high_at",
    "product_medium_at",
)


@transaction.atomic
def rule_update(*, by: User, version: int, **fields: Any) -> RiskRule:
    """The office sets its rule (fields of :class:`RiskRule`); assessments signed off keep their level."""
    _require(can_sign_off(by))
    unknown = set(fields) - set(_RULE_FIELDS)
    if unknown:
        raise TypeError(f"rule_update() cannot change {', '.join(sorted(unknown))}")
    row = rule_of()
    values = {name: fields.get(name, getattr(row, name)) for name in _RULE_FIELDS}
    if not 1 <= values["score_high_at"] <= values["score_medium_at"] < values["scale_max"]:
        raise AssessmentError(_("The score thresholds must rise: high ≤ medium < the highest score."))
    if not 1 <= values["product_medium_at"] <= values["product_high_at"] <= 25:
        raise AssessmentError(_("The likelihood × impact thresholds must rise: medium ≤ high ≤ 25."))
    if row.pk is None:
        if version != row.version:
            raise _stale()
        row = RiskRule(**values)
        _saved_by(row, by)
        return row
    if not versioned_update(RiskRule.objects.all(), pk=row.pk, version=version, **values):
        raise _stale()
    row.refresh_from_db()
    RiskRule.history.bulk_history_create(
        [row], update=True, default_user=by, default_change_reason="rule changed"
    )
    return row
